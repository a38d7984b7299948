import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/http/errors.ts";
import type { WebContext } from "../../platform/http/pages.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { API_SECURITY, requireStaffApi } from "../accounts/staff-auth.ts";
import { formatReceiptCode } from "./receipt.ts";
import { isIntakeChannel, recordIntake } from "./report-intake.service.ts";
import { answerShare, offerShare, pendingShares, revokeShare } from "./report-sharing.service.ts";
import { getReport, type ReportDetail, replyToReporter } from "./report-triage.service.ts";
import {
  AssignBody,
  EntityId,
  MergeBody,
  NoteBody,
  ReplyBody,
  ShareBody,
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
import { URGENCY_LEVELS } from "./report-workflow.ts";
import { ApiErrorSchema, ReportFieldsSchema, ReportSubmissionSchema } from "./reports.schema.ts";
import { INTAKE_CHANNELS } from "./reports.service.ts";

const Params = z.object({ id: EntityId });
const ERRORS = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };
const WITH_CONFLICT = { ...ERRORS, 409: ApiErrorSchema };

const Person = z.object({ id: z.string(), name: z.string() });
const Detail = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const ReportDetailSchema = z.object({
  id: z.string(),
  receivedAt: z.string(),
  country: z.string(),
  categories: z.array(z.string()),
  channel: z.string(),
  language: z.string(),
  peopleCount: z.string(),
  children: z.string(),
  danger: z.string(),
  demo: z.boolean(),
  status: z.string(),
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  urgency: z.enum(URGENCY_LEVELS),
  assignee: Person.nullable(),
  unread: z.boolean(),
  unreadMessages: z.boolean(),
  mergedInto: z.string().nullable(),
  duplicates: z.array(z.object({ id: z.string(), receivedAt: z.string() })),
  sharedBy: z.string().nullable(),
  recordedBy: z.string().nullable(),
  answers: z.object({
    area: z.string(),
    place: z.string(),
    online: z.string(),
    when: z.string(),
    whenDetail: z.string(),
    signs: z.array(z.string()),
    narrative: z.string(),
    contactPreference: z.string(),
    contact: z.string(),
  }),
  messages: z.array(
    z.object({
      id: z.string(),
      author: z.enum(["reporter", "staff"]),
      by: z.string().nullable(),
      body: z.string(),
      createdAt: z.string(),
    }),
  ),
  notes: z.array(z.object({ id: z.string(), at: z.string(), by: z.string().nullable(), body: z.string() })),
  timeline: z.array(
    z.object({ id: z.string(), kind: z.string(), at: z.string(), by: z.string().nullable(), detail: Detail }),
  ),
  shares: z.array(
    z.object({ id: z.string(), organisation: z.string(), status: z.string(), createdAt: z.string() }),
  ),
});

/** A report's workflow state after a change (no content: nothing to audit as a read). */
export const WorkflowStateSchema = z.object({
  id: z.string(),
  status: z.string(),
  closeReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  urgency: z.enum(URGENCY_LEVELS),
  assigneeId: z.string().nullable(),
  mergedInto: z.string().nullable(),
});

/** The API's view of a report page: every field named, so a new one never leaks by accident. */
function presentReport(r: ReportDetail): z.infer<typeof ReportDetailSchema> {
  return {
    id: r.id,
    receivedAt: r.receivedAt,
    country: r.country,
    categories: [...r.categories],
    channel: r.channel,
    language: r.language,
    peopleCount: r.peopleCount,
    children: r.children,
    danger: r.danger,
    demo: r.demo,
    status: r.status,
    closeReason: r.closeReason,
    closedAt: r.closedAt,
    urgency: r.urgency,
    assignee: r.assignee,
    unread: r.unread,
    unreadMessages: r.unreadMessages,
    mergedInto: r.mergedInto,
    duplicates: r.duplicates.map((d) => ({ ...d })),
    sharedBy: r.sharedBy,
    recordedBy: r.recordedBy,
    answers: { ...r.payload, signs: [...r.payload.signs] },
    messages: r.messages.map((m) => ({ ...m })),
    notes: r.notes.map((n) => ({ ...n })),
    timeline: r.timeline.map((e) => ({ ...e, detail: { ...e.detail } })),
    shares: r.shares.map((s) => ({ ...s })),
  };
}

