import crypto from "node:crypto";
import { appendAudit } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform } from "../../platform/platform.ts";
import {
  organisationKey,
  organisationsById,
  type Recipient,
  recipientsFor,
} from "../accounts/accounts.service.ts";
import { categoryMask } from "./categories.ts";
import { hashReceiptCode, newReceiptCode, normaliseReceiptCode } from "./receipt.ts";
import * as repo from "./reports.repository.ts";
import type { FollowUpView, ReportSubmission } from "./reports.schema.ts";

/** How a report reached Lantern: the public form or API, or a staff member taking it down. */
export const CHANNELS = ["web", "api", "phone", "sms", "email", "in_person", "demo"] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channels a staff member records a report from (the staff intake form). */
export const INTAKE_CHANNELS = ["phone", "sms", "email", "in_person"] as const satisfies readonly Channel[];

export const URGENCY = { normal: 0, high: 1, urgent: 2 } as const;

/**
 * The urgency a report starts with: urgent when someone is in danger now, high when children are
 * involved (or it is reported as child trafficking); staff can raise or lower it afterwards.
 */
export function initialUrgency(input: {
  readonly danger: string;
  readonly children: string;
  readonly categories: readonly string[];
}): number {
  if (input.danger === "yes") return URGENCY.urgent;
  if (input.children === "yes" || input.categories.includes("child_trafficking")) return URGENCY.high;
  return URGENCY.normal;
}

/** The sensitive part of a report, stored only as ciphertext under each receiving organisation's key. */
export interface ReportPayload {
  readonly area: string;
  readonly place: string;
  readonly online: string;
  readonly when: string;
  readonly whenDetail: string;
  readonly signs: readonly string[];
  readonly narrative: string;
  readonly contactPreference: string;
  readonly contact: string;
}

export interface Submitted {
  readonly reportId: string;
  readonly receiptCode: string;
  readonly submittedAt: string;
}

export const payloadAad = (reportId: string, organisationId: string) =>
  `report:${reportId}:${organisationId}`;
export const messageAad = (messageId: string, organisationId: string) =>
  `message:${messageId}:${organisationId}`;

function submissionKeyHash(key: string): string {
  return crypto.createHash("sha256").update(`submission:${key}`).digest("hex");
}

/**
 * Files a report with every organisation covering its country (or the default organisation), in one
 * transaction, and returns the receipt code. Nothing is acknowledged before the commit.
 */
