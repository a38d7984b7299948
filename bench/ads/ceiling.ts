/**
 * Union-find clustering over identifier values, used two ways by the bench: on the TRUE identifiers
 * with decoys left out (the best any identifier-based linker can do on these ads: the generator's
 * ceiling for the cluster targets), and on extracted identifiers with no hub suppression (what a
 * hotel switchboard does to a naive linker). Neither is Lantern's clustering, which comes later.
 */
export function clusterBySharedValues(items: ReadonlyMap<string, readonly string[]>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let at = x;
    while (at !== root) {
      const next = parent.get(at) ?? root;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  const firstItemWith = new Map<string, string>();
  for (const item of items.keys()) parent.set(item, item);
  for (const [item, values] of items) {
    for (const v of values) {
      const other = firstItemWith.get(v);
      if (other === undefined) firstItemWith.set(v, item);
      else {
        const a = find(item);
        const b = find(other);
        if (a !== b) parent.set(a, b);
      }
    }
  }
  const out = new Map<string, string>();
  for (const item of items.keys()) out.set(item, find(item));
  return out;
}
