import type { Insertable } from "kysely";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open as openSealed, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { AdsTable, IdentifiersTable, ObservationsTable } from "../../platform/db/schema.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { dueForHubCheck } from "./hubs.ts";
import type { LinkKey } from "./link-keys.ts";
import * as repo from "./linking.repository.ts";
import { type AdInput, adSignals, type PreparedAd, prepareAd } from "./prepare-ad.ts";

import { detectHubs } from "./resplit.service.ts";

export type { AdInput, PreparedAd };

/** Items on which an identifier met another cluster's before it is checked for being a hub at all. */
const HUB_CHECK_MIN_UNRELATED = 2;

export interface IngestOptions {
  /** Read numbers without a country code as numbers of the ad's country (default true). */
  readonly regionFromCountry?: boolean;
  /** Who imports (API): the batch is audited as `ads.import` in its own transaction, with counts only. */
  readonly importedBy?: StaffScope;
}

export interface IngestSummary {
  /** Ads stored (reposts included). */
  readonly imported: number;
  /** Of those, word-for-word reposts of an ad already stored (linked to it, not extracted again). */
  readonly reposts: number;
  /** Ads skipped because their source id (for their site) was already stored, or repeated in the batch. */
  readonly alreadyStored: number;
  /** Identifiers that became hubs in this batch (they stop linking). */
  readonly newHubs: number;
}

interface KeyMaterial {
  readonly blind: Buffer;
  readonly seal: Buffer;
}

const keyCache = new WeakMap<Platform, KeyMaterial>();

/** The blind-index key and the key sealing identifiers' display values, derived from the master key. */
function keysOf(p: Platform): KeyMaterial {
  let keys = keyCache.get(p);
  if (!keys) {
    keys = { blind: p.keys.derive("blind-index"), seal: p.keys.derive("identifier-display") };
    keyCache.set(p, keys);
  }
  return keys;
}

/** The blind-index key and the key sealing identifiers' display values (for the report linking job). */
export function graphKeys(p: Platform): { readonly blind: Buffer; readonly seal: Buffer } {
  return keysOf(p);
}

/** The display value of a stored identifier (for the console; never logged). */
export function openIdentifierValue(p: Platform, id: string, sealed: string): string {
  return openSealed(keysOf(p).seal, sealed, id).toString("utf8");
}

const orNull = (v: string | null | undefined) => (v == null || v === "" ? null : String(v));

/** An identifier as the batch sees it: loaded from the database or new in this batch. */
interface WorkingIdentifier {
  readonly id: string;
  readonly link: LinkKey;
  readonly blind: string;
  readonly stored: boolean;
  readonly countBefore: number;
  count: number;
  unrelated: number;
  hub: 0 | 1;
  wasHub: 0 | 1;
  cluster: string | null;
  changed: boolean;
}

/** Union-find over cluster ids, seeded with the sizes of clusters already stored. */
class Clusters {
  readonly parent = new Map<string, string>();
  readonly size = new Map<string, number>();
  /** Stored clusters merged into another in this batch (to relabel, then delete). */
  readonly mergedAway: string[] = [];

  constructor(readonly stored: ReadonlyMap<string, number>) {
    for (const [id, n] of stored) this.size.set(id, n);
  }

  find(id: string): string {
    let root = id;
    for (let up = this.parent.get(root); up !== undefined; up = this.parent.get(root)) root = up;
    for (let at = id; at !== root; ) {
      const up = this.parent.get(at) as string;
      this.parent.set(at, root);
      at = up;
    }
    return root;
  }

  /** Joins the given clusters; the largest keeps its id (the smaller ones are relabelled). */
  union(ids: readonly string[]): string {
    const roots = [...new Set(ids.map((id) => this.find(id)))];
    let root = roots[0] as string;
    for (const r of roots) if ((this.size.get(r) ?? 0) > (this.size.get(root) ?? 0)) root = r;
    for (const r of roots) {
      if (r === root) continue;
      this.parent.set(r, root);
      this.size.set(root, (this.size.get(root) ?? 0) + (this.size.get(r) ?? 0));
      this.size.delete(r);
      if (this.stored.has(r)) this.mergedAway.push(r);
    }
    return root;
  }

  add(id: string): void {
    this.size.set(id, (this.size.get(id) ?? 0) + 1);
  }
}

