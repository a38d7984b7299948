import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * The library (issue 5): items of every content type in one table (one row per language; translations
 * share a `translation_group`), their version history, facets for filters (audience, topic, country) in
 * a narrow indexed table, and the full-text index: an FTS5 table on SQLite, a weighted tsvector with a GIN
 * index on PostgreSQL (see library-search.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("library_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("translation_group", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("level", "text", (c) => c.notNull().defaultTo("first_steps"))
    // Type-specific fields as JSON (a best practice's problem/action/place/evidence/contact, a resource's
    // publisher/year/licence/link, a story's consent record...).
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("author_id", "text")
    .addColumn("organisation_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema
    .createIndex("library_items_slug")
    .unique()
    .on("library_items")
    .columns(["slug", "language"])
    .execute();
  await db.schema
    .createIndex("library_items_group")
    .on("library_items")
    .columns(["translation_group", "language"])
    .execute();
  await db.schema
    .createIndex("library_items_listing")
    .on("library_items")
    .columns(["status", "language", "published_at"])
    .execute();

  await db.schema
    .createTable("library_versions")
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("details", "text", (c) => c.notNull())
    .addColumn("edited_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("library_versions_pk", ["item_id", "version"])
    .execute();

  // audience / topic / country values of each item, for filters that stay index lookups.
  await db.schema
    .createTable("library_facets")
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("facet", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("library_facets_pk", ["facet", "value", "item_id"])
    .execute();
  await db.schema.createIndex("library_facets_item").on("library_facets").column("item_id").execute();

  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // Published items only. Filters are words of the `tags` column ("flanguagees", "ftopiclawpolicy"...),
    // so a filter is one more term of the match, not a lookup per matching item.
    // Porter stems English (the only stemmer FTS5 ships); unicode61 folds case and diacritics everywhere;
    // prefix indexes of 3 to 5 letters serve the unfinished last word of a query.
    await sql`create virtual table library_fts using fts5(
      title, summary, body, tags, item_id unindexed,
      tokenize = 'porter unicode61 remove_diacritics 2',
      prefix = '3 4 5'
    )`.execute(db);
    // Which index row holds an item (FTS5 finds rows fast only by rowid or by match).
    await sql`create table library_fts_rows (item_id text primary key, fts_rowid integer not null)`.execute(
      db,
    );
  } else {
    await db.schema
      .createTable("library_search")
      .addColumn("item_id", "text", (c) => c.primaryKey())
      .addColumn("config", "text", (c) => c.notNull())
      .addColumn("language", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("level", "text", (c) => c.notNull())
      .addColumn("document", sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index library_search_document on library_search using gin (document)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`drop table library_fts_rows`.execute(db);
    await sql`drop table library_fts`.execute(db);
  } else await db.schema.dropTable("library_search").execute();
  for (const table of ["library_facets", "library_versions", "library_items"]) {
    await db.schema.dropTable(table).execute();
  }
}
