import crypto from "node:crypto";
import { diffArrays, diffWordsWithSpace } from "diff";
import { z } from "zod";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Upload } from "../../platform/http/body-parsers.ts";
import { AppError, type FieldProblem } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan, can } from "../accounts/permissions.ts";
import { extractSignals } from "../signals/signals.ts";
import * as repo from "./library.repository.ts";
import { searchIndexFor } from "./library-search.ts";
import { AUDIENCES, LEVELS, TOPICS } from "./seed-content.ts";

/**
 * The library's editorial workflow: draft → in review → published → archived.
 *
 * - Editors (`library.edit`) write and revise any item; anyone signed in (`library.submit`) may submit a
 *   best practice or a resource, and sees and edits their own drafts until they go to review.
 * - Publishing takes a second editor: whoever approves must be neither the person who sent the version to
 *   review nor the one who last edited it.
 * - A survivor's story is published only with a consent record that has not been withdrawn, and its
 *   approver confirms that they checked it identifies no one. Withdrawing consent unpublishes it at once.
 * - A published item keeps its published text while a revision is written and reviewed (the revision is a
 *   version past the item's own, see the migration); approval swaps it in. Every save is a version.
 * Every change is audited in its own transaction; editorial text is public-to-be, so it is not sealed,
 * except where a story's signed consent is kept.
 */

export const EDITABLE_TYPES = ["article", "guide", "best_practice", "resource", "story"] as const;
export type EditableType = (typeof EDITABLE_TYPES)[number];
/** What a member of any organisation may submit for review. */
export const SUBMITTABLE_TYPES = ["best_practice", "resource"] as const;
export const CONSENT_METHODS = ["written", "recorded_verbal", "through_organisation"] as const;
export const QUEUES = ["in_review", "draft", "revising", "published", "archived", "mine"] as const;
export type Queue = (typeof QUEUES)[number];

const MAX_BODY = 100_000;

/**
 * Files a resource may carry, by extension: the media type they are served with and how their first bytes
 * must look (a PDF that is really a program is refused). Text files must be valid UTF-8.
 */
export const FILE_KINDS: Readonly<Record<string, { type: string; magic?: readonly number[] }>> = {
  pdf: { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  docx: {
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  odt: { type: "application/vnd.oasis.opendocument.text", magic: [0x50, 0x4b, 0x03, 0x04] },
  ods: { type: "application/vnd.oasis.opendocument.spreadsheet", magic: [0x50, 0x4b, 0x03, 0x04] },
  png: { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47] },
  jpg: { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  csv: { type: "text/csv; charset=utf-8" },
  txt: { type: "text/plain; charset=utf-8" },
};

/** Checks an uploaded file; returns its kind's media type and a tidy file name, or throws LibraryInvalid. */
export function checkUpload(upload: Upload): { mediaType: string; filename: string } {
  // Path separators, control characters and characters some systems refuse become "_".
  const name = [...upload.filename.normalize("NFC")]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/"<>|:*?'.includes(ch) ? "_" : ch))
    .join("")
    .trim()
    .slice(-120);
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  const kind = FILE_KINDS[ext === "jpeg" ? "jpg" : ext];
  if (!kind || upload.data.length === 0) throw new LibraryInvalid([problem("file", "fileType")]);
  if (kind.magic && !kind.magic.every((b, i) => upload.data[i] === b))
    throw new LibraryInvalid([problem("file", "fileType")]);
  if (!kind.magic) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(upload.data);
    } catch {
      throw new LibraryInvalid([problem("file", "fileType")]);
    }
  }
  return { mediaType: kind.type, filename: name };
}

async function storeFile(trx: Executor, itemId: string, upload: Upload, by: string): Promise<string> {
  const { mediaType, filename } = checkUpload(upload);
  const id = newId();
  await repo.insertFile(trx, {
    id,
    item_id: itemId,
    filename,
    media_type: mediaType,
    size: upload.data.length,
    sha256: crypto.createHash("sha256").update(upload.data).digest("hex"),
    content: upload.data,
    uploaded_by: by,
    created_at: now(),
  });
  return id;
}