export async function submitReport(
  p: Platform,
  input: ReportSubmission,
  options: {
    channel: Channel;
    submissionKey?: string;
    isDemo?: boolean;
    /** A staff intake: the report goes to this organisation only, recorded by this user. */
    recordedBy?: { readonly userId: string; readonly organisationId: string };
  },
): Promise<Submitted> {
  if (!p.countries.has(input.country)) {
    throw new AppError("invalid_country", 400, "Unknown country", [
      { field: "country", code: "invalid_country", message: "Unknown country" },
    ]);
  }
  const submissionKey = options.submissionKey ? submissionKeyHash(options.submissionKey) : null;
  if (submissionKey && (await repo.submissionKeyUsed(p.db, submissionKey))) {
    throw new AppError("already_submitted", 409, "This report was already sent");
  }
  const recipients = options.recordedBy
    ? [...(await organisationsById(p, [options.recordedBy.organisationId])).values()]
    : await recipientsFor(p, input.country);
  if (recipients.length === 0)
    throw new AppError("no_recipient", 503, "No organisation can receive reports yet");

  const payload: ReportPayload = {
    area: input.area,
    place: input.place,
    online: input.online,
    when: input.when,
    whenDetail: input.whenDetail,
    signs: input.signs,
    narrative: input.narrative,
    contactPreference: input.contactPreference,
    contact: input.contactPreference === "contact" ? input.contact : "",
  };
  const json = JSON.stringify(payload);
  const urgency = initialUrgency(input);
  const mask = categoryMask(input.categories);

  // A collision of two 16-digit codes is astronomically unlikely; the unique index turns it into a retry.
  for (let attempt = 0; ; attempt++) {
    const receiptCode = newReceiptCode();
    const receiptHash = await hashReceiptCode(receiptCode, p.receiptSalt);
    const id = newId();
    const at = now();
    try {
      await p.db.transaction().execute(async (trx) => {
        await repo.insertReport(
          trx,
          {
            id,
            receipt_hash: receiptHash,
            submission_key: submissionKey,
            created_at: at,
            country_code: input.country,
            categories: JSON.stringify(input.categories),
            channel: options.channel,
            language: input.language,
            people_count: input.peopleCount,
            children_involved: input.children,
            in_danger: input.danger,
            is_demo: options.isDemo ? 1 : 0,
            recorded_by: options.recordedBy?.userId ?? null,
          },
          recipients.map((r) => ({
            report_id: id,
            organisation_id: r.id,
            status: "new",
            unread: 1,
            payload: seal(r.key, json, payloadAad(id, r.id)),
            updated_at: at,
            received_at: at,
            country_code: input.country,
            channel: options.channel,
            category_mask: mask,
            urgency,
          })),
        );
        await appendAudit(
          p,
          // A staff intake is the staff member's act, in their organisation, in the same transaction.
          options.recordedBy
            ? {
                actor: `user:${options.recordedBy.userId}`,
                organisationId: options.recordedBy.organisationId,
                action: "report.intake",
                targetType: "report",
                targetId: id,
                detail: { channel: options.channel },
              }
            : {
                actor: "reporter",
                action: "report.submit",
                targetType: "report",
                targetId: id,
                detail: { channel: options.channel, recipients: recipients.length },
              },
          trx,
        );
      });
      return { reportId: id, receiptCode, submittedAt: at };
    } catch (error) {
      if (!p.dialect.isUniqueViolation(error)) throw error;
      if (submissionKey && (await repo.submissionKeyUsed(p.db, submissionKey))) {
        throw new AppError("already_submitted", 409, "This report was already sent");
      }
      if (attempt >= 3) throw error;
    }
  }
}

/** The same error for a malformed, unknown or rate-limited code: nothing tells an attacker which. */
export const receiptNotRecognised = () =>
  new AppError("receipt_not_recognised", 404, "No report matches that receipt code");

/** Finds the report behind a receipt code, or throws `receipt_not_recognised`. */
export async function reportForReceipt(p: Platform, typed: string): Promise<repo.ReportRow> {
  const code = normaliseReceiptCode(typed);
  if (!code) throw receiptNotRecognised();
  const report = await repo.findByReceiptHash(p.db, await hashReceiptCode(code, p.receiptSalt));
  if (!report) throw receiptNotRecognised();
  return report;
}

const STATUS_FOR_REPORTER: Readonly<Record<string, FollowUpView["status"]>> = {
  new: "received",
  in_review: "in_review",
  escalated: "in_review",
  referred: "referred",
  closed: "closed",
};
const PROGRESS: readonly FollowUpView["status"][] = ["received", "in_review", "referred", "closed"];

