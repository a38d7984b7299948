import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import type { z } from "zod";
import type { FormBody } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import type { StaffSession } from "../accounts/accounts.service.ts";
import { type Action, can } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { clustersOfReport } from "../linking/report-linking.service.ts";
import { staffContextWithShares } from "./report-sharing.routes.ts";
import { offerShare, shareTargets } from "./report-sharing.service.ts";
import { getReport, replyToReporter } from "./report-triage.service.ts";
import {
  AssignBody,
  EntityId,
  MergeBody,
  NoteBody,
  ReplyBody,
  ShareForm,
  StatusBody,
  UrgencyBody,
} from "./report-workflow.schema.ts";
import {
  addNote,
  assignReport,
  changeStatus,
  changeUrgency,
  copyFor,
  mergeReport,
} from "./report-workflow.service.ts";
import { nextStatuses } from "./report-workflow.ts";
import { StaffReportPage } from "./views/staff-report-page.tsx";

const HIDDEN = { schema: { hide: true } } as const;

/** A translated message for an action's error, by its machine id (falls back to the form's own message). */
export function formErrorMessage(ctx: PageContext, error: AppError, fallback: MessageKey): string {
  const key = `workflow.error.${error.id}`;
  const text = ctx.t(key as MessageKey);
  return text === key ? ctx.t(fallback) : text;
}

/** An inbox address to come back to: only the inbox itself, so the field cannot send anyone elsewhere. */
const INBOX_RETURN = /^\/staff\/reports(\?[^#\s\\]{0,2000})?(#take-[0-9a-f]{1,40})?$/;

const idParam = (request: FastifyRequest<{ Params: { id: string } }>) => {
  const id = EntityId.safeParse(request.params.id);
  return id.success ? id.data : "-";
};

/** Keeps only the form's fields (and what was typed, bounded) for showing the form again. */
function typed(body: FormBody, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = body[f];
    if (typeof v === "string") out[f] = v.slice(0, 10_000);
  }
  return out;
}

/** The report page and every action on it (the list is the inbox, report-inbox.routes.ts). */
export function reportTriageRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.get("/staff", HIDDEN, (_request, reply) => reply.redirect("/staff/reports", 303));

  async function renderReport(
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    reportId: string,
    options: {
      errors?: readonly FieldError[];
      values?: Record<string, string>;
      done?: string;
      status?: number;
    },
  ) {
    const report = await getReport(p, staff, reportId);
    const ctx = await staffContextWithShares(web, request, reply, staff);
    const abilities = {
      nextStatuses: can(staff.role, "report.update") ? nextStatuses(report.status, staff.role) : [],
      update: can(staff.role, "report.update"),
      note: can(staff.role, "report.note"),
      reply: can(staff.role, "report.reply"),
      assignOthers: can(staff.role, "report.assign"),
      assignSelf: can(staff.role, "report.read"),
      assignedToMe: report.assignee?.id === staff.userId,
      merge: can(staff.role, "report.merge"),
      share: can(staff.role, "report.share"),
      shareTargets: can(staff.role, "report.share") ? await shareTargets(p, staff) : [],
    };
    return sendPage(
      reply,
      h(StaffReportPage, {
        ctx,
        report,
        can: abilities,
        errors: options.errors ?? [],
        values: options.values,
        done: options.done,
        clusters: can(staff.role, "links.read") ? await clustersOfReport(p, staff, reportId) : [],
      }),
      options.status ?? 200,
    );
  }

  app.get<{ Params: { id: string }; Querystring: { done?: string; sent?: string } }>(
    "/staff/reports/:id",
    HIDDEN,
    async (request, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const done = request.query.sent === "1" ? "sent" : request.query.done;
      return renderReport(request, reply, staff, idParam(request), { done });
    },
  );

  /**
   * One form action on a report: parse the form, run the service, redirect back with a confirmation; a
   * refused or malformed input shows the page again with the error beside the field and what was typed.
   */
  function action<S extends z.ZodType>(
    path: string,
    permission: Action,
    schema: S,
    field: string,
    fallback: MessageKey,
    done: string,
    run: (staff: StaffSession, reportId: string, body: z.infer<S>) => Promise<void>,
  ): void {
    app.post<{ Params: { id: string } }>(`/staff/reports/:id/${path}`, HIDDEN, async (request, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const reportId = idParam(request);
      const body = (request.body ?? {}) as FormBody;
      const values = typed(body, [
        field,
        "status",
        "closeReason",
        "urgency",
        "assignee",
        "into",
        "organisation",
      ]);
      const fail = async (error: AppError) => {
        const ctx = staffPageContext(web, request, reply, staff);
        const where =
          error.details?.[0]?.field ?? (error.id.includes("close_reason") ? "closeReason" : field);
        const errors = [{ field: where, message: formErrorMessage(ctx, error, fallback) }];
        return renderReport(request, reply, staff, reportId, { errors, values, status: error.status });
      };
      const { _csrf, return: back, ...fields } = body;
      const parsed = schema.safeParse(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")));
      try {
        if (!parsed.success) {
          // Authorise and find the report first: a bad form tells nothing about a report one cannot see.
          await copyFor(p, staff, reportId, permission);
          return fail(new AppError("validation_failed", 400, "Invalid form"));
        }
        await run(staff, reportId, parsed.data);
      } catch (error) {
        if (error instanceof AppError && (error.status === 400 || error.status === 409)) return fail(error);
        throw error;
      }
      // Back to the inbox page the form was on (its filters and page), at the report's row.
      if (typeof back === "string" && INBOX_RETURN.test(back)) return reply.redirect(back, 303);
      if (back === "inbox") return reply.redirect("/staff/reports", 303);
      return reply.redirect(`/staff/reports/${reportId}?done=${done}`, 303);
    });
  }

  action("reply", "report.reply", ReplyBody, "message", "followUp.errorMessage", "sent", (s, id, b) =>
    replyToReporter(p, s, id, b.message),
  );
  action("notes", "report.note", NoteBody, "note", "workflow.error.note_required", "note", (s, id, b) =>
    addNote(p, s, id, b.note),
  );
  action(
    "status",
    "report.update",
    StatusBody,
    "status",
    "workflow.error.invalid_status",
    "status",
    (s, id, b) => changeStatus(p, s, id, b),
  );
  action(
    "urgency",
    "report.update",
    UrgencyBody,
    "urgency",
    "workflow.error.invalid_urgency",
    "urgency",
    (s, id, b) => changeUrgency(p, s, id, b.urgency),
  );
  // A caseworker assigns only themselves (checked by the service); the inbox posts here with return=inbox.
  action(
    "assign",
    "report.read",
    AssignBody,
    "assignee",
    "workflow.error.invalid_assignee",
    "assigned",
    (s, id, b) => assignReport(p, s, id, b.assignee),
  );
  action(
    "shares",
    "report.share",
    ShareForm,
    "organisation",
    "workflow.error.invalid_organisation",
    "shared",
    async (s, id, b) => {
      await offerShare(p, s, id, b.organisation);
    },
  );
  action(
    "merge",
    "report.merge",
    MergeBody,
    "into",
    "workflow.error.merge_target_not_found",
    "merged",
    (s, id, b) => mergeReport(p, s, id, b.into),
  );
}