/** The details a type carries besides its text (labels live in the i18n catalogue `library.field.*`). */
export const DETAIL_FIELDS: Readonly<Record<EditableType, readonly string[]>> = {
  article: ["sources"],
  guide: ["sources"],
  best_practice: ["problem", "actions", "where", "evidence", "contact"],
  resource: ["publisher", "year", "resourceLanguage", "licence", "url"],
  story: ["contentNote"],
};
const REQUIRED_DETAILS: Readonly<Record<EditableType, readonly string[]>> = {
  article: [],
  guide: [],
  best_practice: ["problem", "actions", "where", "evidence", "contact"],
  resource: ["publisher", "year", "resourceLanguage", "licence"],
  story: [],
};

export interface ItemContent {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly level: string;
  readonly audiences: readonly string[];
  readonly topics: readonly string[];
  readonly countries: readonly string[];
  readonly details: Readonly<Record<string, string>>;
}

export interface NewDraft extends ItemContent {
  readonly type: string;
  readonly language: string;
  /** Another item this one translates (shares its translation group). */
  readonly translationOf?: string;
}

/** A form's problems, field by field (codes are `library.error.<code>` in the catalogue). */
export class LibraryInvalid extends AppError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super("library_invalid", 400, "Some fields need attention", problems);
  }
}

const notFound = () => new AppError("library_item_not_found", 404, "No such library item");

function problem(field: string, code: string): FieldProblem {
  return { field, code, message: code };
}

/** Checks and tidies an item's content for its type; throws LibraryInvalid listing every problem. */
export function checkContent(
  p: Platform,
  type: EditableType,
  c: ItemContent,
  options: { hasFile?: boolean } = {},
): ItemContent {
  const problems: FieldProblem[] = [];
  const title = c.title.trim();
  if (title.length < 3 || title.length > 200) problems.push(problem("title", "title"));
  const summary = c.summary.trim();
  if (summary.length === 0 || summary.length > 600) problems.push(problem("summary", "summary"));
  if (c.body.length > MAX_BODY) problems.push(problem("body", "bodyLong"));
  if ((type === "article" || type === "guide" || type === "story") && c.body.trim().length === 0)
    problems.push(problem("body", "body"));
  if (!(LEVELS as readonly string[]).includes(c.level)) problems.push(problem("level", "level"));
  const audiences = [...new Set(c.audiences)];
  if (audiences.length === 0 || audiences.some((a) => !(AUDIENCES as readonly string[]).includes(a)))
    problems.push(problem("audiences", "audiences"));
  const topics = [...new Set(c.topics)];
  if (topics.length === 0 || topics.some((x) => !(TOPICS as readonly string[]).includes(x)))
    problems.push(problem("topics", "topics"));
  const countries = [...new Set(c.countries.map((x) => x.trim().toUpperCase()).filter(Boolean))];
  if (countries.some((x) => !p.countries.has(x))) problems.push(problem("countries", "countries"));
  const details: Record<string, string> = {};
  for (const field of DETAIL_FIELDS[type]) {
    const value = (c.details[field] ?? "").trim();
    if (value.length > 5000) problems.push(problem(field, "detailLong"));
    else if (value) details[field] = value;
    else if (REQUIRED_DETAILS[type].includes(field)) problems.push(problem(field, "required"));
  }
  if (type === "resource") {
    const year = Number(details.year);
    if (details.year && !(Number.isInteger(year) && year >= 1900 && year <= new Date().getUTCFullYear() + 1))
      problems.push(problem("year", "year"));
    if (details.url && !isHttpsUrl(details.url)) problems.push(problem("url", "url"));
    const fileId = c.details.fileId;
    if (fileId) details.fileId = fileId;
    if (!details.url && !fileId && !options.hasFile) problems.push(problem("url", "linkOrFile"));
  }
  if (problems.length > 0) throw new LibraryInvalid(problems);
  return {
    title,
    summary,
    body: c.body.replace(/\r\n/g, "\n"),
    level: c.level,
    audiences,
    topics,
    countries,
    details,
  };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** A slug from a title: lower-case letters and digits joined by hyphens (accents dropped). */
export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  // Scripts without Latin letters (Arabic titles) keep a short random slug rather than an empty one.
  return /^[a-z0-9-]+$/.test(base) && base.length > 0 ? base : `item-${newId().slice(-8).toLowerCase()}`;
}

async function freeSlug(db: Executor, title: string, language: string): Promise<string> {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.slugTaken(db, candidate, language))) return candidate;
  }
}

const isEditor = (scope: StaffScope) => can(scope.role, "library.edit");

