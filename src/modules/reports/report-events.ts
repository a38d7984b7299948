import { seal } from "../../platform/crypto/envelope.ts";
import type { Executor } from "../../platform/db/database.ts";
import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { StaffScope } from "../../platform/platform.ts";
import * as repo from "./reports.repository.ts";

/** What a timeline entry records; `note` entries carry a sealed body, the others only non-sensitive facts. */
export const EVENT_KINDS = [
  "status",
  "urgency",
  "assigned",
  "note",
  "reply",
  "merged_into",
  "merged_from",
  "share_offered",
  "share_accepted",
  "share_declined",
  "share_revoked",
  "received_share",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Facts about an event: ids, statuses, reasons, organisation names. Never report content. */
export type EventDetail = Readonly<Record<string, string | number | null>>;

/** A note is bound to its event and organisation, so a ciphertext moved to another row does not open. */
export const noteAad = (eventId: string, organisationId: string) => `note:${eventId}:${organisationId}`;

/** Appends one entry to an organisation's timeline of a report (inside the caller's transaction). */
export async function recordEvent(
  db: Executor,
  entry: {
    readonly reportId: string;
    readonly organisationId: string;
    readonly userId: string | null;
    readonly kind: EventKind;
    readonly detail?: EventDetail;
    /** A note's text and the organisation's key: stored sealed. */
    readonly note?: { readonly text: string; readonly key: Buffer };
    readonly at?: string;
  },
): Promise<string> {
  const id = newId();
  await repo.insertEvent(db, {
    id,
    report_id: entry.reportId,
    organisation_id: entry.organisationId,
    at: entry.at ?? now(),
    user_id: entry.userId,
    kind: entry.kind,
    detail: JSON.stringify(entry.detail ?? {}),
    body: entry.note ? seal(entry.note.key, entry.note.text, noteAad(id, entry.organisationId)) : null,
  });
  return id;
}

/** The same, for an event done by the acting staff member in their organisation. */
export function recordStaffEvent(
  db: Executor,
  scope: StaffScope,
  reportId: string,
  kind: EventKind,
  detail: EventDetail = {},
  at?: string,
): Promise<string> {
  return recordEvent(db, {
    reportId,
    organisationId: scope.organisationId,
    userId: scope.userId,
    kind,
    detail,
    at,
  });
}
