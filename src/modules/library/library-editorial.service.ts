import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Upload } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./library.repository.ts";
import {
  assertMaySee,
  headStatus,
  headVersion,
  isEditor,
  lockedItem,
  notFound,
  review,
  unpublish,
} from "./library-access.ts";
import {
  checkContent,
  EDITABLE_TYPES,
  type EditableType,
  facetValues,
  type ItemContent,
  LibraryInvalid,
  type NewDraft,
  problem,
  SUBMITTABLE_TYPES,
  slugify,
} from "./library-content.ts";
import { checkUpload, storeFile } from "./library-files.service.ts";
import { searchIndexFor } from "./library-search.ts";

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
async function freeSlug(db: Executor, title: string, language: string): Promise<string> {
  const base = slugify(title);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await repo.slugTaken(db, candidate, language))) return candidate;
  }
}

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