function assertMayDraft(scope: StaffScope, type: string): asserts type is EditableType {
  if (!(EDITABLE_TYPES as readonly string[]).includes(type))
    throw new AppError("library_type_invalid", 400, "Unknown library item type");
  if ((SUBMITTABLE_TYPES as readonly string[]).includes(type)) assertCan(scope, "library.submit");
  else assertCan(scope, "library.edit");
}

/** Starts an item as a draft (version 1). Returns its id. */
export async function createDraft(
  p: Platform,
  scope: StaffScope,
  input: NewDraft,
  file?: Upload,
): Promise<string> {
  assertMayDraft(scope, input.type);
  const type = input.type;
  if (!(LOCALES as readonly string[]).includes(input.language))
    throw new LibraryInvalid([problem("language", "language")]);
  if (file && type === "resource") checkUpload(file);
  let content = checkContent(p, type, input, { hasFile: Boolean(file) });
  const id = newId();
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    let group = id;
    if (input.translationOf) {
      const original = await repo.itemById(trx, input.translationOf);
      if (!original || original.type !== type)
        throw new LibraryInvalid([problem("translationOf", "translation")]);
      assertMaySee(scope, original);
      group = original.translation_group;
      if (await repo.groupHasLanguage(trx, group, input.language))
        throw new LibraryInvalid([problem("language", "translationExists")]);
    }
    if (file && type === "resource")
      content = {
        ...content,
        details: { ...content.details, fileId: await storeFile(trx, id, file, scope.userId) },
      };
    const facets = facetValues(content);
    await repo.insertItem(
      trx,
      {
        id,
        type,
        status: "draft",
        translation_group: group,
        language: input.language,
        slug: await freeSlug(trx, content.title, input.language),
        title: content.title,
        summary: content.summary,
        body: content.body,
        level: content.level,
        details: JSON.stringify(content.details),
        version: 1,
        author_id: scope.userId,
        organisation_id: scope.organisationId,
        created_at: at,
        updated_at: at,
        published_at: null,
      },
      facets,
    );
    await repo.replaceFacets(trx, id, facets);
    await appendAudit(
      p,
      byStaff(scope, "library.create", { targetType: "library_item", targetId: id, detail: { type } }),
      trx,
    );
  });
  return id;
}

function facetValues(c: ItemContent): repo.FacetValues {
  return { audience: c.audiences, topic: c.topics, country: c.countries };
}

/** Whether someone may see an item in the console: editors see all, others their own items. */
function assertMaySee(scope: StaffScope, item: repo.ItemRow): void {
  if (isEditor(scope)) return;
  assertCan(scope, "library.submit");
  if (item.author_id !== scope.userId) throw notFound();
}

async function lockedItem(p: Platform, trx: Executor, scope: StaffScope, id: string): Promise<repo.ItemRow> {
  const item = await repo.itemForUpdate(trx, id, p.dialect.name === "postgres");
  if (!item || item.type === "term") throw notFound();
  assertMaySee(scope, item);
  return item;
}

/** The version an editor works on: the pending revision of a published item, or the item's own. */
const headVersion = (item: repo.ItemRow) => item.pending_version ?? item.version;
/** The workflow state of what an editor works on. */
const headStatus = (item: repo.ItemRow) => item.pending_status ?? item.status;

/**
 * Saves an edit as a new version. `baseVersion` is the version the form was opened on: if someone saved
 * since, the edit is refused (`library_edit_conflict`, 409) rather than silently overwriting theirs.
 * Returns whether anything changed.
 */