async function workflowState(p: Platform, scope: StaffScope, reportId: string) {
  const c = await copyFor(p, scope, reportId, "report.list");
  return {
    id: c.report_id,
    status: c.status,
    closeReason: c.close_reason,
    closedAt: c.closed_at,
    urgency: URGENCY_LEVELS[c.urgency] ?? "normal",
    assigneeId: c.assignee_id,
    mergedInto: c.merged_into,
  };
}

export const IntakeBodySchema = ReportFieldsSchema.extend({
  channel: z.enum(INTAKE_CHANNELS).describe("How the report reached the staff member"),
}).strict();

/** The staff JSON API for one report: read, reply, note, status, urgency, assignment, merge, share, intake. */
export function reportWorkflowApi(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["staff reports"];

  api.get(
    "/api/v1/staff/reports/:id",
    {
      schema: {
        summary: "Read a report",
        description:
          "The report as your organisation holds it, decrypted: answers, the reporter thread, internal notes and the timeline. Audited as a read; marks the report read.",
        tags,
        security: API_SECURITY.read,
        params: Params,
        response: { 200: ReportDetailSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return presentReport(await getReport(p, staff, request.params.id));
    },
  );

  /** A POST on one report that answers with its workflow state. */
  function change<B extends z.ZodType>(
    path: string,
    summary: string,
    description: string,
    body: B,
    run: (staff: StaffScope, id: string, body: z.infer<B>) => Promise<unknown>,
  ): void {
    api.post(
      `/api/v1/staff/reports/:id/${path}`,
      {
        schema: {
          summary,
          description,
          tags,
          security: API_SECURITY.write,
          params: Params,
          body,
          response: { 200: WorkflowStateSchema, ...WITH_CONFLICT },
        },
      },
      async (request) => {
        const staff = await requireStaffApi(p, request);
        await run(staff, request.params.id, request.body as z.infer<B>);
        return workflowState(p, staff, request.params.id);
      },
    );
  }

  change(
    "reply",
    "Reply to the reporter",
    "The reporter reads it at follow-up. A new report moves to in_review.",
    ReplyBody,
    (s, id, b) => replyToReporter(p, s, id, b.message),
  );
  change(
    "notes",
    "Add an internal note",
    "Sealed under your organisation's key; never shown to the reporter or shared.",
    NoteBody,
    (s, id, b) => addNote(p, s, id, b.note),
  );
  change(
    "status",
    "Change the status",
    "Allowed moves: new → in_review, referred, escalated, closed; in_review/referred/escalated between each other and to closed; closed → in_review (admin, coordinator). Closing needs closeReason. Errors: invalid_status, invalid_transition (409), close_reason_required, invalid_close_reason, close_reason_not_allowed, report_merged (409).",
    StatusBody,
    (s, id, b) => changeStatus(p, s, id, b),
  );
  change("urgency", "Change the urgency", "normal, high or urgent.", UrgencyBody, (s, id, b) =>
    changeUrgency(p, s, id, b.urgency),
  );
  change(
    "assign",
    "Assign the report",
    "To a colleague of your organisation whose role can read reports, `me`, or `none`. A caseworker can only assign themselves. Error: invalid_assignee.",
    AssignBody,
    (s, id, b) => assignReport(p, s, id, b.assignee),
  );
  change(
    "merge",
    "Merge as a duplicate",
    "Closes this report as a duplicate of `into` (same organisation). Errors: merge_into_itself, merge_target_not_found, already_merged, merge_target_merged, merge_chain.",
    MergeBody,
    (s, id, b) => mergeReport(p, s, id, b.into),
  );

  const ShareCreated = z.object({ shareId: z.string() });
  api.post(
    "/api/v1/staff/reports/:id/shares",
    {
      schema: {
        summary: "Offer the report to another organisation",
        description:
          "They see it only after accepting (their own copy, without your notes); you can revoke at any time. Errors: share_with_self, invalid_organisation, cannot_reshare, already_has_report, already_shared.",
        tags,
        security: API_SECURITY.write,
        params: Params,
        body: ShareBody,
        response: { 201: ShareCreated, ...WITH_CONFLICT },
      },
    },
    async (request, reply) => {
      const staff = await requireStaffApi(p, request);
      const shareId = await offerShare(p, staff, request.params.id, request.body.organisationId);
      return reply.code(201).send({ shareId });
    },
  );

  const ShareAnswered = z.object({ reportId: z.string() });
  const shareStep = (step: "accept" | "decline" | "revoke", summary: string, description: string) =>
    api.post(
      `/api/v1/staff/shares/:id/${step}`,
      {
        schema: {
          summary,
          description,
          tags,
          security: API_SECURITY.write,
          params: Params,
          response: { 200: ShareAnswered, ...WITH_CONFLICT },
        },
      },
      async (request) => {
        const staff = await requireStaffApi(p, request);
        const reportId =
          step === "revoke"
            ? await revokeShare(p, staff, request.params.id)
            : await answerShare(p, staff, request.params.id, step);
        return { reportId };
      },
    );
  shareStep(
    "accept",
    "Accept a share",
    "Creates your organisation's copy of the report. Error: share_not_pending (409).",
  );
  shareStep("decline", "Decline a share", "Error: share_not_pending (409).");
  shareStep(
    "revoke",
    "Revoke a share you made",
    "An accepted share's copy is deleted with its thread and timeline. Error: share_not_revocable (409).",
  );

  const PendingShares = z.object({
    shares: z.array(
      z.object({
        id: z.string(),
        reportId: z.string(),
        from: z.string().describe("The offering organisation's name"),
        offeredAt: z.string(),
        country: z.string(),
        categories: z.array(z.string()),
        urgency: z.enum(URGENCY_LEVELS),
      }),
    ),
  });
  api.get(
    "/api/v1/staff/shares",
    {
      schema: {
        summary: "List shares offered to your organisation",
        description:
          "Reports other organisations offer you and you have not answered yet: the facts (country, categories, urgency), no content until you accept.",
        tags,
        security: API_SECURITY.read,
        response: { 200: PendingShares, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      const shares = await pendingShares(p, staff);
      return { shares: shares.map((s) => ({ ...s, categories: [...s.categories] })) };
    },
  );

  api.post(
    "/api/v1/staff/reports",
    {
      schema: {
        summary: "Record a report taken by phone, SMS, email or in person",
        description:
          "The same fields as the public report, plus the channel. Filed with your organisation only. The receipt code is shown once: give it to the person if it is safe for them.",
        tags,
        security: API_SECURITY.write,
        body: IntakeBodySchema,
        response: {
          201: z.object({
            reportId: z.string(),
            receiptCode: z.string(),
            receiptCodeFormatted: z.string(),
            submittedAt: z.string(),
          }),
          ...ERRORS,
        },
      },
    },
    async (request, reply) => {
      const staff = await requireStaffApi(p, request);
      const { channel, ...fields } = request.body;
      // The public form's cross-field rules (a contact when asked to be contacted, no repeated category).
      const checked = ReportSubmissionSchema.safeParse(fields);
      if (!checked.success || !isIntakeChannel(channel)) {
        throw new AppError(
          "validation_failed",
          400,
          "The request does not match the schema",
          (checked.error?.issues ?? []).map((i) => ({
            field: i.path.join("."),
            code: i.code,
            message: i.message,
          })),
        );
      }
      const saved = await recordIntake(p, staff, checked.data, channel);
      return reply.code(201).send({
        reportId: saved.reportId,
        receiptCode: saved.receiptCode,
        receiptCodeFormatted: formatReceiptCode(saved.receiptCode),
        submittedAt: saved.submittedAt,
      });
    },
  );
}
