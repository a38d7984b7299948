import { describe, expect, it } from "vitest";
import { InboxQuerySchema } from "./report-inbox.schema.ts";
import { decodeCursor, encodeCursor, toFilter } from "./report-inbox.service.ts";

const scope = { userId: "u1", organisationId: "o1", role: "coordinator" };

describe("the inbox cursor", () => {
  it("round-trips the last row's sort keys", () => {
    const urgency = { sort: "urgency", urgency: 2, at: "2026-01-01T00:00:00.000Z", id: "abc" } as const;
    expect(decodeCursor(encodeCursor(urgency), "urgency")).toEqual(urgency);
    const active = { sort: "active", at: "2026-01-01T00:00:00.000Z", id: "abc" } as const;
    expect(decodeCursor(encodeCursor(active), "active")).toEqual(active);
  });

  it("refuses a cursor of another sort, or one that was tampered with", () => {
    const newest = encodeCursor({ sort: "newest", at: "2026-01-01T00:00:00.000Z", id: "abc" });
    expect(() => decodeCursor(newest, "oldest")).toThrow(expect.objectContaining({ id: "invalid_cursor" }));
    for (const bad of ["garbage", Buffer.from('["urgency","x","y"]').toString("base64url"), ""]) {
      expect(() => decodeCursor(bad, "urgency")).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});

describe("the inbox filters", () => {
  it("reads me, nobody, names and days into database terms", () => {
    const q = InboxQuerySchema.parse({
      assignee: "me",
      urgency: "normal",
      category: "forced_labour",
      from: "2026-02-01",
      to: "2026-02-28",
      unread: "1",
    });
    expect(toFilter(scope, q)).toMatchObject({
      status: "open",
      assigneeId: "u1",
      urgency: 0,
      categoryBit: 2,
      from: "2026-02-01T00:00:00.000Z",
      until: "2026-03-01T00:00:00.000Z",
      unread: true,
      unreadMessages: false,
      includeMerged: false,
    });
    expect(toFilter(scope, InboxQuerySchema.parse({ assignee: "unassigned" })).assigneeId).toBeNull();
  });

  it("refuses impossible days and reversed ranges", () => {
    expect(InboxQuerySchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(InboxQuerySchema.safeParse({ from: "2026-03-01", to: "2026-02-01" }).success).toBe(false);
    expect(InboxQuerySchema.safeParse({ from: "2026-02-28", to: "2026-02-28" }).success).toBe(true);
  });
});
