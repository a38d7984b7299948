import { type SelectQueryBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";

/**
 * The analyst console's reads: ranked ads, an ad, a cluster's items, identifiers and observations. Ads
 * are public web content shared by the deployment (no organisation filter); only ads are read here, never
 * reports (`observations.item_type = 'ad'`). Every query is served by an index (see the 1800 and 1900
 * migrations).
 */

export interface AdRow {
  readonly id: string;
  readonly site: string;
  readonly source_id: string;
  readonly url: string | null;
  readonly posted_at: string | null;
  readonly title: string;
  readonly text: string;
  readonly city: string | null;
  readonly country: string | null;
  readonly score: number;
  readonly indicators: string;
  readonly cluster_id: string;
  readonly repost_of: string | null;
  readonly created_at: string;
}

const AD_COLUMNS = [
  "ads.id",
  "ads.site",
  "ads.source_id",
  "ads.url",
  "ads.posted_at",
  "ads.title",
  "ads.text",
  "ads.city",
  "ads.country",
  "ads.score",
  "ads.indicators",
  "ads.cluster_id",
  "ads.repost_of",
  "ads.created_at",
] as const;

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

export interface RankFilters {
  readonly country?: string;
  readonly city?: string;
  readonly site?: string;
  readonly minScore?: number;
  /** Posted on or after this day (YYYY-MM-DD). */
  readonly from?: string;
  /** Posted on or before this day (YYYY-MM-DD). */
  readonly to?: string;
}

/** The position after which the next page starts: the last row's score and id. */
export interface RankKey {
  readonly score: number;
  readonly id: string;
}

/**
 * Original ads (reposts left out: they repeat their original) by score, highest first, then by id (newest
 * import first): keyset pages over the `ads_rank` index.
 */
export async function rankedAds(
  db: Executor,
  filters: RankFilters,
  after: RankKey | undefined,
  limit: number,
): Promise<(AdRow & { cluster_size: number })[]> {
  let q = db
    .selectFrom("ads")
    .leftJoin("clusters", "clusters.id", "ads.cluster_id")
    .select([...AD_COLUMNS, "clusters.size as cluster_size"])
    .where("ads.repost_of", "is", null);
  if (filters.country) q = q.where("ads.country", "=", filters.country);
  if (filters.city) q = q.where(sql<string>`lower(ads.city)`, "=", filters.city.toLowerCase());
  if (filters.site) q = q.where("ads.site", "=", filters.site);
  if (filters.minScore !== undefined) q = q.where("ads.score", ">=", filters.minScore);
  if (filters.from) q = q.where("ads.posted_at", ">=", filters.from);
  // A day is inclusive: everything that starts with it sorts before the next character.
  if (filters.to) q = q.where("ads.posted_at", "<", `${filters.to}\uffff`);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb("ads.score", "<", after.score),
        eb.and([eb("ads.score", "=", after.score), eb("ads.id", "<", after.id)]),
      ]),
    );
  }
  const rows = await q.orderBy("ads.score", "desc").orderBy("ads.id", "desc").limit(limit).execute();
  return rows.map((r) => ({ ...r, score: Number(r.score), cluster_size: Number(r.cluster_size ?? 1) }));
}

/** One ad by its id. */
export async function adById(db: Executor, id: string): Promise<AdRow | undefined> {
  const row = await db.selectFrom("ads").select(AD_COLUMNS).where("ads.id", "=", id).executeTakeFirst();
  return row && { ...row, score: Number(row.score) };
}

/** Ads by the id given in the imported file (one per site), served by the unique `ads_source` index. */
export async function adsBySourceId(
  db: Executor,
  sourceId: string,
  site: string | undefined,
): Promise<{ id: string; site: string; cluster_id: string }[]> {
  let q = db.selectFrom("ads").select(["id", "site", "cluster_id"]).where("source_id", "=", sourceId);
  if (site !== undefined) q = q.where("site", "=", site);
  return q.limit(20).execute();
}

/** A cluster's size, or undefined when there is no such cluster. */
export async function clusterSize(db: Executor, id: string): Promise<number | undefined> {
  const row = await db.selectFrom("clusters").select("size").where("id", "=", id).executeTakeFirst();
  return row ? Number(row.size) : undefined;
}

