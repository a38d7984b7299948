import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { isLocale, translator } from "../../platform/i18n/i18n.ts";
import type { PageContext } from "../../platform/views/context.ts";
import { renderPage } from "../../platform/views/layout.tsx";
import { assertCan, can } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { circleReportForStaff, forumReportForStaff, publicCircleReport } from "./circle-report.service.ts";
import { forumReportDocx, reportDocx } from "./report-docx.ts";
import type { Translate } from "./report-labels.ts";
import { forumReportMarkdown, reportMarkdown } from "./report-markdown.ts";
import type { CircleReport, ForumReport } from "./report-model.ts";
import { closePdfBrowser, PdfUnavailableError, reportPdf } from "./report-pdf.ts";
import { ReportDocument } from "./views/circle-report.tsx";
import { CircleReportScreen, ForumScreen, PdfUnavailablePage } from "./views/report-screens.tsx";

const HIDDEN = { schema: { hide: true } } as const;
type IdRequest = FastifyRequest<{ Params: { id: string } }>;
const FORMATS = ["md", "docx", "pdf"] as const;
type Format = (typeof FORMATS)[number];

/** Labels in the report's language (its circle's main language), whatever the reader's. */
const reportT = (language: string): Translate => translator(isLocale(language) ? language : "en").t;

function idOf(request: IdRequest): string {
  if (!/^[0-9a-f]{10,40}$/.test(request.params.id))
    throw new AppError("circle_not_found", 404, "No such circle");
  return request.params.id;
}

/** A download's file name: the report's title, letters and digits only. */
function fileName(title: string, ext: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "circle-report"}.${ext}`;
}

/**
 * The circle and forum reports: a web page (members, or anyone when the coordinator made it public) and
 * Markdown, Word and PDF files. The PDF is printed by Debian's Chromium from the same content; where it is
 * not installed the page says so (503) and the web page still prints well.
 */
export function circleReportRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.addHook("onClose", async () => closePdfBrowser());

  async function send(
    reply: FastifyReply,
    ctx: PageContext,
    report: CircleReport | ForumReport,
    format: Format,
    cache: string,
  ) {
    const t = reportT(report.language);
    const isCircle = "questions" in report;
    reply.header("cache-control", cache).header("x-content-type-options", "nosniff");
    if (format === "md") {
      const text = isCircle ? reportMarkdown(report, t) : forumReportMarkdown(report as ForumReport, t);
      return reply
        .header("content-type", "text/markdown; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName(report.title, "md")}"`)
        .send(text);
    }
    if (format === "docx") {
      const file = isCircle ? await reportDocx(report, t) : await forumReportDocx(report as ForumReport, t);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename="${fileName(report.title, "docx")}"`)
        .send(file);
    }
    try {
      const pdf = await reportPdf(renderPage(h(ReportDocument, { report, t })));
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `attachment; filename="${fileName(report.title, "pdf")}"`)
        .send(pdf);
    } catch (error) {
      if (!(error instanceof PdfUnavailableError)) throw error;
      reply.removeHeader("cache-control");
      return sendPage(reply, h(PdfUnavailablePage, { ctx }), 503);
    }
  }

  // ---- the organisation's staff ----
  app.get("/staff/circles/:id/report", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const id = idOf(request);
    const report = await circleReportForStaff(p, staff, id);
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(CircleReportScreen, {
        ctx,
        report,
        t: reportT(report.language),
        base: `/staff/circles/${id}/report`,
        back: `/staff/circles/${id}`,
      }),
    );
  });
  for (const format of FORMATS) {
    app.get(`/staff/circles/:id/report.${format}`, HIDDEN, async (request: IdRequest, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const report = await circleReportForStaff(p, staff, idOf(request));
      return send(reply, staffPageContext(web, request, reply, staff), report, format, "private, no-store");
    });
    app.get(`/staff/forums/:id/report.${format}`, HIDDEN, async (request: IdRequest, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const { report } = await forumReportForStaff(p, staff, idOf(request));
      return send(reply, staffPageContext(web, request, reply, staff), report, format, "private, no-store");
    });
    app.get(`/circles/reports/:id.${format}`, HIDDEN, async (request: IdRequest, reply) => {
      const report = await publicCircleReport(p, idOf(request));
      return send(reply, pageContext(web, request, reply), report, format, "public, max-age=60");
    });
  }

  app.get("/staff/forums/:id", HIDDEN, async (request: IdRequest, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "circle.facilitate");
    const data = await forumReportForStaff(p, staff, idOf(request));
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(ForumScreen, {
        ctx,
        ...data,
        canManage: can(staff.role, "circle.manage"),
        t: reportT(data.report.language),
      }),
    );
  });

  // ---- anyone, when the coordinator made the report public ----
  app.get("/circles/reports/:id", HIDDEN, async (request: IdRequest, reply) => {
    const id = idOf(request);
    const report = await publicCircleReport(p, id);
    const ctx = pageContext(web, request, reply);
    return sendPage(
      reply,
      h(CircleReportScreen, { ctx, report, t: reportT(report.language), base: `/circles/reports/${id}` }),
    );
  });
}
