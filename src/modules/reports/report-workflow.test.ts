import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/http/errors.ts";
import { CLOSE_REASONS, checkTransition, nextStatuses, STATUSES, TRANSITIONS } from "./report-workflow.ts";

const idOf = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (error) {
    return error instanceof AppError ? `${error.status} ${error.id}` : "thrown";
  }
};

describe("status transitions", () => {
  it("allows exactly the changes in the table, and refuses every other pair with a 409", () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const reason = to === "closed" ? "resolved" : undefined;
        const allowed = (TRANSITIONS[from] as readonly string[]).includes(to);
        expect([from, to, idOf(() => checkTransition(from, to, "coordinator", reason))]).toEqual([
          from,
          to,
          allowed ? "ok" : "409 invalid_transition",
        ]);
      }
    }
  });

  it("follows the workflow new → in review → referred or escalated → closed", () => {
    expect(checkTransition("new", "in_review", "caseworker", undefined)).toBeNull();
    expect(checkTransition("in_review", "referred", "caseworker", undefined)).toBeNull();
    expect(checkTransition("in_review", "escalated", "caseworker", undefined)).toBeNull();
    expect(checkTransition("escalated", "closed", "caseworker", "referred_to_police")).toBe(
      "referred_to_police",
    );
  });

  it("requires a known reason to close, and no reason otherwise", () => {
    expect(idOf(() => checkTransition("in_review", "closed", "admin", undefined))).toBe(
      "400 close_reason_required",
    );
    expect(idOf(() => checkTransition("in_review", "closed", "admin", "bored"))).toBe(
      "400 invalid_close_reason",
    );
    expect(idOf(() => checkTransition("new", "in_review", "admin", "resolved"))).toBe(
      "400 close_reason_not_allowed",
    );
    for (const reason of CLOSE_REASONS)
      expect(checkTransition("new", "closed", "admin", reason)).toBe(reason);
  });

  it("refuses an unknown status with a 400", () => {
    expect(idOf(() => checkTransition("new", "archived", "admin", undefined))).toBe("400 invalid_status");
  });

  it("lets only admins and coordinators reopen a closed report", () => {
    expect(checkTransition("closed", "in_review", "coordinator", undefined)).toBeNull();
    expect(checkTransition("closed", "in_review", "admin", undefined)).toBeNull();
    expect(idOf(() => checkTransition("closed", "in_review", "caseworker", undefined))).toBe("403 forbidden");
    expect(nextStatuses("closed", "caseworker")).toEqual([]);
    expect(nextStatuses("closed", "coordinator")).toEqual(["in_review"]);
  });
});
