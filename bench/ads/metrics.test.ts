import { describe, expect, it } from "vitest";
import type { AdTruth, TruthIdentifier } from "./generate.ts";
import { prf, scoreClusters, scoreExtraction } from "./metrics.ts";

const id = (
  type: TruthIdentifier["type"],
  value: string,
  obfuscation: TruthIdentifier["obfuscation"] = [],
): TruthIdentifier => ({
  type,
  value,
  raw: value,
  start: 0,
  end: value.length,
  obfuscation,
  obfuscated: obfuscation.length > 0,
});

describe("cluster scores", () => {
  // Truth {a,b,c} {d,e}; prediction {a,b} {c,d,e}.
  const truth = new Map([
    ["a", "T1"],
    ["b", "T1"],
    ["c", "T1"],
    ["d", "T2"],
    ["e", "T2"],
  ]);
  const predicted = new Map([
    ["a", "P1"],
    ["b", "P1"],
    ["c", "P2"],
    ["d", "P2"],
    ["e", "P2"],
  ]);

  it("counts pairs put together and kept apart (hand-computed: 2 of 4 either way)", () => {
    const { pairwise } = scoreClusters(truth, predicted);
    expect(pairwise.precision).toBeCloseTo(0.5);
    expect(pairwise.recall).toBeCloseTo(0.5);
    expect(pairwise.f1).toBeCloseTo(0.5);
  });

  it("averages B-cubed per item (hand-computed: 11/15 both ways)", () => {
    const { bcubed } = scoreClusters(truth, predicted);
    expect(bcubed.precision).toBeCloseTo(11 / 15);
    expect(bcubed.recall).toBeCloseTo(11 / 15);
    expect(bcubed.f1).toBeCloseTo(11 / 15);
  });

  it("scores a perfect clustering 1 whatever the cluster names", () => {
    const renamed = new Map([...truth].map(([item, c]) => [item, `x-${c}`]));
    const s = scoreClusters(truth, renamed);
    expect([s.pairwise.f1, s.bcubed.f1]).toEqual([1, 1]);
  });

  it("treats items left out of the prediction as singletons", () => {
    const s = scoreClusters(truth, new Map());
    expect(s.pairwise).toEqual({ precision: 1, recall: 0, f1: 0 });
    expect(s.bcubed.precision).toBe(1);
    // a, b, c recall 1/3 each; d, e 1/2 each.
    expect(s.bcubed.recall).toBeCloseTo((3 / 3 + 2 / 2) / 5);
  });

  it("punishes one giant cluster (a hub number linking everything)", () => {
    const giant = new Map([...truth.keys()].map((item) => [item, "hub"]));
    const s = scoreClusters(truth, giant);
    expect(s.pairwise.precision).toBeCloseTo(4 / 10);
    expect(s.pairwise.recall).toBe(1);
    expect(s.bcubed.precision).toBeCloseTo((3 * (3 / 5) + 2 * (2 / 5)) / 5);
  });
});

describe("extraction scores", () => {
  const truth: AdTruth[] = [
    {
      id: "ad-1",
      cluster: "op-1",
      identifiers: [
        id("phone", "+447700900123", ["spelled"]),
        id("email", "ana@example.com"),
        id("phone", "+442079460001"),
      ],
    },
    { id: "ad-2", cluster: "op-2", identifiers: [id("phone", "+12125550123")] },
  ];
  const predicted = new Map([
    [
      "ad-1",
      [
        { type: "phone", value: "+447700900123" },
        { type: "phone", value: "+442079460002" }, // wrong number
        { type: "email", value: "ana@example.com" },
        { type: "price", value: "150 EUR" }, // not scored
      ],
    ],
    [
      "ad-2",
      [
        { type: "phone", value: "+12125550123" },
        { type: "phone", value: "+12125550123" },
      ],
    ],
  ]);
  const s = scoreExtraction(truth, predicted);

  it("matches on type and normalised value per ad, duplicates counted once", () => {
    expect(s.byType.phone).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(s.byType.email).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.overall).toEqual({ tp: 3, fp: 1, fn: 1 });
    expect(prf(s.byType.phone).f1).toBeCloseTo(2 / 3);
  });

  it("scores the obfuscated subset: hidden truth, and false positives in ads that hide something", () => {
    expect(s.obfuscatedByType.phone).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.obfuscatedByType.email).toEqual({ tp: 0, fp: 0, fn: 0 });
    expect(s.byObfuscation.get("phone: spelled")).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it("can be narrowed to phones, for the reference matcher", () => {
    const phones = scoreExtraction(truth, predicted, ["phone"]);
    expect(phones.overall).toEqual({ tp: 2, fp: 1, fn: 1 });
  });

  it("counts a missed hidden number against recall", () => {
    const none = scoreExtraction(truth, new Map());
    expect(none.obfuscated).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(prf(none.obfuscated)).toEqual({ precision: 1, recall: 0, f1: 0 });
  });
});
