import { diffArrays, diffWordsWithSpace } from "diff";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open } from "../../platform/crypto/envelope.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { extractSignals } from "../signals/signals.ts";
import * as repo from "./library.repository.ts";
import { assertMaySee, headStatus, headVersion, isEditor, notFound } from "./library-access.ts";
import { consentAad, consentKey } from "./library-consent.service.ts";
import {
  contentOf,
  EDITABLE_TYPES,
  type EditableType,
  type ItemContent,
  SUBMITTABLE_TYPES,
} from "./library-content.ts";
import { approvalBlocker } from "./library-editorial.service.ts";

/** What the editorial console shows: the queues, one item with its history, reviews and next steps, and diffs. */

export const QUEUES = ["in_review", "draft", "revising", "published", "archived", "mine"] as const;

export type Queue = (typeof QUEUES)[number];

export interface QueueRow {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly pendingStatus: string | null;
  readonly language: string;
  readonly title: string;
  readonly authorName: string | null;
  readonly organisationName: string | null;
  readonly updatedAt: string;
  readonly mine: boolean;
}

/** A list for the console: editors choose any queue; everyone else sees their own items. */
export async function editorialQueue(p: Platform, scope: StaffScope, queue: Queue, type?: string) {
  assertCan(scope, "library.submit");
  const editor = isEditor(scope);
  const q: Queue = editor ? queue : "mine";
  const rows = await repo.queue(p.db, {
    status: q === "mine" ? undefined : q,
    authorId: q === "mine" ? scope.userId : undefined,
    type: type && (EDITABLE_TYPES as readonly string[]).includes(type) ? type : undefined,
    limit: 200,
  });
  return rows.map(
    (r): QueueRow => ({
      id: r.id,
      type: r.type,
      status: r.status,
      pendingStatus: r.pending_status,
      language: r.language,
      title: r.title,
      authorName: r.author_name,
      organisationName: r.organisation_name,
      updatedAt: r.updated_at,
      mine: r.author_id === scope.userId,
    }),
  );
}

export interface EditorialItem {
  readonly id: string;
  readonly type: EditableType;
  readonly status: string;
  readonly pendingStatus: string | null;
  readonly language: string;
  readonly slug: string;
  readonly version: number;
  /** The version being worked on (the pending revision, or the item's own). */
  readonly headVersion: number;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
  readonly authorName: string | null;
  readonly head: ItemContent;
  readonly versions: readonly { version: number; title: string; editorName: string | null; at: string }[];
  readonly reviews: readonly {
    decision: string;
    version: number;
    editorName: string | null;
    comment: string;
    anonymisationChecked: boolean;
    at: string;
  }[];
  readonly consent?: {
    method: string;
    givenOn: string;
    scope: string;
    reference: string;
    recordedAt: string;
    withdrawnAt: string | null;
  };
  /** What this person may do now. */
  readonly may: {
    edit: boolean;
    submit: boolean;
    approve: boolean;
    approveBlocker?: string;
    requestChanges: boolean;
    archive: boolean;
    restore: boolean;
    consent: boolean;
    /** Start a version of it in another language. */
    translate: boolean;
  };
  /** Contact details the story's text seems to contain, for the anonymisation check. */
  readonly identifiersFound: readonly { type: string; raw: string }[];
}

