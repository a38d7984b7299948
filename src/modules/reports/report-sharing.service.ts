import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationDirectory, organisationsById, type Recipient } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import { categoriesOfMask } from "./categories.ts";
import { recordEvent, recordStaffEvent } from "./report-events.ts";
import { copyFor } from "./report-workflow.service.ts";
import { URGENCY_LEVELS, type UrgencyLevel } from "./report-workflow.ts";
import * as repo from "./reports.repository.ts";
import { payloadAad } from "./reports.service.ts";

/**
 * Sharing a report with another organisation is a grant: offered by one organisation, accepted (a copy of
 * their own, sealed under their key, without the sharer's notes) or declined by the other, and revocable by
 * the sharer at any time (the receiver's copy, thread and timeline are then deleted). Every step is in
 * both timelines where it concerns them and in the audit log.
 */

const shareNotFound = () => new AppError("share_not_found", 404, "Share not found");
const fieldError = (id: string, status: number, message: string) =>
  new AppError(id, status, message, [{ field: "organisation", code: id, message }]);

async function names(p: Platform, ids: readonly string[]): Promise<Map<string, Recipient>> {
  return organisationsById(p, [...new Set(ids)]);
}

/** The organisations a report can be offered to (every one but the acting organisation). */
export async function shareTargets(p: Platform, scope: StaffScope): Promise<{ id: string; name: string }[]> {
  assertCan(scope, "report.share");
  return (await organisationDirectory(p)).filter((o) => o.id !== scope.organisationId);
}

/** Offers a report to another organisation. */
export async function offerShare(
  p: Platform,
  scope: StaffScope,
  reportId: string,
  toOrganisationId: string,
): Promise<string> {
  const copy = await copyFor(p, scope, reportId, "report.share");
  if (toOrganisationId === scope.organisationId) {
    throw fieldError("share_with_self", 400, "Choose another organisation than your own");
  }
  const to = (await names(p, [toOrganisationId])).get(toOrganisationId);
  if (!to) throw fieldError("invalid_organisation", 400, "Choose an organisation from the list");
  if (copy.share_id) {
    throw fieldError("cannot_reshare", 409, "A report shared with you cannot be shared further");
  }
  if (await repo.hasCopy(p.db, reportId, toOrganisationId)) {
    throw fieldError("already_has_report", 409, "That organisation already has this report");
  }
  if (await repo.liveShare(p.db, scope, reportId, toOrganisationId)) {
    throw fieldError("already_shared", 409, "This report is already offered to that organisation");
  }
  const id = newId();
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.insertShare(trx, {
      id,
      report_id: reportId,
      from_organisation_id: scope.organisationId,
      to_organisation_id: toOrganisationId,
      status: "offered",
      created_by: scope.userId,
      created_at: at,
      responded_by: null,
      responded_at: null,
      revoked_at: null,
    });
    await recordStaffEvent(trx, scope, reportId, "share_offered", { share: id, organisation: to.name }, at);
    await appendAudit(
      p,
      byStaff(scope, "report.share", {
        targetType: "report",
        targetId: reportId,
        detail: { share: id, to: toOrganisationId, step: "offered" },
      }),
      trx,
    );
  });
  return id;
}

/** A share offered to this organisation, as the receiver sees it before accepting: facts, no content. */
export interface PendingShare {
  readonly id: string;
  readonly reportId: string;
  readonly from: string;
  readonly offeredAt: string;
  readonly country: string;
  readonly categories: readonly string[];
  readonly urgency: UrgencyLevel;
}

/** The shares offered to this organisation and not yet answered. */
export async function pendingShares(p: Platform, scope: StaffScope): Promise<PendingShare[]> {
  assertCan(scope, "report.share");
  const rows = await repo.pendingSharesFor(p.db, scope);
  const orgs = await names(
    p,
    rows.map((r) => r.from_organisation_id),
  );
  const out: PendingShare[] = [];
  for (const r of rows) {
    const facts = await repo.payloadOf(p.db, r.report_id, r.from_organisation_id);
    if (!facts) continue;
    out.push({
      id: r.id,
      reportId: r.report_id,
      from: orgs.get(r.from_organisation_id)?.name ?? "?",
      offeredAt: r.created_at,
      country: facts.country_code,
      categories: categoriesOfMask(facts.category_mask),
      urgency: URGENCY_LEVELS[facts.urgency] ?? "normal",
    });
  }
  return out;
}

