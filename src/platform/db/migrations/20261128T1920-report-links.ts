import type { Kysely } from "kysely";

/**
 * Reports as items of the identifier graph (issue 4): the cluster each linked report belongs to. A report
 * without a row here is not linked yet (the linking job picks it up); its observations use item type
 * "report". Ads keep their cluster in `ads.cluster_id`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("report_links")
    .addColumn("report_id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("linked_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("report_links_cluster").on("report_links").column("cluster_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_links").execute();
}
