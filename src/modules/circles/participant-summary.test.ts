import { describe, expect, it } from "vitest";
import { sumParticipants, suppressParticipants as suppress } from "./forum-merge.ts";
import { exactCounts, participantSummary } from "./participant-summary.ts";

const people = (n: number, facts: { age_group?: string; knowledge?: string; sector?: string }) =>
  Array.from({ length: n }, () => ({
    age_group: facts.age_group ?? null,
    knowledge: facts.knowledge ?? null,
    sector: facts.sector ?? null,
  }));

describe("the participant summary", () => {
  it("shows groups of 5 or more exactly and smaller ones as fewer than 5, never a group of nobody", () => {
    const s = participantSummary([
      ...people(7, { age_group: "18_24", sector: "student" }),
      ...people(6, { age_group: "25_34", sector: "grassroots" }),
      ...people(2, { age_group: "55_plus", sector: "grassroots" }),
    ]);
    expect(s.total).toBe(15);
    expect(s.ageGroups).toEqual([
      { value: "18_24", count: 7 },
      { value: "25_34", count: 6 },
      { value: "55_plus", count: undefined },
    ]);
    expect(s.sectors).toEqual([
      { value: "grassroots", count: 8 },
      { value: "student", count: 7 },
    ]);
    // Nobody said how much they know: one group, "not said", all 15.
    expect(s.knowledge).toEqual([{ value: "not_said", count: 15 }]);
  });

  it("hides the total of a circle under 5 people", () => {
    expect(participantSummary(people(4, { sector: "faith" })).total).toBeUndefined();
  });

  it("adds circles' exact counts before hiding small groups (a forum)", () => {
    const a = exactCounts(people(3, { sector: "faith" }));
    const b = exactCounts(people(3, { sector: "faith" }));
    // Each circle alone hides its 3; together they are 6, shown.
    expect(suppress(a).sectors).toEqual([{ value: "faith", count: undefined }]);
    expect(suppress(sumParticipants([a, b])).sectors).toEqual([{ value: "faith", count: 6 }]);
  });

  it("counts a value outside the vocabulary as not said", () => {
    const s = participantSummary(people(5, { age_group: "forged" }));
    expect(s.ageGroups).toEqual([{ value: "not_said", count: 5 }]);
  });
});
