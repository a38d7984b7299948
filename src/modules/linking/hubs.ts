/**
 * Hub detection: a number printed by operators that have nothing else in common (a hotel's switchboard,
 * a helpline, a payment agent) must not link them. Counting the items an identifier is seen on cannot
 * tell it from a busy operator's own number, which can be on hundreds of ads; what tells them apart is
 * what the identifier's items carry besides it. An operator's other numbers, emails and handles are
 * seen together elsewhere too; a switchboard's neighbours fall apart into one group per operator.
 *
 * The "unrelated groups" of identifier X: take X's neighbours (the other linking identifiers on X's
 * items) that are also seen on items without X, and join two of them when an item without X carries
 * both. Each group is a set of items unrelated to the others except through X. Only direct meetings
 * count: joining through further identifiers would also join through the hubs not yet detected (two
 * switchboards printed by the same operators would vouch for each other). A neighbour
 * seen only beside X (a number an operator used once, on an ad that also gave X) is no evidence of
 * anything and is left out. X is a hub when it has more groups than the hub limit.
 */

/** One observation: identifier `identifier` seen on item `item` (any stable item key). */
export interface Sighting {
  readonly identifier: string;
  readonly item: string;
}

/**
 * Counts the unrelated groups of identifier `x`: `neighbours` are the other linking identifiers on x's
 * items, `around` their sightings (those on x's own items are skipped).
 */
export function unrelatedGroups(
  x: string,
  itemsOfX: ReadonlySet<string>,
  neighbours: ReadonlySet<string>,
  around: Iterable<Sighting>,
): number {
  const parent = new Map<string, string>();
  const find = (a: string): string => {
    let at = a;
    for (let up = parent.get(at) as string; up !== at; up = parent.get(at) as string) {
      const grand = parent.get(up) as string;
      parent.set(at, grand);
      at = grand;
    }
    return at;
  };
  const firstOnItem = new Map<string, string>();
  for (const s of around) {
    if (s.identifier === x || itemsOfX.has(s.item) || !neighbours.has(s.identifier)) continue;
    if (!parent.has(s.identifier)) parent.set(s.identifier, s.identifier);
    const first = firstOnItem.get(s.item);
    if (first === undefined) firstOnItem.set(s.item, s.identifier);
    else {
      const a = find(first);
      const b = find(s.identifier);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Set<string>();
  for (const n of neighbours) if (n !== x && parent.has(n)) groups.add(find(n));
  return groups.size;
}

/**
 * Whether an identifier seen on `before` items and now on `after` is due a hub check: at the first count
 * above the limit and then each time its count grows by a quarter, so a busy identifier is checked a few
 * dozen times over a million ads, not on every batch.
 */
export function dueForHubCheck(before: number, after: number, hubLimit: number): boolean {
  const step = (count: number) =>
    count <= hubLimit ? 0 : Math.floor(Math.log(count / hubLimit) / Math.log(1.25)) + 1;
  return step(after) > step(before);
}