/** An item as the console shows it: the text being worked on, its history and what may be done next. */
export async function editorialItem(p: Platform, scope: StaffScope, id: string): Promise<EditorialItem> {
  assertCan(scope, "library.submit");
  const item = await repo.itemById(p.db, id);
  if (!item || item.type === "term" || item.type === "kit") throw notFound();
  assertMaySee(scope, item);
  const n = headVersion(item);
  const [head, versions, reviews, consent, author] = await Promise.all([
    repo.version(p.db, id, n),
    repo.versions(p.db, id),
    repo.reviews(p.db, id),
    repo.consent(p.db, id),
    item.author_id
      ? p.db.selectFrom("users").select("display_name").where("id", "=", item.author_id).executeTakeFirst()
      : undefined,
  ]);
  if (!head) throw notFound();
  const editor = isEditor(scope);
  const state = headStatus(item);
  const blocker = await approvalBlocker(p.db, scope, item);
  const content = contentOf(head);
  await appendAudit(p, byStaff(scope, "library.read", { targetType: "library_item", targetId: id }));
  return {
    id,
    type: item.type as EditableType,
    status: item.status,
    pendingStatus: item.pending_status,
    language: item.language,
    slug: item.slug,
    version: item.version,
    headVersion: n,
    publishedAt: item.published_at,
    updatedAt: item.updated_at,
    authorName: author?.display_name ?? null,
    head: content,
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      editorName: v.editor_name,
      at: v.created_at,
    })),
    reviews: reviews.map((r) => ({
      decision: r.decision,
      version: r.version,
      editorName: r.editor_name,
      comment: r.comment,
      anonymisationChecked: r.anonymisation_checked === 1,
      at: r.created_at,
    })),
    consent:
      consent && editor
        ? {
            method: consent.method,
            givenOn: consent.given_on,
            scope: consent.scope,
            reference: open(consentKey(p), consent.reference_sealed, consentAad(id)).toString("utf8"),
            recordedAt: consent.recorded_at,
            withdrawnAt: consent.withdrawn_at,
          }
        : undefined,
    may: {
      edit: editor ? item.status !== "archived" : state === "draft",
      submit: state === "draft" && item.status !== "archived",
      approve: blocker === undefined,
      approveBlocker: blocker === "not_in_review" ? undefined : blocker,
      requestChanges: editor && state === "in_review",
      archive: editor && item.status !== "archived",
      restore: editor && item.status === "archived" && !consent?.withdrawn_at,
      consent: editor && item.type === "story",
      translate: editor || (SUBMITTABLE_TYPES as readonly string[]).includes(item.type),
    },
    identifiersFound:
      item.type === "story"
        ? extractSignals(`${content.title}\n${content.summary}\n${content.body}`)
            .identifiers.filter((i) => ["phone", "email", "url", "domain", "handle", "iban"].includes(i.type))
            .map((i) => ({ type: i.type, raw: i.raw }))
        : [],
  };
}

export interface DiffPart {
  readonly value: string;
  readonly added?: boolean;
  readonly removed?: boolean;
}

export interface VersionDiff {
  /** The item's title as it stands now (the page's link back to it). */
  readonly title: string;
  readonly from: number;
  readonly to: number;
  readonly fields: readonly { field: string; parts: readonly DiffPart[]; changed: boolean }[];
}

/** What changed between two versions, field by field, word by word. */
export async function versionDiff(
  p: Platform,
  scope: StaffScope,
  id: string,
  from: number,
  to: number,
): Promise<VersionDiff> {
  assertCan(scope, "library.submit");
  const item = await repo.itemById(p.db, id);
  if (!item || item.type === "term") throw notFound();
  assertMaySee(scope, item);
  const [a, b] = await Promise.all([repo.version(p.db, id, from), repo.version(p.db, id, to)]);
  if (!a || !b) throw new AppError("library_version_not_found", 404, "No such version");
  const ca = contentOf(a);
  const cb = contentOf(b);
  const text = (field: string, x: string, y: string) => {
    const parts = diffWordsWithSpace(x, y).map((c) => ({
      value: c.value,
      added: c.added,
      removed: c.removed,
    }));
    return { field, parts, changed: parts.some((c) => c.added || c.removed) };
  };
  const list = (field: string, x: readonly string[], y: readonly string[]) => {
    const parts = diffArrays([...x], [...y]).map((c) => ({
      value: c.value.join(", "),
      added: c.added,
      removed: c.removed,
    }));
    return { field, parts, changed: parts.some((c) => c.added || c.removed) };
  };
  const detailKeys = [...new Set([...Object.keys(ca.details), ...Object.keys(cb.details)])].sort();
  return {
    title: item.pending_version
      ? ((await repo.version(p.db, id, item.pending_version))?.title ?? item.title)
      : item.title,
    from,
    to,
    fields: [
      text("title", ca.title, cb.title),
      text("summary", ca.summary, cb.summary),
      text("body", ca.body, cb.body),
      text("level", ca.level, cb.level),
      list("audiences", ca.audiences, cb.audiences),
      list("topics", ca.topics, cb.topics),
      list("countries", ca.countries, cb.countries),
      ...detailKeys.map((k) => text(k, ca.details[k] ?? "", cb.details[k] ?? "")),
    ],
  };
}
