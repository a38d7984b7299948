import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { ReportCopiesTable, ReportMessagesTable, ReportsTable } from "../../platform/db/schema.ts";
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
  return db
    .selectFrom("report_copies")
    .select(["organisation_id", "status"])
    .where("report_id", "=", reportId)
    .orderBy("organisation_id")
    .execute();
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
