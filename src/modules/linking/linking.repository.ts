import type { Insertable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { AdsTable, IdentifiersTable, ObservationsTable } from "../../platform/db/schema.ts";

/** Rows per multi-row statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Source ids (with their site) already stored among the given ones. */
export async function storedSourceIds(
  db: Executor,
  sourceIds: readonly string[],
): Promise<{ site: string; source_id: string }[]> {
  const rows: { site: string; source_id: string }[] = [];
  for (const part of chunks([...new Set(sourceIds)])) {
    rows.push(
      ...(await db.selectFrom("ads").select(["site", "source_id"]).where("source_id", "in", part).execute()),
    );
  }
  return rows;
}

/** The original (non-repost) ad of each given content hash, with its cluster. */
export async function originalsByHash(
  db: Executor,
  hashes: readonly string[],
): Promise<{ id: string; content_hash: string; cluster_id: string }[]> {
  const rows: { id: string; content_hash: string; cluster_id: string }[] = [];
  for (const part of chunks([...new Set(hashes)])) {
    rows.push(
      ...(await db
        .selectFrom("ads")
        .select(["id", "content_hash", "cluster_id"])
        .where("content_hash", "in", part)
        .where("repost_of", "is", null)
        .execute()),
    );
  }
  return rows;
}

export interface StoredIdentifier {
  id: string;
  blind_index: string;
  item_count: number;
  unrelated_count: number;
  is_hub: number;
  cluster_id: string | null;
}

export async function identifiersByBlindIndex(
  db: Executor,
  blindIndexes: readonly string[],
): Promise<StoredIdentifier[]> {
  const rows: StoredIdentifier[] = [];
  for (const part of chunks([...new Set(blindIndexes)])) {
    rows.push(
      ...(await db
        .selectFrom("identifiers")
        .select(["id", "blind_index", "item_count", "unrelated_count", "is_hub", "cluster_id"])
        .where("blind_index", "in", part)
        .execute()),
    );
  }
  return rows;
}

export async function clusterSizes(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const part of chunks([...new Set(ids)])) {
    for (const row of await db
      .selectFrom("clusters")
      .select(["id", "size"])
      .where("id", "in", part)
      .execute()) {
      sizes.set(row.id, Number(row.size));
    }
  }
  return sizes;
}

/** Moves every item and identifier of cluster `from` into cluster `to` and deletes `from`. */
export async function relabelCluster(db: Executor, from: string, to: string): Promise<void> {
  await db.updateTable("ads").set({ cluster_id: to }).where("cluster_id", "=", from).execute();
  await db.updateTable("report_links").set({ cluster_id: to }).where("cluster_id", "=", from).execute();
  await db.updateTable("identifiers").set({ cluster_id: to }).where("cluster_id", "=", from).execute();
  await db.deleteFrom("clusters").where("id", "=", from).execute();
}

/** Stores the sizes of the given clusters, new or not. */
export async function saveClusterSizes(
  db: Executor,
  sizes: ReadonlyMap<string, number>,
  at: string,
): Promise<void> {
  const rows = [...sizes].map(([id, size]) => ({ id, size, updated_at: at }));
  for (const part of chunks(rows)) {
    await db
      .insertInto("clusters")
      .values(part)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          size: eb.ref("excluded.size"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .execute();
  }
}

export async function insertAds(db: Executor, rows: readonly Insertable<AdsTable>[]): Promise<void> {
  for (const part of chunks(rows, 200)) await db.insertInto("ads").values(part).execute();
}

/** Inserts new identifiers and updates the counts, hub flag and cluster of stored ones (same id). */
export async function upsertIdentifiers(
  db: Executor,
  rows: readonly Insertable<IdentifiersTable>[],
): Promise<void> {
  for (const part of chunks(rows, 400)) {
    await db
      .insertInto("identifiers")
      .values(part)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet((eb) => ({
          item_count: eb.ref("excluded.item_count"),
          unrelated_count: eb.ref("excluded.unrelated_count"),
          is_hub: eb.ref("excluded.is_hub"),
          cluster_id: eb.ref("excluded.cluster_id"),
        })),
      )
      .execute();
  }
}

export async function insertObservations(
  db: Executor,
  rows: readonly Insertable<ObservationsTable>[],
): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto("observations").values(part).execute();
}

/** Every cluster of two or more ads, with the ads' source ids (sorted, for stable output). */
export async function clustersWithAds(db: Executor): Promise<{ cluster_id: string; source_id: string }[]> {
  return db
    .selectFrom("ads")
    .innerJoin("clusters", "clusters.id", "ads.cluster_id")
    .select(["ads.cluster_id", "ads.source_id"])
    .where("clusters.size", ">=", 2)
    .orderBy("ads.cluster_id")
    .orderBy("ads.source_id")
    .execute();
}

/** Every observation (of ads and of linked reports: item ids are unique across both). */
export async function allObservations(db: Executor): Promise<{ identifier_id: string; item_id: string }[]> {
  return db.selectFrom("observations").select(["identifier_id", "item_id"]).execute();
}

/** Makes exactly the given identifiers hubs. */
export async function setHubs(db: Executor, hubs: ReadonlySet<string>): Promise<void> {
  await db.updateTable("identifiers").set({ is_hub: 0 }).where("is_hub", "=", 1).execute();
  await markHubs(db, [...hubs]);
}

