import type { Executor } from "../../platform/db/database.ts";

/** Up to `limit` of the organisation's copies closed before `cutoff`. */
export async function expiredCopies(
  db: Executor,
  organisationId: string,
  cutoff: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom("report_copies")
    .select("report_id")
    .where("status", "=", "closed")
    .where("closed_at", "<", cutoff)
    .where("organisation_id", "=", organisationId)
    .orderBy("closed_at")
    .limit(limit)
    .execute();
  return rows.map((r) => r.report_id);
}

export interface PurgeCounts {
  readonly copies: number;
  readonly messages: number;
  readonly events: number;
  readonly reports: number;
}

/**
 * Deletes one organisation's copies of the given reports with their messages and timeline, then each
 * report no organisation holds a copy of any more (its shares go with it, by cascade).
 */
export async function purgeCopies(
  db: Executor,
  organisationId: string,
  reportIds: readonly string[],
): Promise<PurgeCounts> {
  if (reportIds.length === 0) return { copies: 0, messages: 0, events: 0, reports: 0 };
  const messages = await db
    .deleteFrom("report_messages")
    .where("organisation_id", "=", organisationId)
    .where("report_id", "in", reportIds)
    .executeTakeFirst();
  const events = await db
    .deleteFrom("report_events")
    .where("organisation_id", "=", organisationId)
    .where("report_id", "in", reportIds)
    .executeTakeFirst();
  const copies = await db
    .deleteFrom("report_copies")
    .where("organisation_id", "=", organisationId)
    .where("report_id", "in", reportIds)
    .executeTakeFirst();
  const reports = await db
    .deleteFrom("reports")
    .where("id", "in", reportIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("report_copies")
            .select("report_id")
            .whereRef("report_copies.report_id", "=", "reports.id"),
        ),
      ),
    )
    .executeTakeFirst();
  return {
    copies: Number(copies.numDeletedRows),
    messages: Number(messages.numDeletedRows),
    events: Number(events.numDeletedRows),
    reports: Number(reports.numDeletedRows),
  };
}
