import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { formText, type Upload } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import type { StaffSession } from "../accounts/accounts.service.ts";
import { assertCan, can } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { linkLibrarySubmission } from "../circles/facilitation.service.ts";
import { recordConsent, withdrawConsent } from "./library-consent.service.ts";
import { editorialItem, editorialQueue, QUEUES, type Queue, versionDiff } from "./library-console.service.ts";
import {
  DETAIL_FIELDS,
  EDITABLE_TYPES,
  type EditableType,
  LibraryInvalid,
  SUBMITTABLE_TYPES,
} from "./library-content.ts";
import {
  approve,
  archive,
  createDraft,
  requestChanges,
  restore,
  saveDraft,
  submitForReview,
} from "./library-editorial.service.ts";
import { editorialFile, publishedFile, type StoredFile } from "./library-files.service.ts";
import { type FormValues, LibraryFormPage, LibraryQueuePage } from "./views/library-console.tsx";
import { LibraryDiffPage, LibraryItemPage } from "./views/library-item-page.tsx";

const HIDDEN = { schema: { hide: true } } as const;
/** Forms that may carry a resource's file. */
const UPLOAD = { ...HIDDEN, config: { multipart: true }, bodyLimit: 21 * 1024 * 1024 } as const;
const str = (v: unknown, max = 100_000) => formText(v, max);
const list = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string").map((x) => x.slice(0, 40));
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const query = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;
/** The file of a multipart form, when one was chosen. */
const uploadOf = (v: unknown): Upload | undefined =>
  v && typeof v === "object" && Buffer.isBuffer((v as Upload).data) ? (v as Upload) : undefined;

/** Ids are ULID-like strings; anything else is a page that does not exist. */
function idOf(request: FastifyRequest): string {
  const id = str((request.params as Record<string, unknown>).id, 64);
  if (!/^[0-9A-Za-z]{10,40}$/.test(id))
    throw new AppError("library_item_not_found", 404, "No such library item");
  return id;
}

function formValues(b: Record<string, unknown>, type: EditableType): FormValues {
  const details: Record<string, string> = {};
  for (const field of DETAIL_FIELDS[type]) details[field] = str(b[`details.${field}`], 10_000);
  return {
    language: str(b.language, 8),
    title: str(b.title, 1000),
    summary: str(b.summary, 5000),
    body: str(b.body, 200_000),
    level: str(b.level, 40),
    audiences: list(b.audiences),
    topics: list(b.topics),
    countries: str(b.countries, 1000)
      .split(/[\s,;]+/)
      .filter(Boolean),
    details,
  };
}

const DONE: Readonly<Record<string, MessageKey>> = {
  created: "library.done.created",
  saved: "library.done.saved",
  unchanged: "library.done.unchanged",
  submitted: "library.done.submitted",
  approved: "library.done.approved",
  changes: "library.done.changes",
  archived: "library.done.archived",
  restored: "library.done.restored",
  consent: "library.done.consent",
  withdrawn: "library.done.withdrawn",
};

/** The form problems of a LibraryInvalid, in the visitor's language, named by the form's field. */
function fieldErrors(ctx: PageContext, error: LibraryInvalid, type?: EditableType): FieldError[] {
  return error.problems.map((p) => ({
    field: type && DETAIL_FIELDS[type].includes(p.field) ? `details.${p.field}` : p.field,
    message: ctx.t(`library.error.${p.code}` as MessageKey),
  }));
}

/** Sends a stored file as a download (never shown inline: a file is not a page of this site). */
function sendFile(reply: FastifyReply, file: StoredFile, cache: string) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return reply
    .header("content-type", file.mediaType)
    .header(
      "content-disposition",
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header("cache-control", cache)
    .header("x-content-type-options", "nosniff")
    .send(file.content);
}

