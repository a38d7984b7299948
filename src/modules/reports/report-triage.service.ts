import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { colleaguesOf, organisationKey } from "../accounts/accounts.service.ts";
import { can } from "../accounts/permissions.ts";
import { noteAad, recordStaffEvent } from "./report-events.ts";
import { sharerName, sharesMadeOf } from "./report-sharing.service.ts";
import { copyFor } from "./report-workflow.service.ts";
import { URGENCY_LEVELS, type UrgencyLevel } from "./report-workflow.ts";
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
  /** The staff member who wrote a reply (a name from this organisation), if any. */
  readonly by: string | null;
  readonly body: string;
  readonly createdAt: string;
}

export interface TimelineEntry {
  readonly id: string;
  readonly kind: string;
  readonly at: string;
  /** The colleague who did it; null for the reporter or the system. */
  readonly by: string | null;
  readonly detail: Readonly<Record<string, string | number | null>>;
}

export interface InternalNote {
  readonly id: string;
  readonly at: string;
  readonly by: string | null;
  readonly body: string;
}

export interface ShareSummary {
  readonly id: string;
  readonly organisation: string;
  readonly status: string;
  readonly createdAt: string;
}

export interface ReportDetail {
  readonly id: string;
  readonly receivedAt: string;
  readonly country: string;
  readonly categories: readonly string[];
  readonly channel: string;
  readonly language: string;
  readonly peopleCount: string;
  readonly children: string;
  readonly danger: string;
  readonly demo: boolean;
  readonly status: string;
  readonly closeReason: string | null;
  readonly closedAt: string | null;
  readonly urgency: UrgencyLevel;
  readonly assignee: { readonly id: string; readonly name: string } | null;
  readonly unread: boolean;
  readonly unreadMessages: boolean;
  readonly mergedInto: string | null;
  readonly duplicates: readonly { readonly id: string; readonly receivedAt: string }[];
  /** Set on a copy another organisation shared: that organisation's name. */
  readonly sharedBy: string | null;
  /** The colleague who took the report down (phone, SMS, email, in person). */
  readonly recordedBy: string | null;
  readonly payload: ReportPayload;
  readonly messages: readonly ThreadMessage[];
  readonly notes: readonly InternalNote[];
  readonly timeline: readonly TimelineEntry[];
  /** The shares this organisation made (empty for roles that cannot share). */
  readonly shares: readonly ShareSummary[];
  /** Colleagues who can be assigned (empty for roles that cannot assign others). */
  readonly colleagues: readonly { readonly id: string; readonly name: string }[];
}

/**
 * One report as this organisation holds it, decrypted, with its thread, notes and timeline; 404 when it is
 * not this organisation's. Opening it is audited and marks it read (new reporter messages included).
 */
export async function getReport(p: Platform, scope: StaffScope, reportId: string): Promise<ReportDetail> {
  const row = await copyFor(p, scope, reportId, "report.read");
  const key = await organisationKey(p, scope.organisationId);
  const payload = JSON.parse(
    open(key, row.payload, payloadAad(row.report_id, scope.organisationId)).toString("utf8"),
  ) as ReportPayload;
  const [messages, events, duplicates, staff] = await Promise.all([
    repo.threadForOrganisation(p.db, scope, reportId),
    repo.eventsOf(p.db, scope, reportId),
    repo.duplicatesOf(p.db, scope, reportId),
    // Everyone, to name who wrote or changed something even after their account was disabled.
    colleaguesOf(p, scope, { includeDisabled: true }),
  ]);
  const names = new Map(staff.map((c) => [c.id, c.name]));
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const shares = can(scope.role, "report.share") ? await sharesMadeOf(p, scope, reportId) : [];
  const sharedBy = row.share_id ? await sharerName(p, scope, row.share_id) : null;

  await p.db.transaction().execute(async (trx) => {
    if (row.unread === 1 || row.unread_messages === 1) {
      await repo.updateCopy(trx, scope, reportId, {
        unread: 0,
        unread_messages: 0,
        updated_at: row.updated_at,
      });
    }
    await appendAudit(p, byStaff(scope, "report.read", { targetType: "report", targetId: reportId }), trx);
  });

  const timeline: TimelineEntry[] = [
    {
      id: `received-${row.report_id}`,
      kind: "received",
      at: row.received_at,
      by: null,
      detail: { channel: row.channel },
    },
    ...events
      .filter((e) => e.kind !== "note")
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        at: e.at,
        by: nameOf(e.user_id),
        detail: JSON.parse(e.detail),
      })),
    ...events
      .filter((e) => e.kind === "note")
      .map((e) => ({ id: e.id, kind: "note", at: e.at, by: nameOf(e.user_id), detail: {} })),
    ...messages
      .filter((m) => m.author === "reporter")
      .map((m) => ({ id: m.id, kind: "reporter_message", at: m.created_at, by: null, detail: {} })),
  ].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at.localeCompare(b.at)));

  return {
    id: row.report_id,
    receivedAt: row.received_at,
    country: row.country_code,
    categories: JSON.parse(row.categories) as string[],
    channel: row.channel,
    language: row.language,
    peopleCount: row.people_count,
    children: row.children_involved,
    danger: row.in_danger,
    demo: row.is_demo === 1,
    status: row.status,
    closeReason: row.close_reason,
    closedAt: row.closed_at,
    urgency: URGENCY_LEVELS[row.urgency] ?? "normal",
    assignee: row.assignee_id ? { id: row.assignee_id, name: nameOf(row.assignee_id) ?? "?" } : null,
    unread: row.unread === 1,
    unreadMessages: row.unread_messages === 1,
    mergedInto: row.merged_into,
    duplicates: duplicates.map((d) => ({ id: d.report_id, receivedAt: d.received_at })),
    sharedBy,
    recordedBy: row.recorded_by ? (nameOf(row.recorded_by) ?? null) : null,
    payload,
    messages: messages.map((m) => ({
      id: m.id,
      author: m.author,
      by: m.author === "staff" ? nameOf(m.user_id) : null,
      body: open(key, m.body, messageAad(m.id, scope.organisationId)).toString("utf8"),
      createdAt: m.created_at,
    })),
    notes: events
      .filter((e) => e.kind === "note" && e.body)
      .map((e) => ({
        id: e.id,
        at: e.at,
        by: nameOf(e.user_id),
        body: open(key, e.body as string, noteAad(e.id, scope.organisationId)).toString("utf8"),
      })),
    timeline,
    shares,
    colleagues: can(scope.role, "report.assign")
      ? staff
          .filter((c) => !c.disabled && can(c.role, "report.read"))
          .map((c) => ({ id: c.id, name: c.name }))
      : [],
  };
}

/** Sends a reply the reporter reads at follow-up; a new report moves to "in review". */
export async function replyToReporter(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  body: string,
): Promise<void> {
  const row = await copyFor(p, scope, reportId, "report.reply");
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
    const moves = row.status === "new";
    await repo.updateCopy(trx, scope, reportId, {
      updated_at: at,
      ...(moves ? { status: "in_review" } : {}),
    });
    await recordStaffEvent(trx, scope, reportId, "reply", {}, at);
    if (moves)
      await recordStaffEvent(
        trx,
        scope,
        reportId,
        "status",
        { from: "new", to: "in_review", reason: null },
        at,
      );
    await appendAudit(p, byStaff(scope, "report.reply", { targetType: "report", targetId: reportId }), trx);
  });
}
