import { UndirectedGraph } from "graphology";
import louvainModule from "graphology-communities-louvain";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { reportsHeld } from "../reports/report-places.service.ts";
import { openIdentifierValue } from "./linking.service.ts";
import * as repo from "./network.repository.ts";
import type { ClusterGraph, GraphNode } from "./network.schema.ts";

/** The most nodes one graph holds: sigma stays fluid on a cheap laptop well beyond, the eye does not. */
export const MAX_NODES = 2000;
/** Graphs larger than this are split into Louvain communities, shown one at a time. */
export const COMMUNITY_THRESHOLD = 150;

/** A small seeded generator (mulberry32): the same cluster always gets the same communities. */
export function seededRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// graphology-communities-louvain is CommonJS: under NodeNext its default import is the function itself.
const louvain = louvainModule as unknown as (
  graph: UndirectedGraph,
  options: { rng: () => number },
) => Record<string, number>;

const clusterNotFound = () => new AppError("cluster_not_found", 404, "No such cluster");

/**
 * The network of a cluster: its ads, the identifiers observed on them (values decrypted, hubs marked) and
 * the reports carrying those identifiers that the viewer's organisation holds, an edge per observation; the newest ads when the cluster is larger than MAX_NODES allows; split into
 * communities when large; laid out on the server (rings, no force simulation in the browser). Audited.
 */