/** What the reporter sees at follow-up: one status and one thread, whichever organisations answer. */
export async function followUpView(p: Platform, report: repo.ReportRow): Promise<FollowUpView> {
  const copies = await repo.copiesOf(p.db, report.id);
  const statuses = copies.map((c) => STATUS_FOR_REPORTER[c.status] ?? "received");
  // Closed only when every organisation has closed it; otherwise the furthest open stage.
  const stillOpen = statuses.filter((s) => s !== "closed");
  const status =
    stillOpen.length === 0 && statuses.length > 0
      ? "closed"
      : stillOpen.reduce<FollowUpView["status"]>(
          (a, s) => (PROGRESS.indexOf(s) > PROGRESS.indexOf(a) ? s : a),
          "received",
        );

  // The reporter's own messages are stored once per organisation; show them from one copy only.
  const firstOrg = copies[0]?.organisation_id;
  const rows = (await repo.messagesOfReport(p.db, report.id)).filter(
    (m) => m.author === "staff" || m.organisation_id === firstOrg,
  );
  const orgs = await organisationsById(p, [...new Set(rows.map((m) => m.organisation_id))]);
  const org = (id: string) => orgs.get(id) as Recipient;
  await appendAudit(p, {
    actor: "reporter",
    action: "report.follow_up",
    targetType: "report",
    targetId: report.id,
  });
  return {
    status,
    submittedAt: report.created_at,
    messages: rows.map((m) => ({
      from: m.author === "reporter" ? "you" : "organisation",
      organisation: m.author === "staff" ? org(m.organisation_id).name : undefined,
      body: open(org(m.organisation_id).key, m.body, messageAad(m.id, m.organisation_id)).toString("utf8"),
      sentAt: m.created_at,
    })),
  };
}

/** Adds a reporter's message to every receiving organisation's thread and marks the report unread. */
export async function addReporterMessage(p: Platform, report: repo.ReportRow, body: string): Promise<void> {
  const copies = await repo.copiesOf(p.db, report.id);
  const orgs = await organisationsById(
    p,
    copies.map((c) => c.organisation_id),
  );
  const at = now();
  const rows = copies.map((c) => {
    const id = newId();
    const key = (orgs.get(c.organisation_id) as Recipient).key;
    return {
      id,
      report_id: report.id,
      organisation_id: c.organisation_id,
      author: "reporter" as const,
      user_id: null,
      body: seal(key, body, messageAad(id, c.organisation_id)),
      created_at: at,
    };
  });
  await p.db.transaction().execute(async (trx) => {
    await repo.insertMessages(trx, rows);
    await repo.markCopies(
      trx,
      report.id,
      copies.map((c) => c.organisation_id),
      { unread: 1, unread_messages: 1, updated_at: at },
    );
    // A duplicate's reporter still writes on the duplicate: the report it was merged into learns of it too.
    await repo.markMergeTargetsUnread(trx, report.id, at);
    await appendAudit(
      p,
      { actor: "reporter", action: "report.reporter_message", targetType: "report", targetId: report.id },
      trx,
    );
  });
}

/** What the identifier graph reads of a report: its country and the text naming places and contacts. */
export interface ReportTextForLinking {
  readonly reportId: string;
  readonly country: string;
  /** The online places, the place and the narrative. Never the reporter's own contact details. */
  readonly text: string;
  /** True when no copy could be opened (the text is then empty). */
  readonly unreadable?: boolean;
}

/**
 * The linkable text of the given reports, opened from any one organisation's copy (a system read for the
 * linking job, which stores only blind indexes and sealed values of what it finds; never logged).
 */
export async function reportTextsForLinking(
  p: Platform,
  reportIds: readonly string[],
): Promise<ReportTextForLinking[]> {
  const out: ReportTextForLinking[] = [];
  for (const copy of await repo.oneCopyEach(p.db, reportIds)) {
    const key = await organisationKey(p, copy.organisation_id);
    let payload: ReportPayload;
    try {
      payload = JSON.parse(
        open(key, copy.payload, payloadAad(copy.report_id, copy.organisation_id)).toString("utf8"),
      ) as ReportPayload;
    } catch {
      // A copy that does not open (damaged, or sealed under another key) links nothing; the report
      // itself stays as it is for staff to see the error.
      p.log.warn({ reportId: copy.report_id }, "report copy could not be opened for linking");
      out.push({ reportId: copy.report_id, country: copy.country_code, text: "", unreadable: true });
      continue;
    }
    out.push({
      reportId: copy.report_id,
      country: copy.country_code,
      text: [payload.online, payload.place, payload.narrative].filter((t) => t?.trim()).join("\n"),
    });
  }
  return out;
}