export async function allAdClusters(
  db: Executor,
): Promise<{ id: string; cluster_id: string; repost_of: string | null }[]> {
  return db.selectFrom("ads").select(["id", "cluster_id", "repost_of"]).execute();
}

/** Every linked report with its cluster. */
export async function allReportLinks(db: Executor): Promise<{ id: string; cluster_id: string }[]> {
  return db.selectFrom("report_links").select(["report_id as id", "cluster_id"]).execute();
}

export async function setItemCluster(db: Executor, id: string, cluster: string): Promise<void> {
  await db.updateTable("ads").set({ cluster_id: cluster }).where("id", "=", id).execute();
  await db.updateTable("report_links").set({ cluster_id: cluster }).where("report_id", "=", id).execute();
}

export async function setIdentifierCluster(db: Executor, id: string, cluster: string | null): Promise<void> {
  await db.updateTable("identifiers").set({ cluster_id: cluster }).where("id", "=", id).execute();
}

export async function replaceClusters(
  db: Executor,
  sizes: ReadonlyMap<string, number>,
  at: string,
): Promise<void> {
  await db.deleteFrom("clusters").execute();
  await saveClusterSizes(db, sizes, at);
}

/** What a hub check of one identifier needs: its items, its (non-hub) neighbours and their sightings. */
export async function hubNeighbourhood(
  db: Executor,
  identifierId: string,
): Promise<{
  items: { item_type: string; item_id: string }[];
  neighbours: string[];
  around: { identifier_id: string; item_type: string; item_id: string }[];
}> {
  const items = await db
    .selectFrom("observations")
    .select(["item_type", "item_id"])
    .where("identifier_id", "=", identifierId)
    .execute();
  const neighbours = (
    await db
      .selectFrom("observations as mine")
      .innerJoin("observations as other", (join) =>
        join.onRef("other.item_type", "=", "mine.item_type").onRef("other.item_id", "=", "mine.item_id"),
      )
      .innerJoin("identifiers", "identifiers.id", "other.identifier_id")
      .select("other.identifier_id")
      .distinct()
      .where("mine.identifier_id", "=", identifierId)
      .where("other.identifier_id", "<>", identifierId)
      .where("identifiers.is_hub", "=", 0)
      .execute()
  ).map((r) => r.identifier_id);
  const around: { identifier_id: string; item_type: string; item_id: string }[] = [];
  for (const part of chunks(neighbours)) {
    around.push(
      ...(await db
        .selectFrom("observations")
        .select(["identifier_id", "item_type", "item_id"])
        .where("identifier_id", "in", part)
        .execute()),
    );
  }
  return { items, neighbours, around };
}

export async function markHubs(db: Executor, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids))
    await db.updateTable("identifiers").set({ is_hub: 1 }).where("id", "in", part).execute();
}

/** The items (ads and reports) of one cluster, and the observations of identifiers that still link on them. */
export async function clusterLinks(
  db: Executor,
  clusterId: string,
): Promise<{
  ads: { id: string; repost_of: string | null; report?: true }[];
  links: { identifier_id: string; item_id: string }[];
}> {
  const ads = [
    ...(await db.selectFrom("ads").select(["id", "repost_of"]).where("cluster_id", "=", clusterId).execute()),
    ...(
      await db.selectFrom("report_links").select("report_id").where("cluster_id", "=", clusterId).execute()
    ).map((r) => ({ id: r.report_id, repost_of: null, report: true as const })),
  ];
  const links = [
    ...(await db
      .selectFrom("ads")
      .innerJoin("observations", (join) =>
        join.on("observations.item_type", "=", "ad").onRef("observations.item_id", "=", "ads.id"),
      )
      .innerJoin("identifiers", "identifiers.id", "observations.identifier_id")
      .select(["observations.identifier_id", "observations.item_id"])
      .where("ads.cluster_id", "=", clusterId)
      .where("identifiers.is_hub", "=", 0)
      .execute()),
    ...(await db
      .selectFrom("report_links")
      .innerJoin("observations", (join) =>
        join
          .on("observations.item_type", "=", "report")
          .onRef("observations.item_id", "=", "report_links.report_id"),
      )
      .innerJoin("identifiers", "identifiers.id", "observations.identifier_id")
      .select(["observations.identifier_id", "observations.item_id"])
      .where("report_links.cluster_id", "=", clusterId)
      .where("identifiers.is_hub", "=", 0)
      .execute()),
  ];
  return { ads, links };
}

/** Moves the given items (ads or reports) and identifiers into cluster `to`. */
export async function moveToCluster(
  db: Executor,
  to: string,
  itemIds: readonly string[],
  identifierIds: readonly string[],
): Promise<void> {
  for (const part of chunks(itemIds)) {
    await db.updateTable("ads").set({ cluster_id: to }).where("id", "in", part).execute();
    await db.updateTable("report_links").set({ cluster_id: to }).where("report_id", "in", part).execute();
  }
  for (const part of chunks(identifierIds))
    await db.updateTable("identifiers").set({ cluster_id: to }).where("id", "in", part).execute();
}
