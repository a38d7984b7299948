/**
 * Adjusted Rand index (Hubert & Arabie, 1985) of two partitions of the same items, given as one label per
 * item in the same order: 1 for identical partitions, about 0 for a partition no better than chance,
 * negative below chance. Used to score cluster suggestions against a reference grouping.
 */
export function adjustedRandIndex(
  reference: readonly (string | number)[],
  predicted: readonly (string | number)[],
): number {
  if (reference.length !== predicted.length)
    throw new RangeError("both partitions must label the same items");
  const n = reference.length;
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const columns = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const a = reference[i] as string | number;
    const b = predicted[i] as string | number;
    // JSON keeps 1 and "1" apart, which a plain template string would not.
    const cell = JSON.stringify([a, b]);
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  }
  const sum = (counts: Map<unknown, number>) => [...counts.values()].reduce((s, k) => s + pairs(k), 0);
  const index = sum(cells);
  const rowPairs = sum(rows);
  const columnPairs = sum(columns);
  const total = pairs(n);
  const expected = total === 0 ? 0 : (rowPairs * columnPairs) / total;
  const maximum = (rowPairs + columnPairs) / 2;
  // Both partitions trivial (all one group, or all singletons) and alike: the index is undefined; agreeing
  // partitions score 1 by convention, as in scikit-learn.
  if (maximum === expected) return index === maximum ? 1 : 0;
  return (index - expected) / (maximum - expected);
}

/** One label per item from a clustering result: a cluster's index, or the item's own label when left alone. */
export function labelsFromClusters(
  ids: readonly string[],
  clusters: readonly { readonly ids: readonly string[] }[],
): string[] {
  const label = new Map<string, string>();
  clusters.forEach((cluster, i) => {
    for (const id of cluster.ids) label.set(id, `cluster:${i}`);
  });
  return ids.map((id) => label.get(id) ?? `alone:${id}`);
}
