import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { colleaguesOf, organisationKey } from "../accounts/accounts.service.ts";
import { type Action, assertCan, can } from "../accounts/permissions.ts";
import { recordEvent, recordStaffEvent } from "./report-events.ts";
import { checkTransition, URGENCY_LEVELS, type UrgencyLevel } from "./report-workflow.ts";
import * as repo from "./reports.repository.ts";

export const reportNotFound = () => new AppError("report_not_found", 404, "Report not found");

/** Checks the permission, then finds the organisation's copy (404 for any other organisation's report). */
export async function copyFor(p: Platform, scope: StaffScope, reportId: string, action: Action) {
  assertCan(scope, action);
  const copy = await repo.findCopy(p.db, scope, reportId);
  if (!copy) throw reportNotFound();
  return copy;
}

const changedMeanwhile = () =>
  new AppError("changed_meanwhile", 409, "Someone changed this report meanwhile; look again and retry");

const refuseMerged = (copy: { merged_into: string | null }) => {
  if (copy.merged_into) {
    throw new AppError("report_merged", 409, "This report was merged into another; work on that one");
  }
};

/** Moves a report to another status (closing needs a reason and sets the closing time). */
export async function changeStatus(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  input: { readonly status: string; readonly closeReason?: string },
): Promise<void> {
  const copy = await copyFor(p, scope, reportId, "report.update");
  refuseMerged(copy);
  const reason = checkTransition(copy.status, input.status, scope.role, input.closeReason || undefined);
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    const applied = await repo.updateCopyIf(trx, scope, reportId, copy, {
      status: input.status,
      close_reason: reason,
      closed_at: input.status === "closed" ? at : null,
      updated_at: at,
    });
    if (!applied) throw changedMeanwhile();
    await recordStaffEvent(
      trx,
      scope,
      reportId,
      "status",
      { from: copy.status, to: input.status, reason },
      at,
    );
    await appendAudit(
      p,
      byStaff(scope, "report.update", {
        targetType: "report",
        targetId: reportId,
        detail: { status: input.status, ...(reason ? { reason } : {}) },
      }),
      trx,
    );
  });
}

/** Raises or lowers a report's urgency. */
export async function changeUrgency(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  level: UrgencyLevel,
): Promise<void> {
  const copy = await copyFor(p, scope, reportId, "report.update");
  const value = URGENCY_LEVELS.indexOf(level);
  if (value < 0) throw new AppError("invalid_urgency", 400, "Unknown urgency");
  if (value === copy.urgency) return;
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.updateCopy(trx, scope, reportId, { urgency: value, updated_at: at });
    await recordStaffEvent(
      trx,
      scope,
      reportId,
      "urgency",
      { from: URGENCY_LEVELS[copy.urgency] ?? "normal", to: level },
      at,
    );
    await appendAudit(
      p,
      byStaff(scope, "report.update", {
        targetType: "report",
        targetId: reportId,
        detail: { urgency: level },
      }),
      trx,
    );
  });
}

/**
 * Assigns a report to a colleague who can read reports, or to nobody (`none`). Coordinators and admins
 * assign anyone of their organisation; a caseworker takes a report for themselves (`me`) and nothing else.
 */
export async function assignReport(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  assignee: string,
): Promise<void> {
  const routes = can(scope.role, "report.assign");
  const copy = await copyFor(p, scope, reportId, "report.read");
  const target = assignee === "me" ? scope.userId : assignee === "none" ? null : assignee;
  if (!routes && target !== scope.userId) {
    throw new AppError("forbidden", 403, "Your role lets you assign a report to yourself only");
  }
  if (target !== null) {
    const colleague = (await colleaguesOf(p, scope)).find((c) => c.id === target);
    if (!colleague) {
      throw new AppError("invalid_assignee", 400, "Choose a colleague of your organisation", [
        { field: "assignee", code: "invalid_assignee", message: "Not a colleague of your organisation" },
      ]);
    }
    if (!can(colleague.role, "report.read")) {
      throw new AppError("invalid_assignee", 400, "This colleague's role cannot read reports", [
        { field: "assignee", code: "assignee_cannot_read", message: "This role cannot read reports" },
      ]);
    }
  }
  if (target === copy.assignee_id) return;
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.updateCopy(trx, scope, reportId, { assignee_id: target, updated_at: at });
    await recordStaffEvent(trx, scope, reportId, "assigned", { from: copy.assignee_id, to: target }, at);
    await appendAudit(
      p,
      byStaff(scope, "report.assign", {
        targetType: "report",
        targetId: reportId,
        detail: { assignee: target ?? "none" },
      }),
      trx,
    );
  });
}

/** Adds an internal note: sealed under the organisation's key, never shown to the reporter. */
export async function addNote(p: Platform, scope: StaffScope, reportId: string, text: string): Promise<void> {
  await copyFor(p, scope, reportId, "report.note");
  const key = await organisationKey(p, scope.organisationId);
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await recordEvent(trx, {
      reportId,
      organisationId: scope.organisationId,
      userId: scope.userId,
      kind: "note",
      note: { text, key },
      at,
    });
    await repo.updateCopy(trx, scope, reportId, { updated_at: at });
    await appendAudit(p, byStaff(scope, "report.note", { targetType: "report", targetId: reportId }), trx);
  });
}

/**
 * Merges a duplicate into another report of the same organisation: the duplicate is closed as a duplicate
 * and points at the target, whose page links back to it. No chains: neither side may be merged already,
 * and a report that has duplicates of its own is not merged away.
 */
export async function mergeReport(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  into: string,
): Promise<void> {
  const copy = await copyFor(p, scope, reportId, "report.merge");
  const mergeError = (id: string, status: number, message: string) =>
    new AppError(id, status, message, [{ field: "into", code: id, message }]);
  if (into === reportId) throw mergeError("merge_into_itself", 400, "A report cannot be merged into itself");
  const target = await repo.findCopy(p.db, scope, into);
  if (!target) throw mergeError("merge_target_not_found", 400, "No report of your organisation has that id");
  if (copy.merged_into) throw mergeError("already_merged", 409, "This report is already merged into another");
  if (target.merged_into) {
    throw mergeError("merge_target_merged", 409, "That report was itself merged into another");
  }
  if ((await repo.duplicatesOf(p.db, scope, reportId)).length > 0) {
    throw mergeError("merge_chain", 409, "Other reports were merged into this one; merge the other way");
  }
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    const applied = await repo.updateCopyIf(trx, scope, reportId, copy, {
      merged_into: into,
      status: "closed",
      close_reason: "duplicate",
      closed_at: copy.closed_at ?? at,
      updated_at: at,
    });
    if (!applied) throw changedMeanwhile();
    await repo.updateCopy(trx, scope, into, {
      updated_at: at,
      ...(copy.unread_messages === 1 ? { unread: 1, unread_messages: 1 } : {}),
    });
    await recordStaffEvent(trx, scope, reportId, "merged_into", { report: into, from: copy.status }, at);
    await recordStaffEvent(trx, scope, into, "merged_from", { report: reportId }, at);
    await appendAudit(
      p,
      byStaff(scope, "report.merge", { targetType: "report", targetId: reportId, detail: { into } }),
      trx,
    );
  });
}
