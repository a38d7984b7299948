import type { Kysely } from "kysely";

/**
 * The identifier graph (issue 4): imported online ads, identifiers stored through a blind index (an HMAC
 * of `type:value`; the display value sealed), observations tying identifiers to items, and clusters kept
 * incrementally (each item and each linking identifier carries its cluster's id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("clusters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Ads are public web content: title and text in the clear, card numbers redacted before storage.
  await db.schema
    .createTable("ads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source_id", "text", (c) => c.notNull())
    .addColumn("url", "text")
    .addColumn("posted_at", "text")
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("city", "text")
    .addColumn("country", "text")
    .addColumn("content_hash", "text", (c) => c.notNull())
    // The ad this one reposts word for word (same content hash), when it is a repost.
    .addColumn("repost_of", "text")
    .addColumn("score", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("indicators", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("ads_source").unique().on("ads").columns(["source_id", "site"]).execute();
  await db.schema.createIndex("ads_content_hash").on("ads").column("content_hash").execute();
  await db.schema.createIndex("ads_cluster").on("ads").column("cluster_id").execute();

  await db.schema
    .createTable("identifiers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("blind_index", "text", (c) => c.notNull().unique())
    .addColumn("display_sealed", "text", (c) => c.notNull())
    .addColumn("item_count", "integer", (c) => c.notNull().defaultTo(0))
    // Items on which it met identifiers of another cluster: the "unrelated items" that make it a hub.
    .addColumn("unrelated_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("is_hub", "integer", (c) => c.notNull().defaultTo(0))
    // The cluster of the items it links (one, since it links them); kept when it becomes a hub.
    .addColumn("cluster_id", "text")
    .execute();
  await db.schema.createIndex("identifiers_cluster").on("identifiers").column("cluster_id").execute();

  await db.schema
    .createTable("observations")
    .addColumn("identifier_id", "text", (c) => c.notNull())
    .addColumn("item_type", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("observations_pk", ["identifier_id", "item_type", "item_id"])
    .execute();
  await db.schema
    .createIndex("observations_item")
    .on("observations")
    .columns(["item_type", "item_id", "identifier_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["observations", "identifiers", "ads", "clusters"]) {
    await db.schema.dropTable(table).execute();
  }
}
