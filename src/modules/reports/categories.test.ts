import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORY_IDS, categoriesOfMask, categoryMask } from "./categories.ts";
import { initialUrgency, URGENCY } from "./reports.service.ts";

describe("category mask", () => {
  it("round-trips any set of categories, in the table's order", () => {
    fc.assert(
      fc.property(fc.subarray([...CATEGORY_IDS]), (ids) => {
        expect(categoriesOfMask(categoryMask(ids))).toEqual(CATEGORY_IDS.filter((id) => ids.includes(id)));
      }),
    );
  });

  it("ignores unknown ids", () => {
    expect(categoryMask(["forced_labour", "nonsense"])).toBe(categoryMask(["forced_labour"]));
  });
});

describe("initial urgency", () => {
  const base = { danger: "no", children: "no", categories: ["forced_labour"] };
  it("is urgent when someone is in danger now, whatever else", () => {
    expect(initialUrgency({ ...base, danger: "yes", children: "yes" })).toBe(URGENCY.urgent);
  });
  it("is high when children are involved or it is reported as child trafficking", () => {
    expect(initialUrgency({ ...base, children: "yes" })).toBe(URGENCY.high);
    expect(initialUrgency({ ...base, categories: ["child_trafficking"] })).toBe(URGENCY.high);
  });
  it("is normal otherwise, unknown answers included", () => {
    expect(initialUrgency({ ...base, danger: "unknown", children: "unknown" })).toBe(URGENCY.normal);
  });
});