export async function clusterGraph(p: Platform, scope: StaffScope, clusterId: string): Promise<ClusterGraph> {
  assertCan(scope, "links.read");
  const totalAds = await repo.clusterAdCount(p.db, clusterId);
  if (totalAds === 0) throw clusterNotFound();
  const ads = await repo.clusterAds(p.db, clusterId, MAX_NODES);
  const observations = await repo.adObservations(
    p.db,
    ads.map((a) => a.id),
  );
  const byAd = new Map<string, repo.NetworkEdgeRow[]>();
  for (const o of observations) byAd.set(o.item_id, [...(byAd.get(o.item_id) ?? []), o]);

  const nodes = new Map<string, GraphNode>();
  const edges: { source: string; target: string }[] = [];
  let truncated = ads.length < totalAds;
  const base = { degree: 0, community: 0, x: 0, y: 0 };
  for (const ad of ads) {
    const seen = byAd.get(ad.id) ?? [];
    const fresh = seen.filter((o) => !nodes.has(`identifier:${o.identifier_id}`));
    if (nodes.size + 1 + fresh.length > MAX_NODES) {
      truncated = true;
      break;
    }
    const adNode = `ad:${ad.id}`;
    nodes.set(adNode, {
      id: adNode,
      kind: "ad",
      type: "ad",
      label: ad.title,
      site: ad.site,
      postedAt: ad.posted_at,
      city: ad.city,
      country: ad.country,
      score: Number(ad.score),
      repost: ad.repost_of !== null,
      ...base,
    });
    for (const o of seen) {
      const id = `identifier:${o.identifier_id}`;
      if (!nodes.has(id)) {
        nodes.set(id, {
          id,
          kind: "identifier",
          type: o.type,
          label: openIdentifierValue(p, o.identifier_id, o.display_sealed),
          hub: Number(o.is_hub) === 1,
          itemCount: Number(o.item_count),
          ...base,
        });
      }
      edges.push({ source: adNode, target: id });
    }
  }
  // Reports that carry these identifiers, only those the viewer's organisation holds a copy of.
  const identifierIds = [...nodes.values()].filter((n) => n.kind === "identifier").map((n) => n.id.slice(11));
  const reportRows = await repo.reportObservations(p.db, identifierIds);
  const held = await reportsHeld(
    p,
    scope,
    reportRows.map((r) => r.item_id),
  );
  let reports = 0;
  for (const r of reportRows) {
    const copy = held.get(r.item_id);
    if (!copy) continue;
    const id = `report:${r.item_id}`;
    if (!nodes.has(id)) {
      if (nodes.size >= MAX_NODES) {
        truncated = true;
        continue;
      }
      nodes.set(id, {
        id,
        kind: "report",
        type: "report",
        label: "",
        reportId: r.item_id,
        receivedAt: copy.receivedAt,
        ...base,
      });
      reports++;
    }
    edges.push({ source: id, target: `identifier:${r.identifier_id}` });
  }
  for (const e of edges) {
    (nodes.get(e.source) as GraphNode).degree++;
    (nodes.get(e.target) as GraphNode).degree++;
  }
  const communities = assignCommunities([...nodes.values()], edges, clusterId);
  layOut([...nodes.values()], edges);
  await appendAudit(
    p,
    byStaff(scope, "links.graph", {
      targetType: "cluster",
      targetId: clusterId,
      detail: { nodes: nodes.size, reports, truncated },
    }),
  );
  return { clusterId, totalAds, reports, truncated, nodes: [...nodes.values()], edges, communities };
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Louvain communities (seeded by the cluster id), renumbered by size, largest first. */
function assignCommunities(
  nodes: GraphNode[],
  edges: readonly { source: string; target: string }[],
  clusterId: string,
): { id: number; size: number }[] {
  if (nodes.length <= COMMUNITY_THRESHOLD) return [{ id: 0, size: nodes.length }];
  const graph = new UndirectedGraph();
  for (const n of nodes) graph.addNode(n.id);
  for (const e of edges) graph.mergeEdge(e.source, e.target);
  const found = louvain(graph, { rng: seededRng(hashSeed(clusterId)) });
  const sizes = new Map<number, number>();
  for (const c of Object.values(found)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const order = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const renumber = new Map(order.map((c, i) => [c, i]));
  for (const n of nodes) n.community = renumber.get(found[n.id] as number) ?? 0;
  return order.map((c, i) => ({ id: i, size: sizes.get(c) ?? 0 }));
}

/**
 * A cheap deterministic layout, per community (the page shows one at a time): identifiers on an inner
 * ring, each given an arc as wide as its number of links; items on an outer ring, evenly spaced in the
 * order of the mean angle of their identifiers, so what an identifier ties together sits beside it and
 * no two items share a point.
 */
function layOut(nodes: GraphNode[], edges: readonly { source: string; target: string }[]): void {
  const neighbours = new Map<string, string[]>();
  for (const e of edges) neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
  const groups = new Map<number, GraphNode[]>();
  for (const n of nodes) groups.set(n.community, [...(groups.get(n.community) ?? []), n]);
  for (const group of groups.values()) {
    const ids = group
      .filter((n) => n.kind === "identifier")
      .sort((a, b) => b.degree - a.degree || a.id.localeCompare(b.id));
    const items = group.filter((n) => n.kind !== "identifier");
    const inner = ids.length === 1 ? 0 : 1;
    const outer = ids.length === 0 ? 1 : 2 + Math.min(2, items.length / 200);
    const span = ids.reduce((sum, n) => sum + Math.max(1, n.degree), 0);
    const angle = new Map<string, number>();
    let at = 0;
    for (const n of ids) {
      const a = (2 * Math.PI * (at + Math.max(1, n.degree) / 2)) / Math.max(1, span);
      at += Math.max(1, n.degree);
      angle.set(n.id, a);
      n.x = round(inner * Math.cos(a));
      n.y = round(inner * Math.sin(a));
    }
    const placed = items.map((n, i) => {
      let sx = 0;
      let sy = 0;
      for (const t of neighbours.get(n.id) ?? []) {
        const a = angle.get(t);
        if (a === undefined) continue;
        sx += Math.cos(a);
        sy += Math.sin(a);
      }
      const mean =
        sx === 0 && sy === 0 ? 2 * Math.PI + i : (Math.atan2(sy, sx) + 2 * Math.PI) % (2 * Math.PI);
      return { n, mean };
    });
    placed.sort((a, b) => a.mean - b.mean || a.n.id.localeCompare(b.n.id));
    placed.forEach(({ n }, j) => {
      // Identifiers' arcs are as wide as their links, so item j lands in the arc of what it carries.
      const a = (2 * Math.PI * (j + 0.5)) / placed.length;
      n.x = round(outer * Math.cos(a));
      n.y = round(outer * Math.sin(a));
    });
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
