import { z } from "zod";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import type { Identifier } from "../signals/types.ts";
import { type AdExplanation, explainAd } from "./ad-explanation.ts";
import * as repo from "./analyst.repository.ts";
import type { RankedAdsQuery } from "./analyst.schema.ts";
import { openIdentifierValue } from "./linking.service.ts";

/** Ads on one page of the ranked list. */
export const RANKED_PAGE = 25;
/** Item ids in one answer of the cluster lookup. */
export const LOOKUP_PAGE = 1000;

export interface RankedAd {
  readonly id: string;
  readonly title: string;
  readonly site: string;
  readonly city: string | null;
  readonly country: string | null;
  readonly postedAt: string | null;
  readonly score: number;
  readonly clusterId: string;
  readonly clusterSize: number;
  readonly explanation: AdExplanation;
}

export interface RankedPage {
  readonly ads: readonly RankedAd[];
  /** The cursor of the next page, when there is one. */
  readonly next: string | null;
}

const CursorSchema = z.tuple([z.number().int().min(0).max(100), z.string().regex(/^[0-9a-f]{1,40}$/)]);

function decodeCursor(cursor: string): repo.RankKey {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = CursorSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("invalid_cursor", 400, "The page cursor is not valid", [
      { field: "cursor", code: "invalid", message: "Start again from the first page" },
    ]);
  return { score: parsed.data[0], id: parsed.data[1] };
}

const encodeCursor = (key: repo.RankKey) =>
  Buffer.from(JSON.stringify([key.score, key.id])).toString("base64url");

/**
 * Original ads by score, highest first, a keyset page at a time, each explained (the rules it matched and
 * the spans that triggered them). Audited as `links.read` with the number of rows.
 */
export async function rankedAds(p: Platform, scope: StaffScope, query: RankedAdsQuery): Promise<RankedPage> {
  assertCan(scope, "links.read");
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { cursor: _c, lang: _l, ...filters } = query;
  const rows = await repo.rankedAds(p.db, filters, after, RANKED_PAGE + 1);
  const page = rows.slice(0, RANKED_PAGE);
  const last = page[page.length - 1];
  await appendAudit(p, byStaff(scope, "links.read", { targetType: "ads", detail: { rows: page.length } }));
  return {
    ads: page.map((row) => ({
      id: row.id,
      title: row.title,
      site: row.site,
      city: row.city,
      country: row.country,
      postedAt: row.posted_at,
      score: row.score,
      clusterId: row.cluster_id,
      clusterSize: row.cluster_size,
      explanation: explainAd(row),
    })),
    next: rows.length > RANKED_PAGE && last ? encodeCursor({ score: last.score, id: last.id }) : null,
  };
}

export interface StoredIdentifierView {
  readonly id: string;
  readonly type: string;
  readonly value: string;
  readonly hub: boolean;
  readonly items: number;
}

export interface AdDetail {
  readonly ad: repo.AdRow;
  readonly clusterSize: number;
  readonly explanation: AdExplanation;
  /** The identifiers the import linked this ad through (values opened), hubs marked. */
  readonly identifiers: readonly StoredIdentifierView[];
  /** Found in the text but not linking (ages, prices, cards redacted). */
  readonly other: readonly Identifier[];
}

/** One ad with its full text, explanation and identifiers. Audited as `links.read` (target the ad). */
export async function adDetail(p: Platform, scope: StaffScope, adId: string): Promise<AdDetail> {
  assertCan(scope, "links.read");
  const ad = await repo.adById(p.db, adId);
  if (!ad) throw new AppError("ad_not_found", 404, "No such ad");
  // A repost was not extracted again: its identifiers are its original's.
  const observed = await repo.observationsOfAds(p.db, [ad.repost_of ?? ad.id]);
  const rows = await repo.identifiersByIds(
    p.db,
    observed.map((o) => o.identifier_id),
  );
  const identifiers = rows
    .map((row) => ({
      id: row.id,
      type: row.type,
      value: openIdentifierValue(p, row.id, row.display_sealed),
      hub: row.is_hub === 1,
      items: row.item_count,
    }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.value.localeCompare(b.value));
  const explanation = explainAd(ad);
  await appendAudit(p, byStaff(scope, "links.read", { targetType: "ad", targetId: ad.id }));
  return {
    ad,
    clusterSize: (await repo.clusterSize(p.db, ad.cluster_id)) ?? 1,
    explanation,
    identifiers,
    other: explanation.identifiers.filter((i) => i.type === "age" || i.type === "price" || i.type === "card"),
  };
}

export interface ClusterOfAd {
  readonly clusterId: string;
  readonly size: number;
  readonly itemIds: readonly string[];
  readonly next: string | null;
}

const LANTERN_ID = /^[0-9a-f]{28,40}$/;

/**
 * The cluster of an ad, by the id given in the imported file (with its site when the same id came from
 * several sites) or by Lantern's own ad id, with the imported ids of the cluster's ads a page at a time.
 * Two indexed lookups and one indexed range: fast at any size. Audited as `links.read` (target the cluster).
 */
export async function clusterOfAd(
  p: Platform,
  scope: StaffScope,
  adIdOrSourceId: string,
  options: { readonly site?: string; readonly after?: string } = {},
): Promise<ClusterOfAd> {
  assertCan(scope, "links.read");
  let clusterId: string | undefined;
  const bySource = await repo.adsBySourceId(p.db, adIdOrSourceId, options.site);
  if (bySource.length > 1)
    throw new AppError("ambiguous_ad_id", 409, "Ads of several sites have this id: name the site", [
      { field: "site", code: "ambiguous", message: bySource.map((a) => a.site).join(", ") },
    ]);
  clusterId = bySource[0]?.cluster_id;
  if (!clusterId && options.site === undefined && LANTERN_ID.test(adIdOrSourceId))
    clusterId = (await repo.adById(p.db, adIdOrSourceId))?.cluster_id;
  if (!clusterId) throw new AppError("ad_not_found", 404, "No such ad");
  const size = (await repo.clusterSize(p.db, clusterId)) ?? 1;
  const rows = await repo.clusterSourceIds(p.db, clusterId, options.after, LOOKUP_PAGE + 1);
  const page = rows.slice(0, LOOKUP_PAGE);
  await appendAudit(
    p,
    byStaff(scope, "links.read", { targetType: "cluster", targetId: clusterId, detail: { lookup: true } }),
  );
  return {
    clusterId,
    size,
    itemIds: page.map((r) => r.source_id),
    next: rows.length > LOOKUP_PAGE ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** The largest clusters (two items or more). Audited as `links.read` with the number of rows. */
export async function clusterIndex(
  p: Platform,
  scope: StaffScope,
): Promise<{ id: string; size: number; updatedAt: string }[]> {
  assertCan(scope, "links.read");
  const rows = await repo.largestClusters(p.db, 100);
  await appendAudit(
    p,
    byStaff(scope, "links.read", { targetType: "clusters", detail: { rows: rows.length } }),
  );
  return rows.map((r) => ({ id: r.id, size: r.size, updatedAt: r.updated_at }));
}
