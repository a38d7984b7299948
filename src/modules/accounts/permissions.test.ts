import { describe, expect, it } from "vitest";
import { ACTIONS, assertCan, can, ROLES, readsContent } from "./permissions.ts";

describe("the permission table", () => {
  it("lets only the roles that answer reporters read report content", () => {
    const readers = ROLES.filter((r) => can(r, "report.read"));
    expect(readers).toEqual(["admin", "coordinator", "caseworker"]);
  });

  it("shows the identifier graph to those who work on reports and to analysts, and lets them all sign in with a second factor", () => {
    expect(ROLES.filter((r) => can(r, "links.read"))).toEqual([
      "admin",
      "coordinator",
      "caseworker",
      "analyst",
    ]);
    expect(ROLES.filter((r) => can(r, "links.export"))).toEqual(["admin", "coordinator", "analyst"]);
    expect(ROLES.filter((r) => readsContent(r))).toEqual(["admin", "coordinator", "caseworker", "analyst"]);
  });

  it("keeps the audit log for admins", () => {
    expect(ROLES.filter((r) => can(r, "audit.read"))).toEqual(["admin"]);
  });

  it("refuses unknown roles everything, with a 403 the routes render", () => {
    for (const action of ACTIONS) expect(can("superuser-typo", action)).toBe(false);
    expect(() => assertCan({ userId: "u", organisationId: "o", role: "viewer" }, "report.read")).toThrow(
      expect.objectContaining({ id: "forbidden", status: 403 }),
    );
  });
});
