import type { Kysely } from "kysely";

/**
 * Indexes for the analyst console (issue 4): ads ranked by score (keyset on score, id), a cluster's items
 * newest first, and the clusters index (largest, most recently changed).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("ads_rank").on("ads").columns(["score", "id"]).execute();
  await db.schema
    .createIndex("ads_cluster_posted")
    .on("ads")
    .columns(["cluster_id", "posted_at", "id"])
    .execute();
  await db.schema.createIndex("clusters_size").on("clusters").columns(["size", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ["clusters_size", "ads_cluster_posted", "ads_rank"]) {
    await db.schema.dropIndex(index).execute();
  }
}