export async function saveDraft(
  p: Platform,
  scope: StaffScope,
  id: string,
  content: ItemContent,
  baseVersion: number,
  files: { upload?: Upload; removeFile?: boolean } = {},
): Promise<boolean> {
  if (files.upload) checkUpload(files.upload);
  return p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    const type = item.type as EditableType;
    const state = headStatus(item);
    // Authors edit their own drafts; once in review or published, only editors do.
    if (!isEditor(scope) && state !== "draft")
      throw new AppError("library_not_editable", 409, "This item is in review or published");
    if (headVersion(item) !== baseVersion)
      throw new AppError("library_edit_conflict", 409, "Someone saved a newer version");
    const head = await repo.version(trx, id, headVersion(item));
    // A resource keeps the file it had unless a new one is sent or it is removed.
    const previousFile = head ? (JSON.parse(head.details) as Record<string, string>).fileId : undefined;
    const keptFile = type === "resource" && !files.removeFile ? previousFile : undefined;
    const { fileId: _ignored, ...sent } = content.details;
    let clean = checkContent(
      p,
      type,
      { ...content, details: keptFile ? { ...sent, fileId: keptFile } : sent },
      { hasFile: Boolean(files.upload && type === "resource") },
    );
    if (files.upload && type === "resource")
      clean = {
        ...clean,
        details: { ...clean.details, fileId: await storeFile(trx, id, files.upload, scope.userId) },
      };
    const facets = facetValues(clean);
    const same =
      head !== undefined &&
      head.title === clean.title &&
      head.summary === clean.summary &&
      head.body === clean.body &&
      head.level === clean.level &&
      head.details === JSON.stringify(clean.details) &&
      head.facets === JSON.stringify(facets);
    if (same) return false;
    const at = now();
    const next = Math.max(item.version, item.pending_version ?? 0) + 1;
    await repo.insertVersion(trx, {
      item_id: id,
      version: next,
      title: clean.title,
      summary: clean.summary,
      body: clean.body,
      details: JSON.stringify(clean.details),
      level: clean.level,
      facets: JSON.stringify(facets),
      edited_by: scope.userId,
      created_at: at,
    });
    if (item.status === "published") {
      // The public keeps reading the published text; the revision waits for review.
      await repo.updateItem(trx, id, { pending_version: next, pending_status: "draft", updated_at: at });
    } else {
      await repo.updateItem(trx, id, {
        title: clean.title,
        summary: clean.summary,
        body: clean.body,
        level: clean.level,
        details: JSON.stringify(clean.details),
        version: next,
        // Editing an item in review sends it back to draft: what was reviewed is no longer what is there.
        status: item.status === "in_review" ? "draft" : item.status,
        updated_at: at,
      });
      await repo.replaceFacets(trx, id, facets);
    }
    await appendAudit(
      p,
      byStaff(scope, "library.edit", { targetType: "library_item", targetId: id, detail: { version: next } }),
      trx,
    );
    return true;
  });
}

/** Sends the current draft (or a published item's revision) to review. */
export async function submitForReview(
  p: Platform,
  scope: StaffScope,
  id: string,
  comment = "",
): Promise<void> {
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (headStatus(item) !== "draft")
      throw new AppError("library_not_draft", 409, "Only a draft goes to review");
    const at = now();
    await repo.updateItem(trx, id, {
      ...(item.pending_status ? { pending_status: "in_review" } : { status: "in_review" }),
      submitted_by: scope.userId,
      submitted_at: at,
      updated_at: at,
    });
    await review(trx, item, headVersion(item), scope, "submitted", comment.trim().slice(0, 2000), at);
    await appendAudit(p, byStaff(scope, "library.submit", { targetType: "library_item", targetId: id }), trx);
  });
}

function review(
  trx: Executor,
  item: repo.ItemRow,
  version: number,
  scope: StaffScope | null,
  decision: string,
  comment: string,
  at: string,
  anonymisationChecked = false,
) {
  return repo.insertReview(trx, {
    id: newId(),
    item_id: item.id,
    version,
    editor_id: scope?.userId ?? null,
    decision,
    anonymisation_checked: anonymisationChecked ? 1 : 0,
    comment,
    created_at: at,
  });
}

/** Why this person may not approve this item now, or undefined when they may. */
export async function approvalBlocker(
  db: Executor,
  scope: StaffScope,
  item: repo.ItemRow,
): Promise<"not_editor" | "not_in_review" | "own_work" | "no_consent" | undefined> {
  if (!isEditor(scope)) return "not_editor";
  if (headStatus(item) !== "in_review") return "not_in_review";
  const head = await repo.version(db, item.id, headVersion(item));
  if (item.submitted_by === scope.userId || head?.edited_by === scope.userId) return "own_work";
  if (item.type === "story") {
    const consent = await repo.consent(db, item.id);
    if (!consent || consent.withdrawn_at) return "no_consent";
  }
  return undefined;
}