/** The imported ids of a cluster's ads, a page at a time in id order (the covering `ads_cluster_items` index). */
export async function clusterSourceIds(
  db: Executor,
  clusterId: string,
  afterId: string | undefined,
  limit: number,
): Promise<{ id: string; source_id: string }[]> {
  let q = db.selectFrom("ads").select(["id", "source_id"]).where("cluster_id", "=", clusterId);
  if (afterId) q = q.where("id", ">", afterId);
  return q.orderBy("id").limit(limit).execute();
}

function newestFirst<O>(q: SelectQueryBuilder<Database, "ads", O>) {
  return q.orderBy(sql`ads.posted_at desc nulls last`).orderBy("ads.id", "desc");
}

/** A cluster's newest ads (by posted time) with their full row: the items list and the lead export. */
export async function clusterAds(
  db: Executor,
  clusterId: string,
  offset: number,
  limit: number,
): Promise<AdRow[]> {
  const rows = await newestFirst(
    db.selectFrom("ads").select(AD_COLUMNS).where("ads.cluster_id", "=", clusterId),
  )
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

/** What the facts need of a cluster's newest `limit` ads: no title or text. */
export async function clusterFactRows(
  db: Executor,
  clusterId: string,
  limit: number,
): Promise<
  {
    id: string;
    source_id: string;
    posted_at: string | null;
    created_at: string;
    city: string | null;
    country: string | null;
    indicators: string;
    repost_of: string | null;
  }[]
> {
  return newestFirst(
    db
      .selectFrom("ads")
      .select([
        "ads.id",
        "ads.source_id",
        "ads.posted_at",
        "ads.created_at",
        "ads.city",
        "ads.country",
        "ads.indicators",
        "ads.repost_of",
      ])
      .where("ads.cluster_id", "=", clusterId),
  )
    .limit(limit)
    .execute();
}

/** Title and text of the given ads (the facts re-read names and ages from a sample of them). */
export async function adTexts(
  db: Executor,
  ids: readonly string[],
): Promise<{ id: string; title: string; text: string; country: string | null }[]> {
  const rows: { id: string; title: string; text: string; country: string | null }[] = [];
  for (const part of chunks(ids)) {
    rows.push(
      ...(await db
        .selectFrom("ads")
        .select(["id", "title", "text", "country"])
        .where("id", "in", part)
        .execute()),
    );
  }
  return rows;
}

/** The identifiers observed on the given ads (the `observations_item` index). */
export async function observationsOfAds(
  db: Executor,
  adIds: readonly string[],
): Promise<{ identifier_id: string; item_id: string }[]> {
  const rows: { identifier_id: string; item_id: string }[] = [];
  for (const part of chunks(adIds)) {
    rows.push(
      ...(await db
        .selectFrom("observations")
        .select(["identifier_id", "item_id"])
        .where("item_type", "=", "ad")
        .where("item_id", "in", part)
        .execute()),
    );
  }
  return rows;
}

export interface IdentifierRow {
  readonly id: string;
  readonly type: string;
  readonly display_sealed: string;
  readonly item_count: number;
  readonly is_hub: number;
  readonly cluster_id: string | null;
}

export async function identifiersByIds(db: Executor, ids: readonly string[]): Promise<IdentifierRow[]> {
  const rows: IdentifierRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    for (const r of await db
      .selectFrom("identifiers")
      .select(["id", "type", "display_sealed", "item_count", "is_hub", "cluster_id"])
      .where("id", "in", part)
      .execute()) {
      rows.push({ ...r, item_count: Number(r.item_count), is_hub: Number(r.is_hub) });
    }
  }
  return rows;
}

/** The largest clusters of two or more items (the `clusters_size` index). */
export async function largestClusters(
  db: Executor,
  limit: number,
): Promise<{ id: string; size: number; updated_at: string }[]> {
  const rows = await db
    .selectFrom("clusters")
    .select(["id", "size", "updated_at"])
    .where("size", ">=", 2)
    .orderBy("size", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, size: Number(r.size) }));
}