/** The editorial console: queues, writing and revising, review and approval, consent, history and diffs. */
export function libraryEditorialRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  const signedIn = async (request: FastifyRequest, reply: FastifyReply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (staff) assertCan(staff, "library.submit");
    return staff;
  };

  app.get("/staff/library", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const ctx = staffPageContext(web, request, reply, staff);
    const editor = can(staff.role, "library.edit");
    const asked = str(query(request).queue, 20);
    const queue: Queue = !editor
      ? "mine"
      : (QUEUES as readonly string[]).includes(asked)
        ? (asked as Queue)
        : "in_review";
    const rows = await editorialQueue(p, staff, queue);
    const done = DONE[str(query(request).done, 20)];
    return sendPage(reply, h(LibraryQueuePage, { ctx, editor, queue, rows, done: done && ctx.t(done) }));
  });

  const typeFrom = (staff: StaffSession, raw: string): EditableType => {
    const allowed = can(staff.role, "library.edit") ? EDITABLE_TYPES : SUBMITTABLE_TYPES;
    if (!(allowed as readonly string[]).includes(raw))
      throw new AppError("library_type_invalid", 404, "This kind of item cannot be written here");
    return raw as EditableType;
  };

  app.get("/staff/library/new", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const type = typeFrom(staff, str(query(request).type, 20));
    const ctx = staffPageContext(web, request, reply, staff);
    const translationOf = str(query(request).translationOf, 64) || undefined;
    // Started from a conversation circle's response or group: keep where it came from, start from its words.
    const origin = str(query(request).origin, 200) || undefined;
    const values: FormValues = {
      language: ctx.i18n.locale,
      title: origin ? str(query(request).title, 200) : "",
      summary: "",
      body: "",
      level: "first_steps",
      audiences: [],
      topics: [],
      countries: [],
      details: {},
    };
    return sendPage(reply, h(LibraryFormPage, { ctx, type, values, errors: [], translationOf, origin }));
  });

  app.post("/staff/library/new", UPLOAD, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const b = body(request);
    const type = typeFrom(staff, str(b.type, 20));
    const values = formValues(b, type);
    const translationOf = str(b.translationOf, 64) || undefined;
    const origin = str(b.origin, 200) || undefined;
    try {
      const id = await createDraft(p, staff, { ...values, type, translationOf }, uploadOf(b.file));
      if (origin) await linkLibrarySubmission(p, staff, origin, id, values.title);
      return reply.redirect(`/staff/library/${id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof LibraryInvalid)) throw error;
      const ctx = staffPageContext(web, request, reply, staff);
      const errors = fieldErrors(ctx, error, type);
      return sendPage(reply, h(LibraryFormPage, { ctx, type, values, errors, translationOf, origin }), 400);
    }
  });

  const itemPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    extra: { errors?: FieldError[]; consentValues?: Record<string, string> } = {},
    status = 200,
  ) => {
    const item = await editorialItem(p, staff, idOf(request));
    const ctx = staffPageContext(web, request, reply, staff);
    const done = DONE[str(query(request).done, 20)];
    return sendPage(
      reply,
      h(LibraryItemPage, {
        ctx,
        item,
        done: done && ctx.t(done),
        errors: extra.errors ?? [],
        consentValues: extra.consentValues,
      }),
      status,
    );
  };

  app.get("/staff/library/:id", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    return itemPage(request, reply, staff);
  });

  app.get("/staff/library/:id/edit", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const item = await editorialItem(p, staff, idOf(request));
    if (!item.may.edit) throw new AppError("library_not_editable", 409, "This item cannot be edited now");
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(LibraryFormPage, {
        ctx,
        type: item.type,
        values: { ...item.head, language: item.language },
        errors: [],
        item: { id: item.id, baseVersion: item.headVersion, published: item.status === "published" },
      }),
    );
  });

  app.post("/staff/library/:id/edit", UPLOAD, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const id = idOf(request);
    const b = body(request);
    const item = await editorialItem(p, staff, id);
    const values = { ...formValues(b, item.type), language: item.language };
    const baseVersion = Number(str(b.baseVersion, 12));
    const ctx = staffPageContext(web, request, reply, staff);
    const again = (errors: FieldError[], status: number) =>
      sendPage(
        reply,
        h(LibraryFormPage, {
          ctx,
          type: item.type,
          values,
          errors,
          item: { id, baseVersion: item.headVersion, published: item.status === "published" },
        }),
        status,
      );
    try {
      const changed = await saveDraft(p, staff, id, values, baseVersion, {
        upload: uploadOf(b.file),
        removeFile: str(b.removeFile, 8) === "yes",
      });
      return reply.redirect(`/staff/library/${id}?done=${changed ? "saved" : "unchanged"}`, 303);
    } catch (error) {
      if (error instanceof LibraryInvalid) return again(fieldErrors(ctx, error, item.type), 400);
      // Someone saved first: show this person's text again, on the newer version, with a clear message.
      if (error instanceof AppError && error.id === "library_edit_conflict")
        return again([{ field: "body", message: ctx.t("library.error.conflict") }], 409);
      throw error;
    }
  });

  /** A workflow step posted from the item page: done → back to the item; refused → the item with a message. */
  const step = (
    path: string,
    run: (staff: StaffSession, id: string, b: Record<string, unknown>) => Promise<void>,
    done: string,
  ) =>
    app.post(`/staff/library/:id/${path}`, HIDDEN, async (request, reply) => {
      const staff = await signedIn(request, reply);
      if (!staff) return reply;
      const id = idOf(request);
      const b = body(request);
      try {
        await run(staff, id, b);
        return reply.redirect(`/staff/library/${id}?done=${done}`, 303);
      } catch (error) {
        if (error instanceof LibraryInvalid) {
          const ctx = staffPageContext(web, request, reply, staff);
          const consentValues =
            path === "consent"
              ? (Object.fromEntries(Object.entries(b).map(([k, v]) => [k, str(v, 1000)])) as Record<
                  string,
                  string
                >)
              : undefined;
          return itemPage(request, reply, staff, { errors: fieldErrors(ctx, error), consentValues }, 400);
        }
        throw error;
      }
    });

  step("submit", (s, id, b) => submitForReview(p, s, id, str(b.comment, 2000)), "submitted");
  step(
    "approve",
    (s, id, b) =>
      approve(p, s, id, {
        anonymisationChecked: list(b.anonymisationChecked).includes("yes"),
        comment: str(b.comment, 2000),
      }),
    "approved",
  );
  step(
    "changes",
    async (s, id, b) => {
      try {
        await requestChanges(p, s, id, str(b.changesComment, 2000));
      } catch (error) {
        if (error instanceof LibraryInvalid)
          throw new LibraryInvalid(error.problems.map((x) => ({ ...x, field: "changesComment" })));
        throw error;
      }
    },
    "changes",
  );
  step("archive", (s, id, b) => archive(p, s, id, str(b.comment, 2000)), "archived");
  step("restore", (s, id) => restore(p, s, id), "restored");
  step(
    "consent",
    (s, id, b) =>
      recordConsent(p, s, id, {
        method: str(b.method, 40) as "written",
        givenOn: str(b.givenOn, 20).trim(),
        scope: str(b.scope, 1000),
        reference: str(b.reference, 500),
      }),
    "consent",
  );
  step("consent/withdraw", (s, id, b) => withdrawConsent(p, s, id, str(b.comment, 2000)), "withdrawn");

  app.get("/staff/library/:id/diff", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    const id = idOf(request);
    const from = Number(str(query(request).from, 12));
    const to = Number(str(query(request).to, 12));
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to < 1)
      throw new AppError("library_version_not_found", 404, "No such version");
    const diff = await versionDiff(p, staff, id, from, to);
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(reply, h(LibraryDiffPage, { ctx, itemId: id, title: diff.title, diff }));
  });

  // A published resource's file, for anyone (its address names the file so a saved copy keeps its name).
  app.get("/learn/files/:id/:name", HIDDEN, async (request, reply) => {
    const file = await publishedFile(p, idOf(request));
    return sendFile(reply, file, "public, max-age=300");
  });

  app.get("/staff/library/files/:id", HIDDEN, async (request, reply) => {
    const staff = await signedIn(request, reply);
    if (!staff) return reply;
    return sendFile(reply, await editorialFile(p, staff, idOf(request)), "private, no-store");
  });
}