/** A second editor approves the version in review, which is published at once. */
export async function approve(
  p: Platform,
  scope: StaffScope,
  id: string,
  input: { anonymisationChecked: boolean; comment?: string },
): Promise<void> {
  assertCan(scope, "library.edit");
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    const blocker = await approvalBlocker(trx, scope, item);
    if (blocker === "not_in_review")
      throw new AppError("library_not_in_review", 409, "This item is not in review");
    if (blocker === "own_work")
      throw new AppError(
        "library_second_editor",
        403,
        "Another editor must approve what you wrote or sent to review",
      );
    if (blocker === "no_consent")
      throw new AppError(
        "library_consent_missing",
        409,
        "A story is published only with the survivor's recorded consent",
      );
    if (item.type === "story" && !input.anonymisationChecked)
      throw new LibraryInvalid([problem("anonymisationChecked", "anonymisation")]);
    const n = headVersion(item);
    const head = await repo.version(trx, id, n);
    if (!head) throw notFound();
    const at = now();
    const facets = JSON.parse(head.facets) as repo.FacetValues;
    await repo.updateItem(trx, id, {
      title: head.title,
      summary: head.summary,
      body: head.body,
      details: head.details,
      level: head.level,
      version: n,
      status: "published",
      pending_version: null,
      pending_status: null,
      published_at: item.published_at ?? at,
      updated_at: at,
    });
    await repo.replaceFacets(trx, id, facets);
    await searchIndexFor(p.dialect.name).put(trx, {
      itemId: id,
      language: item.language,
      type: item.type,
      level: head.level,
      title: head.title,
      summary: head.summary,
      body: head.body,
      audiences: facets.audience ?? [],
      topics: facets.topic ?? [],
      countries: facets.country ?? [],
    });
    await review(
      trx,
      item,
      n,
      scope,
      "approved",
      (input.comment ?? "").trim().slice(0, 2000),
      at,
      input.anonymisationChecked,
    );
    await appendAudit(
      p,
      byStaff(scope, "library.publish", { targetType: "library_item", targetId: id, detail: { version: n } }),
      trx,
    );
  });
}

