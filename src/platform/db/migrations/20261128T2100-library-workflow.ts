import { type Kysely, SqliteAdapter, sql } from "kysely";

/**
 * The library's editorial workflow (issue 5).
 *
 * - A published item keeps serving its published text while an editor revises it: the revision is a
 *   version row past the item's `version`, named by `pending_version`, with its own `pending_status`
 *   (draft | in_review). Approval copies it into the item. An item never published is edited in place.
 * - Versions carry the level and the facets too, so a revision's metadata is reviewed with its text.
 * - `library_reviews` is the editorial timeline: who submitted, approved (with the anonymisation check for
 *   a survivor's story), asked for changes, archived, restored, and why.
 * - `library_consents`: a survivor story's consent record (one per story); where the signed form is kept
 *   is sealed. Withdrawing consent unpublishes the story.
 * - `library_files`: a resource's uploaded file, in the database so backups hold it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.alterTable("library_items").addColumn("pending_version", "integer").execute();
  await db.schema.alterTable("library_items").addColumn("pending_status", "text").execute();
  await db.schema.alterTable("library_items").addColumn("submitted_by", "text").execute();
  await db.schema.alterTable("library_items").addColumn("submitted_at", "text").execute();
  await db.schema
    .createIndex("library_items_queue")
    .on("library_items")
    .columns(["status", "pending_status", "updated_at"])
    .execute();
  await db.schema.createIndex("library_items_author").on("library_items").column("author_id").execute();

  await db.schema
    .alterTable("library_versions")
    .addColumn("level", "text", (c) => c.notNull().defaultTo("first_steps"))
    .execute();
  await db.schema
    .alterTable("library_versions")
    .addColumn("facets", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();

  await db.schema
    .createTable("library_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("editor_id", "text")
    // submitted | approved | changes_requested | archived | restored | consent_recorded | consent_withdrawn
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("anonymisation_checked", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("comment", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("library_reviews_item")
    .on("library_reviews")
    .columns(["item_id", "created_at"])
    .execute();

  await db.schema
    .createTable("library_consents")
    .addColumn("item_id", "text", (c) => c.primaryKey())
    // written | recorded_verbal | through_organisation
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("given_on", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("reference_sealed", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .addColumn("withdrawn_by", "text")
    .execute();

  await db.schema
    .createTable("library_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", sqlite ? "blob" : sql`bytea`, (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("library_files_item").on("library_files").column("item_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["library_files", "library_consents", "library_reviews"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("library_items_queue").execute();
  await db.schema.dropIndex("library_items_author").execute();
  for (const column of ["pending_version", "pending_status", "submitted_by", "submitted_at"]) {
    await db.schema.alterTable("library_items").dropColumn(column).execute();
  }
  for (const column of ["level", "facets"]) {
    await db.schema.alterTable("library_versions").dropColumn(column).execute();
  }
}
