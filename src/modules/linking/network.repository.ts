import type { Executor } from "../../platform/db/database.ts";

/** Rows per `in (...)` list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export interface NetworkAdRow {
  id: string;
  site: string;
  title: string;
  posted_at: string | null;
  city: string | null;
  country: string | null;
  score: number;
  repost_of: string | null;
}

export interface NetworkEdgeRow {
  item_id: string;
  identifier_id: string;
  type: string;
  display_sealed: string;
  is_hub: number;
  item_count: number;
}

/** How many ads the cluster holds (0: no such cluster). Ads are public web content: no organisation filter. */
export async function clusterAdCount(db: Executor, clusterId: string): Promise<number> {
  const row = await db
    .selectFrom("ads")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("cluster_id", "=", clusterId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The cluster's ads, newest first, at most `limit`. */
export function clusterAds(db: Executor, clusterId: string, limit: number): Promise<NetworkAdRow[]> {
  return db
    .selectFrom("ads")
    .select(["id", "site", "title", "posted_at", "city", "country", "score", "repost_of"])
    .where("cluster_id", "=", clusterId)
    .orderBy("posted_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** The identifiers observed on the given ads (hubs included), one row per observation. */
export async function adObservations(db: Executor, adIds: readonly string[]): Promise<NetworkEdgeRow[]> {
  const rows: NetworkEdgeRow[] = [];
  for (let i = 0; i < adIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom("observations as o")
        .innerJoin("identifiers as i", "i.id", "o.identifier_id")
        .select(["o.item_id", "o.identifier_id", "i.type", "i.display_sealed", "i.is_hub", "i.item_count"])
        .where("o.item_type", "=", "ad")
        .where("o.item_id", "in", adIds.slice(i, i + CHUNK))
        .orderBy("o.item_id")
        .orderBy("o.identifier_id")
        .execute()),
    );
  }
  return rows;
}

/** Reports observed with the given identifiers (every organisation's: the caller keeps only those it holds). */
export async function reportObservations(
  db: Executor,
  identifierIds: readonly string[],
): Promise<{ item_id: string; identifier_id: string }[]> {
  const rows: { item_id: string; identifier_id: string }[] = [];
  for (let i = 0; i < identifierIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom("observations")
        .select(["item_id", "identifier_id"])
        .where("item_type", "=", "report")
        .where("identifier_id", "in", identifierIds.slice(i, i + CHUNK))
        .orderBy("item_id")
        .orderBy("identifier_id")
        .execute()),
    );
  }
  return rows;
}
