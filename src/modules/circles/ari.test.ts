import { describe, expect, it } from "vitest";
import { adjustedRandIndex, labelsFromClusters } from "./ari.ts";

describe("adjustedRandIndex", () => {
  it("matches values worked out by hand (and by scikit-learn's adjusted_rand_score)", () => {
    // Contingency [[2,1,0],[0,1,2]]: index 2, expected 6·3/15 = 1.2, maximum 4.5 → 0.8 / 3.3.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.8 / 3.3, 12);
    // Index 1, expected 2·1/6, maximum 1.5 → (2/3) / (7/6) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12);
  });

  it("is 1 for the same partition under other names, and symmetric", () => {
    expect(adjustedRandIndex(["a", "a", "b", "b", "c"], [7, 7, 3, 3, 9])).toBe(1);
    const x = [0, 0, 1, 1, 2, 2, 2, 3];
    const y = [1, 0, 1, 1, 2, 3, 3, 3];
    expect(adjustedRandIndex(x, y)).toBeCloseTo(adjustedRandIndex(y, x), 12);
  });

  it("is 0 against a partition that carries no information, and negative below chance", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeLessThan(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });

  it("scores trivial partitions by convention and refuses mismatched lengths", () => {
    expect(adjustedRandIndex([], [])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [5, 5, 5])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [0, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [0, 1, 2])).toBe(0);
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });

  it("keeps 1 and '1' apart", () => {
    expect(adjustedRandIndex([1, "1", 1, "1"], [0, 1, 0, 1])).toBe(1);
  });
});

describe("labelsFromClusters", () => {
  it("labels clustered ids by cluster and leaves every other id alone", () => {
    const labels = labelsFromClusters(["a", "b", "c", "d"], [{ ids: ["a", "c"] }]);
    expect(labels[0]).toBe(labels[2]);
    expect(new Set(labels).size).toBe(3);
  });
});
