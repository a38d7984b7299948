import { type Insertable, type Selectable, sql, type Updateable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  ReportCopiesTable,
  ReportEventsTable,
  ReportMessagesTable,
  ReportSharesTable,
  ReportsTable,
} from "../../platform/db/schema.ts";
import type { StaffScope } from "../../platform/platform.ts";

export type ReportRow = Selectable<ReportsTable>;
export type MessageRow = Selectable<ReportMessagesTable>;

export async function insertReport(
  db: Executor,
  report: Insertable<ReportsTable>,
  copies: readonly Insertable<ReportCopiesTable>[],
): Promise<void> {
  await db.insertInto("reports").values(report).execute();
  await db.insertInto("report_copies").values(copies).execute();
}

export function findByReceiptHash(db: Executor, receiptHash: string): Promise<ReportRow | undefined> {
  return db.selectFrom("reports").selectAll().where("receipt_hash", "=", receiptHash).executeTakeFirst();
}

export async function submissionKeyUsed(db: Executor, submissionKey: string): Promise<boolean> {
  const row = await db
    .selectFrom("reports")
    .select("id")
    .where("submission_key", "=", submissionKey)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every organisation's copy of a report (for the reporter, who sees the report as one). */
export function copiesOf(db: Executor, reportId: string) {
  return (
    db
      .selectFrom("report_copies")
      .select(["organisation_id", "status"])
      .where("report_id", "=", reportId)
      // Organisations that received the report first: a copy shared later lacks the reporter's earlier messages.
      .orderBy(sql`case when share_id is null then 0 else 1 end`)
      .orderBy("organisation_id")
      .execute()
  );
}

/** The whole thread of a report across organisations (the reporter's view). */
export function messagesOfReport(db: Executor, reportId: string): Promise<MessageRow[]> {
  return db
    .selectFrom("report_messages")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function insertMessages(
  db: Executor,
  rows: readonly Insertable<ReportMessagesTable>[],
): Promise<void> {
  await db.insertInto("report_messages").values(rows).execute();
}

export async function markCopies(
  db: Executor,
  reportId: string,
  organisationIds: readonly string[],
  changes: { unread?: 0 | 1; unread_messages?: 0 | 1; status?: string; updated_at: string },
): Promise<void> {
  await db
    .updateTable("report_copies")
    .set(changes)
    .where("report_id", "=", reportId)
    .where("organisation_id", "in", organisationIds)
    .execute();
}

// ---- staff side: every query below is scoped to the acting user's organisation ----

export function findForOrganisation(db: Executor, scope: StaffScope, reportId: string) {
  return db
    .selectFrom("report_copies")
    .innerJoin("reports", "reports.id", "report_copies.report_id")
    .selectAll("reports")
    .select([
      "report_copies.status",
      "report_copies.unread",
      "report_copies.payload",
      "report_copies.updated_at",
    ])
    .where("report_copies.organisation_id", "=", scope.organisationId)
    .where("report_copies.report_id", "=", reportId)
    .executeTakeFirst();
}

export function threadForOrganisation(
  db: Executor,
  scope: StaffScope,
  reportId: string,
): Promise<MessageRow[]> {
  return db
    .selectFrom("report_messages")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("organisation_id", "=", scope.organisationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

// ---- report workflow: detail, timeline, notes, status, assignment, merge, shares (scoped to one organisation) ----

export type EventRow = Selectable<ReportEventsTable>;
export type ShareRow = Selectable<ReportSharesTable>;
export type CopyChanges = Updateable<ReportCopiesTable> & { updated_at: string };

/** One organisation's copy of a report with the report's facts and the copy's whole workflow state. */
export function findCopy(db: Executor, scope: StaffScope, reportId: string) {
  return db
    .selectFrom("report_copies")
    .innerJoin("reports", "reports.id", "report_copies.report_id")
    .selectAll("report_copies")
    .select([
      "reports.created_at",
      "reports.categories",
      "reports.language",
      "reports.people_count",
      "reports.children_involved",
      "reports.in_danger",
      "reports.is_demo",
      "reports.recorded_by",
    ])
    .where("report_copies.organisation_id", "=", scope.organisationId)
    .where("report_copies.report_id", "=", reportId)
    .executeTakeFirst();
}

export async function updateCopy(
  db: Executor,
  scope: StaffScope,
  reportId: string,
  changes: CopyChanges,
): Promise<void> {
  await db
    .updateTable("report_copies")
    .set(changes)
    .where("organisation_id", "=", scope.organisationId)
    .where("report_id", "=", reportId)
    .execute();
}

/**
 * Updates a copy only while it is still in the state the change was decided on (its status and merge
 * target); returns false when a concurrent change got there first.
 */
export async function updateCopyIf(
  db: Executor,
  scope: StaffScope,
  reportId: string,
  expected: { readonly status: string; readonly merged_into: string | null },
  changes: CopyChanges,
): Promise<boolean> {
  let q = db
    .updateTable("report_copies")
    .set(changes)
    .where("organisation_id", "=", scope.organisationId)
    .where("report_id", "=", reportId)
    .where("status", "=", expected.status);
  q =
    expected.merged_into === null
      ? q.where("merged_into", "is", null)
      : q.where("merged_into", "=", expected.merged_into);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(db: Executor, row: Insertable<ReportEventsTable>): Promise<void> {
  await db.insertInto("report_events").values(row).execute();
}

/** The organisation's timeline of a report, oldest first. */
export function eventsOf(db: Executor, scope: StaffScope, reportId: string): Promise<EventRow[]> {
  return db
    .selectFrom("report_events")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("organisation_id", "=", scope.organisationId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}

/** The organisation's reports merged into this one as duplicates. */
export function duplicatesOf(db: Executor, scope: StaffScope, reportId: string) {
  return db
    .selectFrom("report_copies")
    .select(["report_id", "received_at"])
    .where("organisation_id", "=", scope.organisationId)
    .where("merged_into", "=", reportId)
    .orderBy("received_at")
    .execute();
}

/** The copies a report was merged into, per organisation (their reporter's new messages mark them unread). */
export function mergeTargetsOf(db: Executor, reportId: string) {
  return db
    .selectFrom("report_copies")
    .select(["organisation_id", "merged_into"])
    .where("report_id", "=", reportId)
    .where("merged_into", "is not", null)
    .execute();
}

/** Marks the target copies of merged duplicates unread, each in its own organisation. */
export async function markMergeTargetsUnread(db: Executor, reportId: string, at: string): Promise<void> {
  for (const t of await mergeTargetsOf(db, reportId)) {
    await db
      .updateTable("report_copies")
      .set({ unread: 1, unread_messages: 1, updated_at: at })
      .where("organisation_id", "=", t.organisation_id)
      .where("report_id", "=", t.merged_into as string)
      .execute();
  }
}

export async function hasCopy(db: Executor, reportId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("report_copies")
    .select("report_id")
    .where("report_id", "=", reportId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCopy(db: Executor, row: Insertable<ReportCopiesTable>): Promise<void> {
  await db.insertInto("report_copies").values(row).execute();
}

/** Removes one organisation's copy of a report with its thread and timeline (a revoked share). */
export async function deleteCopy(db: Executor, reportId: string, organisationId: string): Promise<void> {
  // The organisation's duplicates merged into this copy keep their thread but lose the dead link.
  await db
    .updateTable("report_copies")
    .set({ merged_into: null })
    .where("organisation_id", "=", organisationId)
    .where("merged_into", "=", reportId)
    .execute();
  for (const table of ["report_messages", "report_events", "report_copies"] as const) {
    await db
      .deleteFrom(table)
      .where("report_id", "=", reportId)
      .where("organisation_id", "=", organisationId)
      .execute();
  }
}

export async function insertShare(db: Executor, row: Insertable<ReportSharesTable>): Promise<void> {
  await db.insertInto("report_shares").values(row).execute();
}

/** A share the organisation gave or received (never a third organisation's). */
export function findShare(db: Executor, scope: StaffScope, shareId: string): Promise<ShareRow | undefined> {
  return db
    .selectFrom("report_shares")
    .selectAll()
    .where("id", "=", shareId)
    .where((eb) =>
      eb.or([
        eb("from_organisation_id", "=", scope.organisationId),
        eb("to_organisation_id", "=", scope.organisationId),
      ]),
    )
    .executeTakeFirst();
}

/** The offered or accepted share of a report from this organisation to another, if any. */
export function liveShare(db: Executor, scope: StaffScope, reportId: string, toOrganisationId: string) {
  return db
    .selectFrom("report_shares")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("from_organisation_id", "=", scope.organisationId)
    .where("to_organisation_id", "=", toOrganisationId)
    .where("status", "in", ["offered", "accepted"])
    .executeTakeFirst();
}

/** The shares this organisation made of a report, newest first. */
export function sharesOfReport(db: Executor, scope: StaffScope, reportId: string): Promise<ShareRow[]> {
  return db
    .selectFrom("report_shares")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("from_organisation_id", "=", scope.organisationId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

/** Shares offered to this organisation and not yet answered, oldest first. */
export function pendingSharesFor(db: Executor, scope: StaffScope): Promise<ShareRow[]> {
  return db
    .selectFrom("report_shares")
    .selectAll()
    .where("to_organisation_id", "=", scope.organisationId)
    .where("status", "=", "offered")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function updateShare(
  db: Executor,
  shareId: string,
  changes: Updateable<ReportSharesTable>,
): Promise<void> {
  await db.updateTable("report_shares").set(changes).where("id", "=", shareId).execute();
}

/** The payload of the sharing organisation's copy (sealed under its key), for re-sealing on accept. */
export function payloadOf(db: Executor, reportId: string, organisationId: string) {
  return db
    .selectFrom("report_copies")
    .select(["payload", "urgency", "received_at", "country_code", "channel", "category_mask"])
    .where("report_id", "=", reportId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** One copy (any organisation's) of each given report, with its sealed payload. */
export async function oneCopyEach(db: Executor, reportIds: readonly string[]) {
  if (reportIds.length === 0) return [];
  const rows = await db
    .selectFrom("report_copies")
    .select(["report_id", "organisation_id", "payload", "country_code"])
    .where("report_id", "in", reportIds)
    .orderBy("report_id")
    .orderBy("organisation_id")
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.report_id) && seen.add(r.report_id));
}
