import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { getReport, replyToReporter } from "./report-triage.service.ts";
import { StaffReportDetail } from "./views/staff-reports.tsx";

const HIDDEN = { schema: { hide: true } } as const;
const ReportId = z.string().regex(/^[0-9a-f]{28,40}$/);
const ReplyBody = z.object({ message: z.string().trim().min(1).max(5000) });

/** The minimal staff side: one report decrypted, and a reply to the reporter (the list is the inbox). */
export function reportTriageRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.get("/staff", HIDDEN, (_request, reply) => reply.redirect("/staff/reports", 303));

  app.get<{ Params: { id: string }; Querystring: { sent?: string } }>(
    "/staff/reports/:id",
    HIDDEN,
    async (request, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const id = ReportId.safeParse(request.params.id);
      const report = await getReport(p, staff, id.success ? id.data : "-");
      const ctx = staffPageContext(web, request, reply, staff);
      return sendPage(
        reply,
        h(StaffReportDetail, { ctx, report, errors: [], sent: request.query.sent === "1" }),
      );
    },
  );

  app.post<{ Params: { id: string } }>("/staff/reports/:id/reply", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const id = ReportId.safeParse(request.params.id);
    const reportId = id.success ? id.data : "-";
    const body = ReplyBody.safeParse(request.body);
    if (!body.success) {
      const ctx = staffPageContext(web, request, reply, staff);
      const report = await getReport(p, staff, reportId);
      const errors = [{ field: "message", message: ctx.t("followUp.errorMessage") }];
      return sendPage(reply, h(StaffReportDetail, { ctx, report, errors, sent: false }), 400);
    }
    await replyToReporter(p, staff, reportId, body.data.message);
    return reply.redirect(`/staff/reports/${reportId}?sent=1`, 303);
  });
}
