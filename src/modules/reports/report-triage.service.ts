import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./reports.repository.ts";
import { messageAad, payloadAad, type ReportPayload } from "./reports.service.ts";

export interface ReportSummary {
  readonly id: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly country: string;
  readonly categories: readonly string[];
  readonly children: string;
  readonly danger: string;
  readonly status: string;
  readonly unread: boolean;
  readonly channel: string;
  readonly demo: boolean;
}

export interface ThreadMessage {
  readonly id: string;
  readonly author: "reporter" | "staff";
  readonly body: string;
  readonly createdAt: string;
}

export interface ReportDetail extends ReportSummary {
  readonly peopleCount: string;
  readonly language: string;
  readonly payload: ReportPayload;
  readonly messages: readonly ThreadMessage[];
}

/** One report, decrypted, with its thread; 404 when it is not this organisation's. */
export async function getReport(p: Platform, scope: StaffScope, reportId: string): Promise<ReportDetail> {
  assertCan(scope, "report.read");
  const row = await repo.findForOrganisation(p.db, scope, reportId);
  if (!row) throw new AppError("report_not_found", 404, "Report not found");
  const key = await organisationKey(p, scope.organisationId);
  const payload = JSON.parse(
    open(key, row.payload, payloadAad(row.id, scope.organisationId)).toString("utf8"),
  );
  const messages = await repo.threadForOrganisation(p.db, scope, reportId);
  await appendAudit(p, byStaff(scope, "report.read", { targetType: "report", targetId: reportId }));
  if (row.unread === 1) {
    await repo.markCopies(p.db, reportId, [scope.organisationId], { unread: 0, updated_at: row.updated_at });
  }
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    country: row.country_code,
    categories: JSON.parse(row.categories) as string[],
    children: row.children_involved,
    danger: row.in_danger,
    status: row.status,
    unread: row.unread === 1,
    channel: row.channel,
    demo: row.is_demo === 1,
    peopleCount: row.people_count,
    language: row.language,
    payload: payload as ReportPayload,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      body: open(key, m.body, messageAad(m.id, scope.organisationId)).toString("utf8"),
      createdAt: m.created_at,
    })),
  };
}

/** Sends a reply the reporter reads at follow-up; a new report moves to "in review". */
export async function replyToReporter(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  body: string,
): Promise<void> {
  assertCan(scope, "report.reply");
  const row = await repo.findForOrganisation(p.db, scope, reportId);
  if (!row) throw new AppError("report_not_found", 404, "Report not found");
  const key = await organisationKey(p, scope.organisationId);
  const id = newId();
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.insertMessages(trx, [
      {
        id,
        report_id: reportId,
        organisation_id: scope.organisationId,
        author: "staff",
        user_id: scope.userId,
        body: seal(key, body, messageAad(id, scope.organisationId)),
        created_at: at,
      },
    ]);
    await repo.markCopies(trx, reportId, [scope.organisationId], {
      updated_at: at,
      ...(row.status === "new" ? { status: "in_review" } : {}),
    });
    await appendAudit(p, byStaff(scope, "report.reply", { targetType: "report", targetId: reportId }), trx);
  });
}