/** How many shares wait for an answer from this organisation (0 for roles that cannot answer them). */
export async function pendingShareCount(p: Platform, scope: StaffScope): Promise<number> {
  try {
    return (await pendingShares(p, scope)).length;
  } catch (error) {
    if (error instanceof AppError && error.id === "forbidden") return 0;
    throw error;
  }
}

/** Accepts or declines a share offered to this organisation. */
export async function answerShare(
  p: Platform,
  scope: StaffScope,
  shareId: string,
  answer: "accept" | "decline",
): Promise<string> {
  assertCan(scope, "report.share");
  const share = await repo.findShare(p.db, scope, shareId);
  if (!share || share.to_organisation_id !== scope.organisationId) throw shareNotFound();
  if (share.status !== "offered") {
    throw new AppError("share_not_pending", 409, `This share was already ${share.status}`);
  }
  const orgs = await names(p, [share.from_organisation_id, scope.organisationId]);
  const from = orgs.get(share.from_organisation_id) as Recipient;
  const self = orgs.get(scope.organisationId) as Recipient;
  const source = await repo.payloadOf(p.db, share.report_id, share.from_organisation_id);
  if (!source) throw shareNotFound();
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.updateShare(trx, share.id, {
      status: answer === "accept" ? "accepted" : "declined",
      responded_by: scope.userId,
      responded_at: at,
    });
    if (answer === "accept") {
      const json = open(from.key, source.payload, payloadAad(share.report_id, from.id));
      await repo.insertCopy(trx, {
        report_id: share.report_id,
        organisation_id: scope.organisationId,
        status: "new",
        unread: 1,
        payload: seal(self.key, json, payloadAad(share.report_id, scope.organisationId)),
        updated_at: at,
        received_at: source.received_at,
        country_code: source.country_code,
        channel: source.channel,
        category_mask: source.category_mask,
        urgency: source.urgency,
        share_id: share.id,
      });
      await recordStaffEvent(trx, scope, share.report_id, "received_share", { organisation: from.name }, at);
    }
    await recordEvent(trx, {
      reportId: share.report_id,
      organisationId: from.id,
      userId: null,
      kind: answer === "accept" ? "share_accepted" : "share_declined",
      detail: { share: share.id, organisation: self.name },
      at,
    });
    await appendAudit(
      p,
      byStaff(scope, "report.share", {
        targetType: "report",
        targetId: share.report_id,
        detail: { share: share.id, from: from.id, step: answer === "accept" ? "accepted" : "declined" },
      }),
      trx,
    );
  });
  return share.report_id;
}

/** Revokes a share this organisation made: an accepted one takes the receiver's copy away. */
export async function revokeShare(p: Platform, scope: StaffScope, shareId: string): Promise<string> {
  assertCan(scope, "report.share");
  const share = await repo.findShare(p.db, scope, shareId);
  if (!share || share.from_organisation_id !== scope.organisationId) throw shareNotFound();
  if (share.status !== "offered" && share.status !== "accepted") {
    throw new AppError("share_not_revocable", 409, `This share was already ${share.status}`);
  }
  const to = (await names(p, [share.to_organisation_id])).get(share.to_organisation_id);
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.updateShare(trx, share.id, { status: "revoked", revoked_at: at });
    if (share.status === "accepted") await repo.deleteCopy(trx, share.report_id, share.to_organisation_id);
    await recordStaffEvent(
      trx,
      scope,
      share.report_id,
      "share_revoked",
      { share: share.id, organisation: to?.name ?? "?" },
      at,
    );
    await appendAudit(
      p,
      byStaff(scope, "report.share", {
        targetType: "report",
        targetId: share.report_id,
        detail: { share: share.id, to: share.to_organisation_id, step: "revoked" },
      }),
      trx,
    );
  });
  return share.report_id;
}

/** The shares this organisation made of one report (for its page). */
export async function sharesMadeOf(p: Platform, scope: StaffScope, reportId: string) {
  const rows = await repo.sharesOfReport(p.db, scope, reportId);
  const orgs = await names(
    p,
    rows.map((r) => r.to_organisation_id),
  );
  return rows.map((r) => ({
    id: r.id,
    organisation: orgs.get(r.to_organisation_id)?.name ?? "?",
    status: r.status,
    createdAt: r.created_at,
  }));
}

/** The name of the organisation that shared a copy with this one. */
export async function sharerName(p: Platform, scope: StaffScope, shareId: string): Promise<string | null> {
  const share = await repo.findShare(p.db, scope, shareId);
  if (!share) return null;
  return (await names(p, [share.from_organisation_id])).get(share.from_organisation_id)?.name ?? null;
}
