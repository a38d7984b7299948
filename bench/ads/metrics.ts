/**
 * Scores for the linking benchmark: extraction precision/recall/F1 per identifier type (matching type +
 * normalised value within each ad), overall and on the obfuscated subset; and clustering scores
 * (pairwise and B-cubed) from a predicted `Map<adId, clusterId>` against the truth.
 */
import type { AdTruth, ScoredType } from "./generate.ts";
import { SCORED_TYPES } from "./generate.ts";

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Precision, recall, F1; a ratio with nothing to count is 1 (nothing predicted means nothing wrong). */
export function prf({ tp, fp, fn }: Counts): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** What an extractor found in one ad: only type and value matter here. */
export interface Predicted {
  readonly type: string;
  readonly value: string;
}

export interface ExtractionScores {
  readonly byType: Readonly<Record<ScoredType, Counts>>;
  readonly overall: Counts;
  /** Only identifiers the ad hid; false positives counted in ads that hide at least one. */
  readonly obfuscatedByType: Readonly<Record<ScoredType, Counts>>;
  readonly obfuscated: Counts;
  /** Recall per obfuscation kind (phones and emails), e.g. `spelled` → counts. */
  readonly byObfuscation: ReadonlyMap<string, Counts>;
}

const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
const perType = (): Record<ScoredType, Counts> =>
  Object.fromEntries(SCORED_TYPES.map((t) => [t, zero()])) as Record<ScoredType, Counts>;
const isScored = (t: string): t is ScoredType => (SCORED_TYPES as readonly string[]).includes(t);

/**
 * Scores predictions against the truth, ad by ad. Types outside the scored set (urls, ages, prices...)
 * are ignored; `types` narrows further (the reference matcher only finds phones). The obfuscated subset:
 * a true identifier belongs to it when every mention of it in the ad is hidden; a prediction that
 * matches no true identifier is a false positive of the subset when its ad hides something.
 */
export function scoreExtraction(
  truth: readonly AdTruth[],
  predicted: ReadonlyMap<string, readonly Predicted[]>,
  types: readonly ScoredType[] = SCORED_TYPES,
): ExtractionScores {
  const byType = perType();
  const obfuscatedByType = perType();
  const byObfuscation = new Map<string, Counts>();
  for (const ad of truth) {
    const want = new Map<string, { type: ScoredType; hidden: boolean; kinds: Set<string> }>();
    for (const id of ad.identifiers) {
      if (!types.includes(id.type)) continue;
      const key = `${id.type}\u0000${id.value}`;
      const seen = want.get(key);
      if (seen) {
        seen.hidden &&= id.obfuscated;
        for (const k of id.obfuscation) seen.kinds.add(k);
      } else want.set(key, { type: id.type, hidden: id.obfuscated, kinds: new Set(id.obfuscation) });
    }
    const adHides = [...want.values()].some((w) => w.hidden);
    const got = new Set<string>();
    for (const p of predicted.get(ad.id) ?? []) {
      if (isScored(p.type) && types.includes(p.type)) got.add(`${p.type}\u0000${p.value}`);
    }
    for (const key of got) {
      const type = key.slice(0, key.indexOf("\u0000")) as ScoredType;
      const w = want.get(key);
      if (w) {
        byType[type].tp++;
        if (w.hidden) obfuscatedByType[type].tp++;
      } else {
        byType[type].fp++;
        if (adHides) obfuscatedByType[type].fp++;
      }
    }
    for (const [key, w] of want) {
      const found = got.has(key);
      if (!found) byType[w.type].fn++;
      if (w.hidden && !found) obfuscatedByType[w.type].fn++;
      if (!w.hidden) continue;
      for (const kind of w.kinds) {
        const label = `${w.type}: ${kind}`;
        const c = byObfuscation.get(label) ?? zero();
        if (found) c.tp++;
        else c.fn++;
        byObfuscation.set(label, c);
      }
    }
  }
  return {
    byType,
    overall: sum(Object.values(byType)),
    obfuscatedByType,
    obfuscated: sum(Object.values(obfuscatedByType)),
    byObfuscation,
  };
}

function sum(counts: readonly Counts[]): Counts {
  return counts.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), zero());
}

export interface ClusterScores {
  readonly pairwise: Prf;
  readonly bcubed: Prf;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise and B-cubed scores of a predicted clustering. Every item in `truth` is scored; an item the
 * prediction leaves out is its own singleton cluster. Items only in the prediction are ignored.
 */
export function scoreClusters(
  truth: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
): ClusterScores {
  const cell = new Map<string, number>();
  const trueSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  const predOf = (item: string) => {
    const p = predicted.get(item);
    return p === undefined ? `\u0000singleton:${item}` : `\u0001${p}`;
  };
  for (const [item, t] of truth) {
    const p = predOf(item);
    const key = `${t}\u0002${p}`;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    trueSize.set(t, (trueSize.get(t) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
  }
  let together = 0;
  let precisionSum = 0;
  let recallSum = 0;
  for (const [key, n] of cell) {
    const [t = "", p = ""] = key.split("\u0002");
    together += pairs(n);
    // Each of the n items in this cell shares n items with both its true and its predicted cluster.
    precisionSum += (n * n) / (predSize.get(p) ?? n);
    recallSum += (n * n) / (trueSize.get(t) ?? n);
  }
  const predictedPairs = [...predSize.values()].reduce((a, n) => a + pairs(n), 0);
  const truePairs = [...trueSize.values()].reduce((a, n) => a + pairs(n), 0);
  const pairwise = prf({ tp: together, fp: predictedPairs - together, fn: truePairs - together });
  const items = truth.size;
  const bp = items === 0 ? 1 : precisionSum / items;
  const br = items === 0 ? 1 : recallSum / items;
  return {
    pairwise,
    bcubed: { precision: bp, recall: br, f1: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br) },
  };
}