/**
 * Stores a batch of ads in one transaction: skips those already stored (by source id), links word-for-word
 * reposts to their original, extracts and scores the others, upserts their identifiers through the blind
 * index, records observations and keeps clusters up to date (union-find). An identifier seen across more
 * groups of unrelated items than the hub limit (hubs.ts) stops linking and is flagged, and the cluster it
 * had joined is split again without it.
 */
export async function ingestAds(
  p: Platform,
  ads: readonly AdInput[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  return ingestPrepared(
    p,
    ads.map((ad) => prepareAd(ad)),
    opts,
  );
}

/** `ingestAds` for ads already prepared (and maybe extracted) by `prepareAd`, e.g. in worker threads. */
export async function ingestPrepared(
  p: Platform,
  ads: readonly PreparedAd[],
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const keys = keysOf(p);
  const hubLimit = p.config.hubLimit;
  const regionFromCountry = opts.regionFromCountry ?? true;
  const at = now();

  return p.db.transaction().execute(async (trx) => {
    const stored = new Set(
      (
        await repo.storedSourceIds(
          trx,
          ads.map((a) => String(a.id)),
        )
      ).map((r) => `${r.site}\u0000${r.source_id}`),
    );
    let alreadyStored = 0;
    const fresh: PreparedAd[] = [];
    for (const ad of ads) {
      const key = `${ad.site}\u0000${ad.id}`;
      if (stored.has(key)) {
        alreadyStored++;
        continue;
      }
      stored.add(key);
      fresh.push(ad);
    }

    const originals = new Map<string, { id: string; cluster: string }>();
    for (const row of await repo.originalsByHash(
      trx,
      fresh.map((a) => a.hash),
    )) {
      if (!originals.has(row.content_hash))
        originals.set(row.content_hash, { id: row.id, cluster: row.cluster_id });
    }

    // Extract the ads that are not reposts (of a stored ad or of one earlier in this batch).
    const hashesSeen = new Set(originals.keys());
    const extracted = fresh.map((ad) => {
      if (hashesSeen.has(ad.hash)) return undefined;
      hashesSeen.add(ad.hash);
      return ad.signals ?? adSignals(ad, keys.blind, regionFromCountry);
    });

    const working = new Map<string, WorkingIdentifier>();
    const storedIdentifiers = await repo.identifiersByBlindIndex(
      trx,
      extracted.flatMap((e) => (e ? e.links.map((l) => l.blind) : [])),
    );
    const byBlind = new Map(storedIdentifiers.map((row) => [row.blind_index, row]));
    const clusters = new Clusters(
      await repo.clusterSizes(trx, [
        ...storedIdentifiers.flatMap((r) => (r.cluster_id ? [r.cluster_id] : [])),
        ...[...originals.values()].map((o) => o.cluster),
      ]),
    );

    const adRows: Insertable<AdsTable>[] = [];
    const observationRows: Insertable<ObservationsTable>[] = [];
    let reposts = 0;
    fresh.forEach((ad, i) => {
      const id = newId();
      const seen = orNull(ad.posted_at) ?? at;
      const e = extracted[i];
      let cluster: string;
      if (!e) {
        const original = originals.get(ad.hash) as { id: string; cluster: string };
        cluster = clusters.find(original.cluster);
        reposts++;
      } else {
        const joined: string[] = [];
        const linking: WorkingIdentifier[] = [];
        for (const { link, blind } of e.links) {
          let w = working.get(blind);
          if (!w) {
            const row = byBlind.get(blind);
            const hub = row?.is_hub ? 1 : 0;
            w = row
              ? {
                  id: row.id,
                  link,
                  blind,
                  stored: true,
                  countBefore: Number(row.item_count),
                  count: Number(row.item_count),
                  unrelated: Number(row.unrelated_count),
                  hub,
                  wasHub: hub,
                  cluster: row.cluster_id,
                  changed: false,
                }
              : {
                  id: newId(),
                  link,
                  blind,
                  stored: false,
                  countBefore: 0,
                  count: 0,
                  unrelated: 0,
                  hub: 0,
                  wasHub: 0,
                  cluster: null,
                  changed: true,
                };
            working.set(blind, w);
          }
          w.count++;
          w.changed = true;
          observationRows.push({
            identifier_id: w.id,
            item_type: "ad",
            item_id: id,
            first_seen: seen,
            last_seen: seen,
          });
          if (!w.hub) linking.push(w);
        }
        // A cheap sign, kept per identifier, that it may be a hub: items on which it meets an identifier
        // already in another cluster (a switchboard meets each new operator's own number). Only then is
        // the real check (hubs.ts) run on it, after the batch is stored.
        for (const w of linking) {
          if (!w.cluster) continue;
          const root = clusters.find(w.cluster);
          if (linking.some((o) => o !== w && o.cluster && clusters.find(o.cluster) !== root)) w.unrelated++;
        }
        for (const w of linking) if (!w.hub && w.cluster) joined.push(w.cluster);
        cluster = joined.length > 0 ? clusters.union(joined) : id;
        if (!originals.has(ad.hash)) originals.set(ad.hash, { id, cluster });
        for (const w of linking) if (!w.hub) w.cluster = cluster;
        adRows.push(rowOf(ad, id, cluster, e.score, e.indicators, null, at));
        clusters.add(cluster);
        return;
      }
      clusters.add(cluster);
      adRows.push(rowOf(ad, id, cluster, 0, "[]", (originals.get(ad.hash) as { id: string }).id, at));
      return;
    });

    // Reposts of an ad earlier in this batch: their original is known only now.
    for (const row of adRows) row.cluster_id = clusters.find(row.cluster_id as string);

    for (const from of clusters.mergedAway) await repo.relabelCluster(trx, from, clusters.find(from));
    // New identifiers and changed stored ones in multi-row upserts (a stored one's type and sealed value
    // are never rewritten: only its counts, hub flag and cluster).
    const identifierRows: Insertable<IdentifiersTable>[] = [];
    for (const w of working.values()) {
      if (w.stored && !w.changed) continue;
      identifierRows.push({
        id: w.id,
        type: w.link.type,
        blind_index: w.blind,
        display_sealed: w.stored ? "" : seal(keys.seal, w.link.value, w.id),
        item_count: w.count,
        unrelated_count: w.unrelated,
        is_hub: w.hub,
        cluster_id: w.cluster === null ? null : clusters.find(w.cluster),
      });
    }
    const sizes = new Map<string, number>();
    for (const row of adRows) {
      const root = row.cluster_id as string;
      sizes.set(root, clusters.size.get(root) ?? 1);
    }
    for (const from of clusters.mergedAway) {
      const root = clusters.find(from);
      sizes.set(root, clusters.size.get(root) ?? 1);
    }
    await repo.saveClusterSizes(trx, sizes, at);
    await repo.insertAds(trx, adRows);
    await repo.upsertIdentifiers(trx, identifierRows);
    await repo.insertObservations(trx, observationRows);
    const candidates = [...working.values()]
      .filter(
        (w) =>
          !w.hub &&
          w.unrelated >= HUB_CHECK_MIN_UNRELATED &&
          dueForHubCheck(w.countBefore, w.count, hubLimit),
      )
      .map((w) => ({ id: w.id, cluster: w.cluster === null ? null : clusters.find(w.cluster) }));
    const newHubs = await detectHubs(trx, candidates, hubLimit, at);
    const summary = { imported: adRows.length, reposts, alreadyStored, newHubs };
    if (opts.importedBy)
      await appendAudit(p, byStaff(opts.importedBy, "ads.import", { detail: summary }), trx);
    return summary;
  });
}

function rowOf(
  ad: PreparedAd,
  id: string,
  cluster: string,
  score: number,
  indicators: string,
  repostOf: string | null,
  at: string,
): Insertable<AdsTable> {
  return {
    id,
    site: ad.site,
    source_id: String(ad.id),
    url: orNull(ad.url),
    posted_at: orNull(ad.posted_at),
    title: ad.title,
    text: ad.text,
    city: orNull(ad.city),
    country: orNull(ad.country),
    content_hash: ad.hash,
    repost_of: repostOf,
    score,
    indicators,
    cluster_id: cluster,
    created_at: at,
  };
}

/**
 * Every cluster of two or more ads, as `{clusterId, itemIds}` with the ids given in the imported files
 * (linked reports are never listed here).
 */
export async function listAdClusters(p: Platform): Promise<{ clusterId: string; itemIds: string[] }[]> {
  const out: { clusterId: string; itemIds: string[] }[] = [];
  let current: { clusterId: string; itemIds: string[] } | undefined;
  for (const row of await repo.clustersWithAds(p.db)) {
    if (current?.clusterId !== row.cluster_id) {
      current = { clusterId: row.cluster_id, itemIds: [] };
      out.push(current);
    }
    current.itemIds.push(row.source_id);
  }
  return out.filter((c) => c.itemIds.length >= 2);
}
