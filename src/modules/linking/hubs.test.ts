import { describe, expect, it } from "vitest";
import { dueForHubCheck, type Sighting, unrelatedGroups } from "./hubs.ts";

/** Sightings from items written as `item: identifiers`. */
function sightings(items: Record<string, readonly string[]>): Sighting[] {
  return Object.entries(items).flatMap(([item, ids]) => ids.map((identifier) => ({ identifier, item })));
}

function groupsOf(x: string, items: Record<string, readonly string[]>): number {
  const all = sightings(items);
  const mine = new Set(all.filter((s) => s.identifier === x).map((s) => s.item));
  const neighbours = new Set(all.filter((s) => mine.has(s.item)).map((s) => s.identifier));
  const theirItems = new Set(all.filter((s) => neighbours.has(s.identifier)).map((s) => s.item));
  return unrelatedGroups(
    x,
    mine,
    neighbours,
    all.filter((s) => theirItems.has(s.item)),
  );
}

describe("unrelated groups of an identifier", () => {
  it("counts one group per operator for a switchboard number they all print", () => {
    const items: Record<string, string[]> = {};
    for (let op = 0; op < 12; op++) {
      items[`op${op}-a`] = ["hotel", `phone${op}`];
      items[`op${op}-b`] = [`phone${op}`, `mail${op}`];
      items[`op${op}-c`] = [`mail${op}`];
    }
    expect(groupsOf("hotel", items)).toBe(12);
  });

  it("counts an operator's own number, its churned numbers and handles seen together, as one group", () => {
    const items: Record<string, string[]> = {
      a1: ["main", "old"],
      a2: ["main", "handle"],
      a3: ["main", "new"],
      b1: ["old", "handle"],
      b2: ["handle", "new"],
      b3: ["new"],
    };
    expect(groupsOf("main", items)).toBe(1);
  });

  it("leaves out neighbours never seen without the identifier (numbers used once beside it)", () => {
    const items: Record<string, string[]> = {};
    for (let i = 0; i < 30; i++) items[`ad${i}`] = ["main", `burner${i}`];
    expect(groupsOf("main", items)).toBe(0);
  });

  it("joins two neighbours only where an item without the identifier carries both", () => {
    expect(groupsOf("x", { a: ["x", "y"], b: ["x", "w"], c: ["y", "w"] })).toBe(1);
    expect(groupsOf("x", { a: ["x", "y", "w"], c: ["y"], d: ["w"] })).toBe(2);
    // not through a third identifier, which may be a hub not yet detected
    expect(groupsOf("x", { a: ["x", "y"], e: ["x", "w"], c: ["y", "z"], d: ["z", "w"] })).toBe(2);
  });
});

describe("when an identifier is due a hub check", () => {
  it("is due once it passes the limit, then each time its count grows by a quarter", () => {
    const limit = 10;
    const due: number[] = [];
    for (let n = 1; n <= 40; n++) if (dueForHubCheck(n - 1, n, limit)) due.push(n);
    expect(due).toEqual([11, 13, 16, 20, 25, 31, 39]);
  });

  it("is due after a batch that jumps over a step, and not when nothing changed", () => {
    expect(dueForHubCheck(5, 200, 10)).toBe(true);
    expect(dueForHubCheck(200, 200, 10)).toBe(false);
    expect(dueForHubCheck(0, 10, 10)).toBe(false);
  });
});
