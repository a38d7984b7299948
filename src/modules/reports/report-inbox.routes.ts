import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import { can } from "../accounts/permissions.ts";
import { API_SECURITY, requireStaffApi, requireStaffPage } from "../accounts/staff-auth.ts";
import { InboxPageSchema, type InboxQuery, InboxQuerySchema } from "./report-inbox.schema.ts";
import { listInbox } from "./report-inbox.service.ts";
import { staffContextWithShares } from "./report-sharing.routes.ts";
import { ApiErrorSchema } from "./reports.schema.ts";
import { StaffInbox } from "./views/staff-inbox.tsx";

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  status: "staff.list.status",
  urgency: "inbox.urgency",
  category: "inbox.category",
  country: "inbox.country",
  channel: "inbox.channel",
  assignee: "inbox.assignee",
  from: "inbox.from",
  to: "inbox.to",
  unreadMessages: "inbox.unreadMessages",
  unread: "inbox.unread",
  merged: "inbox.merged",
  sort: "inbox.sort",
};

/** A GET form sends empty fields for "any": they mean no filter. A typed country code may be lower case. */
function fromForm(query: unknown): Record<string, unknown> {
  if (typeof query !== "object" || query === null) return {};
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, v]) => v !== "")
      .map(([k, v]) => [k, k === "country" && typeof v === "string" ? v.trim().toUpperCase() : v]),
  );
}

/** The triage inbox: the console page (a plain GET form) and the same list in the JSON API. */
export function reportInboxRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/staff/reports", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const ctx = await staffContextWithShares(web, request, reply, staff);
    const raw = fromForm(request.query);
    const parsed = InboxQuerySchema.safeParse(raw);
    let query: InboxQuery = {};
    const errors: FieldError[] = [];
    if (parsed.success) query = parsed.data;
    else {
      // Name each value that was not understood, and keep the filters that were.
      for (const issue of parsed.error.issues) {
        const fields = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0] ?? "")];
        for (const field of fields) {
          if (errors.some((e) => e.field === field)) continue;
          const label = FIELD_LABELS[field];
          errors.push({ field, message: ctx.t("inbox.invalid", { field: label ? ctx.t(label) : field }) });
        }
      }
      const kept = InboxQuerySchema.safeParse(
        Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k))),
      );
      query = kept.success ? kept.data : {};
    }
    let result: Awaited<ReturnType<typeof listInbox>>;
    try {
      result = await listInbox(p, staff, query);
    } catch (error) {
      if (!(error instanceof AppError && error.id === "invalid_cursor")) throw error;
      errors.push({ field: "cursor", message: ctx.t("inbox.invalidCursor") });
      query = { ...query, cursor: undefined };
      result = await listInbox(p, staff, query);
    }
    const page = h(StaffInbox, {
      ctx,
      query,
      result,
      errors,
      // Anyone who reads reports may take one (assigning colleagues is on the report page).
      canAssign: can(staff.role, "report.read"),
      userId: staff.userId,
      returnTo: request.url.slice(0, 2000),
    });
    return sendPage(reply, page, errors.length > 0 ? 400 : 200);
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/staff/reports",
    {
      schema: {
        summary: "List the organisation's reports (the triage inbox)",
        description:
          "One page of 50 of your organisation's reports under the filters and sort, the number of reports per status under the same filters, and the cursor of the next page (keyset pagination: pass `next` as `cursor` with the same filters and sort). Rows carry workflow facts only, never report content. Needs the `report.list` permission; each call is audited with the number of rows.",
        tags: ["triage"],
        security: API_SECURITY.read,
        querystring: InboxQuerySchema,
        response: { 200: InboxPageSchema, 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      const { colleagues: _staff, ...page } = await listInbox(p, staff, request.query);
      return page;
    },
  );
}