/** An editor sends the version in review back to its author with a comment (required). */
export async function requestChanges(
  p: Platform,
  scope: StaffScope,
  id: string,
  comment: string,
): Promise<void> {
  assertCan(scope, "library.edit");
  const text = comment.trim().slice(0, 2000);
  if (!text) throw new LibraryInvalid([problem("comment", "comment")]);
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (headStatus(item) !== "in_review")
      throw new AppError("library_not_in_review", 409, "This item is not in review");
    const at = now();
    if (item.pending_status) await repo.updateItem(trx, id, { pending_status: "draft", updated_at: at });
    else await repo.updateItem(trx, id, { status: "draft", updated_at: at });
    await review(trx, item, headVersion(item), scope, "changes_requested", text, at);
    await appendAudit(
      p,
      byStaff(scope, "library.request_changes", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

/** Takes an item out of the library (off the site and out of search); a pending revision is dropped. */
export async function archive(p: Platform, scope: StaffScope, id: string, comment = ""): Promise<void> {
  assertCan(scope, "library.edit");
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (item.status === "archived") return;
    await unpublish(p, trx, item, scope, "archived", comment.trim().slice(0, 2000));
    await appendAudit(
      p,
      byStaff(scope, "library.archive", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

async function unpublish(
  p: Platform,
  trx: Executor,
  item: repo.ItemRow,
  scope: StaffScope | null,
  decision: string,
  comment: string,
): Promise<void> {
  const at = now();
  await repo.updateItem(trx, item.id, {
    status: "archived",
    pending_version: null,
    pending_status: null,
    updated_at: at,
  });
  await searchIndexFor(p.dialect.name).remove(trx, item.id);
  await review(trx, item, item.version, scope, decision, comment, at);
}

/** Brings an archived item back as a draft; it needs a review again before it is published. */
export async function restore(p: Platform, scope: StaffScope, id: string): Promise<void> {
  assertCan(scope, "library.edit");
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (item.status !== "archived")
      throw new AppError("library_not_archived", 409, "This item is not archived");
    if (item.type === "story") {
      const consent = await repo.consent(trx, id);
      if (consent?.withdrawn_at)
        throw new AppError(
          "library_consent_withdrawn",
          409,
          "The survivor withdrew consent: record a new consent first",
        );
    }
    const at = now();
    await repo.updateItem(trx, id, { status: "draft", updated_at: at });
    await review(trx, item, item.version, scope, "restored", "", at);
    await appendAudit(
      p,
      byStaff(scope, "library.restore", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

const ConsentInput = z.object({
  method: z.enum(CONSENT_METHODS),
  givenOn: z.iso.date(),
  scope: z.string().trim().max(1000),
  reference: z.string().trim().min(1).max(500),
});
export type ConsentInput = z.input<typeof ConsentInput>;

const consentAad = (itemId: string) => `library-consent:${itemId}`;
const consentKey = (p: Platform) => p.keys.derive("library-consent");

/**
 * Records a survivor's consent to publish their story: how it was given, when, what it covers, and where
 * the signed form or recording is kept (sealed). A new record replaces a withdrawn one.
 */
export async function recordConsent(
  p: Platform,
  scope: StaffScope,
  id: string,
  input: ConsentInput,
): Promise<void> {
  assertCan(scope, "library.edit");
  const parsed = ConsentInput.safeParse(input);
  if (!parsed.success)
    throw new LibraryInvalid(
      parsed.error.issues.map((i) => problem(String(i.path[0] ?? "consent"), "consent")),
    );
  const given = parsed.data;
  if (given.givenOn > now().slice(0, 10)) throw new LibraryInvalid([problem("givenOn", "consent")]);
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    if (item.type !== "story")
      throw new AppError("library_not_story", 409, "Only a story has a consent record");
    const at = now();
    await repo.putConsent(trx, {
      item_id: id,
      method: given.method,
      given_on: given.givenOn,
      scope: given.scope,
      reference_sealed: seal(consentKey(p), given.reference, consentAad(id)),
      recorded_by: scope.userId,
      recorded_at: at,
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await review(trx, item, item.version, scope, "consent_recorded", "", at);
    await appendAudit(
      p,
      byStaff(scope, "library.consent_record", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

/** The survivor withdrew consent: the story leaves the site and search in the same transaction. */
export async function withdrawConsent(
  p: Platform,
  scope: StaffScope,
  id: string,
  comment = "",
): Promise<void> {
  assertCan(scope, "library.edit");
  await p.db.transaction().execute(async (trx) => {
    const item = await lockedItem(p, trx, scope, id);
    const consent = await repo.consent(trx, id);
    if (item.type !== "story" || !consent || consent.withdrawn_at)
      throw new AppError("library_no_consent", 409, "There is no consent to withdraw");
    await repo.withdrawConsent(trx, id, scope.userId, now());
    await unpublish(p, trx, item, scope, "consent_withdrawn", comment.trim().slice(0, 2000));
    await appendAudit(
      p,
      byStaff(scope, "library.consent_withdraw", { targetType: "library_item", targetId: id }),
      trx,
    );
  });
}

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

function contentOf(v: repo.VersionRow): ItemContent {
  const facets = JSON.parse(v.facets) as Partial<repo.FacetValues>;
  return {
    title: v.title,
    summary: v.summary,
    body: v.body,
    level: v.level,
    audiences: facets.audience ?? [],
    topics: facets.topic ?? [],
    countries: facets.country ?? [],
    details: JSON.parse(v.details) as Record<string, string>,
  };
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

export interface StoredFile {
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly content: Buffer;
}

/** A published resource's current file, for anyone; anything else (an older version's, a draft's) is 404. */
export async function publishedFile(p: Platform, fileId: string): Promise<StoredFile> {
  const file = await repo.fileWithContent(p.db, fileId);
  const item = file && (await repo.itemById(p.db, file.item_id));
  const current = item && (JSON.parse(item.details) as Record<string, unknown>).fileId;
  if (!file || !item || item.status !== "published" || current !== fileId)
    throw new AppError("library_file_not_found", 404, "No such file");
  return toStored(file);
}

/** Any version's file of an item this person may see in the console (to review it before publishing). */
export async function editorialFile(p: Platform, scope: StaffScope, fileId: string): Promise<StoredFile> {
  assertCan(scope, "library.submit");
  const file = await repo.fileWithContent(p.db, fileId);
  const item = file && (await repo.itemById(p.db, file.item_id));
  if (!file || !item) throw new AppError("library_file_not_found", 404, "No such file");
  assertMaySee(scope, item);
  return toStored(file);
}

function toStored(f: NonNullable<Awaited<ReturnType<typeof repo.fileWithContent>>>): StoredFile {
  return {
    filename: f.filename,
    mediaType: f.media_type,
    size: f.size,
    sha256: f.sha256,
    content: Buffer.from(f.content),
  };
}

/** A file's name, size and type for a page, without its bytes. */
export async function fileFacts(p: Platform, fileId: string) {
  const f = await repo.fileMeta(p.db, fileId);
  return f && { id: f.id, filename: f.filename, mediaType: f.media_type, size: f.size, sha256: f.sha256 };
}
