import { now } from "../../platform/db/database.ts";
import type { Platform } from "../../platform/platform.ts";
import * as repo from "./linking.repository.ts";

/** Plain union-find over string keys (path halving). */
function unionFind() {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let at = x;
    for (let up = parent.get(at); up !== undefined && up !== at; up = parent.get(at)) {
      const grand = parent.get(up) ?? up;
      parent.set(at, grand);
      at = grand;
    }
    return at;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  return { find, union };
}

/**
 * Recomputes every ad's cluster from the identifiers that still link (hubs left out) and from reposts,
 * in one transaction: undoes the joins a hub made before it was detected. Each new cluster keeps the id
 * most of its ads already had, so a stable cluster keeps its id. Returns the number of ads that moved.
 */
export async function resplitAdClusters(p: Platform): Promise<{ moved: number; clusters: number }> {
  return p.db.transaction().execute(async (trx) => {
    const ads = await repo.allAdClusters(trx);
    const uf = unionFind();
    for (const ad of ads) if (ad.repost_of) uf.union(ad.id, ad.repost_of);
    const itemsOf = new Map<string, string>();
    for (const o of await repo.linkingObservations(trx)) {
      const first = itemsOf.get(o.identifier_id);
      if (first === undefined) itemsOf.set(o.identifier_id, o.item_id);
      else uf.union(first, o.item_id);
    }
    // Name each component after the cluster most of its ads were in, unless a larger one took it.
    const votes = new Map<string, Map<string, number>>();
    const members = new Map<string, typeof ads>();
    for (const ad of ads) {
      const root = uf.find(ad.id);
      const v = votes.get(root) ?? new Map<string, number>();
      v.set(ad.cluster_id, (v.get(ad.cluster_id) ?? 0) + 1);
      votes.set(root, v);
      const list = members.get(root);
      if (list) list.push(ad);
      else members.set(root, [ad]);
    }
    const taken = new Set<string>();
    const nameOf = new Map<string, string>();
    const roots = [...members.keys()].sort(
      (a, b) => (members.get(b)?.length ?? 0) - (members.get(a)?.length ?? 0),
    );
    for (const root of roots) {
      const best = [...(votes.get(root) ?? [])]
        .sort((a, b) => b[1] - a[1])
        .find(([id]) => !taken.has(id))?.[0];
      const name = best ?? (members.get(root)?.[0]?.id as string);
      taken.add(name);
      nameOf.set(root, name);
    }
    let moved = 0;
    const sizes = new Map<string, number>();
    for (const ad of ads) {
      const cluster = nameOf.get(uf.find(ad.id)) as string;
      sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
      if (cluster !== ad.cluster_id) {
        moved++;
        await repo.setAdCluster(trx, ad.id, cluster);
      }
    }
    for (const [identifier, item] of itemsOf) {
      await repo.setIdentifierCluster(trx, identifier, nameOf.get(uf.find(item)) ?? null);
    }
    await repo.replaceClusters(trx, sizes, now());
    return { moved, clusters: sizes.size };
  });
}
