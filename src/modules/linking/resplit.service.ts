import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Platform } from "../../platform/platform.ts";
import { type Sighting, unrelatedGroups } from "./hubs.ts";
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
 * Which identifiers are hubs, decided afresh over the whole graph (hubs.ts), busiest first so that a hub
 * found is left out of the checks after it.
 */
function hubsOf(
  observations: readonly { identifier_id: string; item_id: string }[],
  hubLimit: number,
): Set<string> {
  const itemsOf = new Map<string, string[]>();
  const identifiersOn = new Map<string, string[]>();
  for (const o of observations) {
    const items = itemsOf.get(o.identifier_id);
    if (items) items.push(o.item_id);
    else itemsOf.set(o.identifier_id, [o.item_id]);
    const ids = identifiersOn.get(o.item_id);
    if (ids) ids.push(o.identifier_id);
    else identifiersOn.set(o.item_id, [o.identifier_id]);
  }
  const hubs = new Set<string>();
  const busiest = [...itemsOf]
    .filter(([, items]) => items.length > hubLimit)
    .sort((a, b) => b[1].length - a[1].length);
  for (const [x, items] of busiest) {
    const mine = new Set(items);
    const neighbours = new Set<string>();
    for (const item of items)
      for (const id of identifiersOn.get(item) ?? []) if (id !== x && !hubs.has(id)) neighbours.add(id);
    const around: Sighting[] = [];
    for (const n of neighbours) for (const item of itemsOf.get(n) ?? []) around.push({ identifier: n, item });
    if (unrelatedGroups(x, mine, neighbours, around) > hubLimit) hubs.add(x);
  }
  return hubs;
}

/**
 * Recomputes, in one transaction, which identifiers are hubs (over the whole graph, e.g. after the hub
 * limit changed) and every item's (ad's or linked report's) cluster from the identifiers that still link and from reposts. Each new
 * cluster keeps the id most of its ads already had, so a stable cluster keeps its id. Returns the number
 * of ads that moved.
 */
export async function resplitAdClusters(
  p: Platform,
): Promise<{ moved: number; clusters: number; hubs: number }> {
  return p.db.transaction().execute(async (trx) => {
    const ads: { id: string; cluster_id: string; repost_of: string | null; report?: true }[] = [
      ...(await repo.allAdClusters(trx)),
      ...(await repo.allReportLinks(trx)).map((r) => ({ ...r, repost_of: null, report: true as const })),
    ];
    const observations = await repo.allObservations(trx);
    const hubs = hubsOf(observations, p.config.hubLimit);
    await repo.setHubs(trx, hubs);
    const uf = unionFind();
    for (const ad of ads) if (ad.repost_of) uf.union(ad.id, ad.repost_of);
    const itemsOf = new Map<string, string>();
    for (const o of observations) {
      if (hubs.has(o.identifier_id)) continue;
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
      sizes.set(cluster, (sizes.get(cluster) ?? 0) + (ad.report ? 0 : 1));
      if (cluster !== ad.cluster_id) {
        moved++;
        await repo.setItemCluster(trx, ad.id, cluster);
      }
    }
    for (const [identifier, item] of itemsOf) {
      await repo.setIdentifierCluster(trx, identifier, nameOf.get(uf.find(item)) ?? null);
    }
    await repo.replaceClusters(trx, sizes, now());
    return { moved, clusters: sizes.size, hubs: hubs.size };
  });
}

/**
 * Splits one cluster into the components its items form without hubs (after an identifier in it became
 * one): the largest component keeps the cluster's id, each other one gets a new id. Returns how many
 * clusters it became.
 */
export async function splitCluster(db: Executor, clusterId: string, at: string): Promise<number> {
  const { ads: items, links } = await repo.clusterLinks(db, clusterId);
  const uf = unionFind();
  const members = new Set(items.map((a) => a.id));
  for (const item of items)
    if (item.repost_of && members.has(item.repost_of)) uf.union(item.id, item.repost_of);
  const firstItem = new Map<string, string>();
  for (const l of links) {
    const first = firstItem.get(l.identifier_id);
    if (first === undefined) firstItem.set(l.identifier_id, l.item_id);
    else uf.union(first, l.item_id);
  }
  const components = new Map<string, { items: string[]; ads: number; identifiers: string[] }>();
  for (const item of items) {
    const root = uf.find(item.id);
    const c = components.get(root) ?? { items: [], ads: 0, identifiers: [] };
    c.items.push(item.id);
    if (!item.report) c.ads++;
    components.set(root, c);
  }
  if (components.size <= 1) return components.size;
  for (const [identifier, item] of firstItem) components.get(uf.find(item))?.identifiers.push(identifier);
  const [largest, ...rest] = [...components.values()].sort(
    (a, b) => b.ads - a.ads || b.items.length - a.items.length,
  );
  // A cluster's size counts its ads (public items): reports are never counted where others could see.
  const sizes = new Map<string, number>([[clusterId, largest?.ads ?? 0]]);
  for (const c of rest) {
    const id = newId();
    await repo.moveToCluster(db, id, c.items, c.identifiers);
    sizes.set(id, c.ads);
  }
  await repo.saveClusterSizes(db, sizes, at);
  return components.size;
}

/**
 * Checks the given identifiers (see hubs.ts), flags those with more unrelated groups than the limit and
 * splits the clusters they had joined. Returns the new hubs.
 */
export async function detectHubs(
  db: Executor,
  candidates: readonly { id: string; cluster: string | null }[],
  hubLimit: number,
  at: string,
): Promise<number> {
  const hubs: { id: string; cluster: string | null }[] = [];
  for (const c of candidates) {
    const { items, neighbours, around } = await repo.hubNeighbourhood(db, c.id);
    const key = (type: string, id: string) => `${type}:${id}`;
    const sightings: Sighting[] = around.map((a) => ({
      identifier: a.identifier_id,
      item: key(a.item_type, a.item_id),
    }));
    const groups = unrelatedGroups(
      c.id,
      new Set(items.map((i) => key(i.item_type, i.item_id))),
      new Set(neighbours),
      sightings,
    );
    if (groups > hubLimit) {
      hubs.push(c);
      // Later candidates of this batch are checked without it.
      await repo.markHubs(db, [c.id]);
    }
  }
  for (const cluster of new Set(hubs.flatMap((h) => (h.cluster ? [h.cluster] : []))))
    await splitCluster(db, cluster, at);
  return hubs.length;
}
