import { describe, expect, it } from "vitest";
import {
  CIRCLE_EXACT,
  CIRCLE_REPORT,
  SECOND_CIRCLE_EXACT,
  SECOND_CIRCLE_REPORT,
} from "../../../test/support/circle-report-fixture.ts";
import {
  clusterKey,
  type ExactParticipants,
  MissingParticipantCounts,
  mergeForum,
  suppressParticipants,
} from "./forum-merge.ts";

const FORUM = { forumId: "forum-1", title: "Foro de ONG hacia la CSW71", language: "es" };
const EXACT = new Map([
  [CIRCLE_REPORT.circleId, CIRCLE_EXACT],
  [SECOND_CIRCLE_REPORT.circleId, SECOND_CIRCLE_EXACT],
]);
const merged = () =>
  mergeForum(FORUM, [CIRCLE_REPORT, SECOND_CIRCLE_REPORT], "2026-02-16T08:00:00.000Z", EXACT);

describe("mergeForum", () => {
  it("lists the circles in the order they met, and their common threads", () => {
    const forum = merged();
    expect(forum.circles.map((c) => c.circleId)).toEqual(["circle-madrid-2", "circle-madrid-1"]);
    expect(forum.commonThreads).toEqual([
      { circleTitle: SECOND_CIRCLE_REPORT.title, text: SECOND_CIRCLE_REPORT.commonThreads },
      { circleTitle: CIRCLE_REPORT.title, text: CIRCLE_REPORT.commonThreads },
    ]);
    expect(forum).toMatchObject({ ...FORUM, generatedAt: "2026-02-16T08:00:00.000Z" });
  });

  it("counts each theme and cluster by circles, then responses, then supports", () => {
    const rows = merged().themes.map((t) => [
      t.kind,
      clusterKey(t.label),
      t.circles,
      t.responses,
      t.supports,
    ]);
    expect(rows).toEqual([
      ["cluster", "captacion en redes sociales", 2, 4, 22],
      ["theme", "prevention", 2, 4, 21],
      ["theme", "protection", 2, 3, 14],
      ["theme", "partnership", 1, 4, 25],
      ["theme", "survivor support", 1, 2, 17],
      ["cluster", "testimonios de supervivientes", 1, 2, 14],
      ["cluster", "derivacion entre organizaciones", 1, 2, 11],
      ["theme", "online exploitation", 1, 1, 9],
      ["theme", "law policy", 1, 1, 5],
      ["theme", "prosecution", 1, 1, 5],
    ]);
  });

  it("counts a response once per theme, whether it carries the theme or sits under its heading", () => {
    // r13 is under the "prevention" heading and also tagged prevention: one response, not two.
    const prevention = merged().themes.find((t) => t.kind === "theme" && t.label === "prevention");
    expect(prevention?.responses).toBe(4);
  });

  it("compares cluster names without case, accents, spacing or punctuation", () => {
    expect(clusterKey("Captación en  redes sociales!")).toBe(clusterKey("captacion en redes sociales"));
    expect(clusterKey("ÉCOLES")).toBe("ecoles");
    // Arabic keeps its letters and loses its vowel marks.
    expect(clusterKey("التَّوعِية في المدارس")).toBe("التوعية في المدارس");
    expect(clusterKey("  -- ")).toBe("");
  });

  it("shows the spelling with capitals and accents when two are used as often", () => {
    const cluster = merged().themes.find((t) => t.kind === "cluster" && t.circles === 2);
    expect(cluster?.label).toBe("Captación en redes sociales");
  });

  it("shows the most used spelling of a shared cluster name", () => {
    const third = { ...SECOND_CIRCLE_REPORT, circleId: "circle-3", startsAt: "2026-02-15T10:00:00.000Z" };
    const forum = mergeForum(
      FORUM,
      [CIRCLE_REPORT, SECOND_CIRCLE_REPORT, third],
      "2026-02-16T08:00:00.000Z",
      new Map([...EXACT, ["circle-3", SECOND_CIRCLE_EXACT]]),
    );
    expect(forum.themes[0]).toMatchObject({ label: "captacion en redes  sociales", circles: 3 });
  });

  it("sums exact counts before suppressing, so small groups of several circles can add up to 5", () => {
    const { participants } = merged();
    expect(participants.total).toBe(31);
    expect(participants.ageGroups).toEqual([
      { value: "under_18", count: undefined },
      { value: "18_24", count: 9 },
      { value: "25_34", count: 7 },
      { value: "35_54", count: 10 },
      { value: "55_plus", count: undefined },
    ]);
    // 3 + 4 experienced people, both hidden in their own circle, are 7 in the forum.
    expect(participants.knowledge).toEqual([
      { value: "new", count: 8 },
      { value: "some", count: 10 },
      { value: "experienced", count: 7 },
      { value: "expert", count: undefined },
    ]);
    expect(participants.sectors).toEqual([
      { value: "grassroots", count: 6 },
      { value: "faith", count: 11 },
      { value: "student", count: 8 },
      { value: "survivor_leader", count: undefined },
    ]);
  });

  it("refuses to add up a circle whose exact counts are missing", () => {
    expect(() => mergeForum(FORUM, [CIRCLE_REPORT], "2026-02-16T08:00:00.000Z", new Map())).toThrow(
      MissingParticipantCounts,
    );
  });

  it("merges no circles into an empty report", () => {
    const forum = mergeForum(FORUM, [], "2026-02-16T08:00:00.000Z", new Map());
    expect(forum.themes).toEqual([]);
    expect(forum.participants).toEqual({ total: undefined, ageGroups: [], knowledge: [], sectors: [] });
  });
});

describe("suppressParticipants", () => {
  it("hides every count under 5, leaves out empty groups, keeps the vocabulary's order", () => {
    const exact: ExactParticipants = {
      total: 4,
      ageGroups: { "55_plus": 5, under_18: 4, "18_24": 0 },
      knowledge: {},
      sectors: { other: 5, grassroots: 12 },
    };
    expect(suppressParticipants(exact)).toEqual({
      total: undefined,
      ageGroups: [
        { value: "under_18", count: undefined },
        { value: "55_plus", count: 5 },
      ],
      knowledge: [],
      sectors: [
        { value: "grassroots", count: 12 },
        { value: "other", count: 5 },
      ],
    });
  });
});
