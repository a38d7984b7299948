import { type Kysely, sql } from "kysely";

/**
 * The triage workflow. Each organisation's copy of a report carries its own workflow state (status,
 * urgency, assignee, close reason) and a copy of the report's filterable facts (received time, country,
 * channel, categories as a bit mask), so the inbox filters and sorts on one table with one organisation's
 * rows. The timeline and internal notes are report events; shares are grants between organisations.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const copies = () => db.schema.alterTable("report_copies");
  await copies()
    .addColumn("received_at", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await copies()
    .addColumn("country_code", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await copies()
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("web"))
    .execute();
  await copies()
    .addColumn("category_mask", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // 0 normal, 1 high, 2 urgent: an integer so the inbox sorts by it.
  await copies()
    .addColumn("urgency", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await copies().addColumn("assignee_id", "text").execute();
  await copies()
    .addColumn("unread_messages", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await copies().addColumn("close_reason", "text").execute();
  await copies().addColumn("closed_at", "text").execute();
  await copies().addColumn("merged_into", "text").execute();
  // The share this copy came from, when another organisation shared the report.
  await copies().addColumn("share_id", "text").execute();
  await db.schema.alterTable("reports").addColumn("recorded_by", "text").execute();

  // Existing copies take their report's facts (portable correlated subqueries).
  for (const column of ["country_code", "channel"] as const) {
    await sql`update report_copies set ${sql.ref(column)} =
      (select ${sql.ref(`reports.${column}`)} from reports where reports.id = report_copies.report_id)`.execute(
      db,
    );
  }
  await sql`update report_copies set received_at =
    (select reports.created_at from reports where reports.id = report_copies.report_id)`.execute(db);

  await db.schema
    .createIndex("report_copies_status")
    .on("report_copies")
    .columns(["organisation_id", "status", "updated_at"])
    .execute();
  await db.schema
    .createIndex("report_copies_closed")
    .on("report_copies")
    .columns(["status", "closed_at"])
    .execute();

  await db.schema
    .createTable("report_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    // Non-sensitive facts (JSON); `body` holds a note's text, sealed under the organisation's key.
    .addColumn("detail", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("body", "text")
    .execute();
  await db.schema
    .createIndex("report_events_timeline")
    .on("report_events")
    .columns(["report_id", "organisation_id", "at"])
    .execute();

  await db.schema
    .createTable("report_shares")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("report_id", "text", (c) => c.notNull().references("reports.id").onDelete("cascade"))
    .addColumn("from_organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("to_organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    // offered → accepted | declined; offered or accepted → revoked
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("responded_by", "text")
    .addColumn("responded_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema
    .createIndex("report_shares_to")
    .on("report_shares")
    .columns(["to_organisation_id", "status"])
    .execute();
  await db.schema
    .createIndex("report_shares_report")
    .on("report_shares")
    .columns(["report_id", "from_organisation_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("report_shares").ifExists().execute();
  await db.schema.dropTable("report_events").ifExists().execute();
  await db.schema.dropIndex("report_copies_closed").ifExists().execute();
  await db.schema.dropIndex("report_copies_status").ifExists().execute();
  await db.schema.alterTable("reports").dropColumn("recorded_by").execute();
  for (const column of [
    "share_id",
    "merged_into",
    "closed_at",
    "close_reason",
    "unread_messages",
    "assignee_id",
    "urgency",
    "category_mask",
    "channel",
    "country_code",
    "received_at",
  ]) {
    await db.schema.alterTable("report_copies").dropColumn(column).execute();
  }
}
