import type { Kysely } from "kysely";

/**
 * Indexes for the analyst console (issue 4), measured on 300,000 ads (SQLite):
 * - `ads_rank` (score, id): ads ranked by score, keyset pages (a scan of the index, no sort);
 * - `ads_cluster_items` (cluster_id, id, source_id) replaces `ads_cluster` (cluster_id): the same
 *   lookups by cluster, plus a cluster's imported ids in id order straight from the index (the API's
 *   pages of item ids: no sort of a huge cluster's rows), without adding an index to every ad insert;
 * - `clusters_size` (size, id): the largest clusters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("ads_rank").on("ads").columns(["score", "id"]).execute();
  await db.schema
    .createIndex("ads_cluster_items")
    .on("ads")
    .columns(["cluster_id", "id", "source_id"])
    .execute();
  await db.schema.dropIndex("ads_cluster").execute();
  await db.schema.createIndex("clusters_size").on("clusters").columns(["size", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("clusters_size").execute();
  await db.schema.createIndex("ads_cluster").on("ads").column("cluster_id").execute();
  await db.schema.dropIndex("ads_cluster_items").execute();
  await db.schema.dropIndex("ads_rank").execute();
}
