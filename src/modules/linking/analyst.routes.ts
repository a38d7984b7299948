import type { FastifyInstance, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { MessageKey } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import { assertCan, can } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { ClusterQuerySchema, LinkId, type RankedAdsQuery, RankedAdsQuerySchema } from "./analyst.schema.ts";
import { adDetail, clusterIndex, rankedAds } from "./analyst.service.ts";
import { clusterFacts } from "./cluster-facts.service.ts";
import { exportLead, leadFile } from "./lead-export.service.ts";
import { heldReportsOf } from "./report-linking.service.ts";
import { AdPage } from "./views/ad-page.tsx";
import { ClusterPage } from "./views/cluster-page.tsx";
import { ClustersIndexPage } from "./views/clusters-index.tsx";
import { LeadPage } from "./views/lead-page.tsx";
import { RankedAdsPage } from "./views/ranked-ads.tsx";

const HIDDEN = { schema: { hide: true } } as const;

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  country: "analyst.ads.country",
  city: "analyst.ads.city",
  site: "analyst.ads.site",
  minScore: "analyst.ads.minScore",
  from: "analyst.ads.from",
  to: "analyst.ads.to",
  cursor: "analyst.pages",
};

/** A GET form sends empty fields for "any": they mean no filter. */
function fromForm(query: unknown): Record<string, unknown> {
  if (typeof query !== "object" || query === null) return {};
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ""));
}

/** The id in the path, checked for shape: anything else is a page that does not exist. */
function idOf(request: FastifyRequest<{ Params: { id: string } }>, notFound: string): string {
  const id = LinkId.safeParse(request.params.id);
  if (!id.success) throw new AppError(notFound, 404, "Not found");
  return id.data;
}

/** The analyst console: ranked ads, an ad, clusters and a cluster, and the lead export. */
export function analystRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/staff/ads", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "links.read");
    const ctx = staffPageContext(web, request, reply, staff);
    const raw = fromForm(request.query);
    const parsed = RankedAdsQuerySchema.safeParse(raw);
    const errors: FieldError[] = [];
    let query: RankedAdsQuery = {};
    if (parsed.success) query = parsed.data;
    else {
      // Name each value that was not understood, and keep the filters that were.
      for (const issue of parsed.error.issues) {
        const fields = issue.code === "unrecognized_keys" ? issue.keys : [String(issue.path[0] ?? "")];
        for (const field of fields) {
          if (errors.some((e) => e.field === field)) continue;
          const label = FIELD_LABELS[field];
          errors.push({ field, message: ctx.t("analyst.invalid", { field: label ? ctx.t(label) : field }) });
        }
      }
      const kept = RankedAdsQuerySchema.safeParse(
        Object.fromEntries(Object.entries(raw).filter(([k]) => !errors.some((e) => e.field === k))),
      );
      query = kept.success ? kept.data : {};
    }
    let result: Awaited<ReturnType<typeof rankedAds>>;
    try {
      result = await rankedAds(p, staff, query);
    } catch (error) {
      if (!(error instanceof AppError && error.id === "invalid_cursor")) throw error;
      errors.push({ field: "cursor", message: ctx.t("analyst.invalidCursor") });
      query = { ...query, cursor: undefined };
      result = await rankedAds(p, staff, query);
    }
    return sendPage(reply, h(RankedAdsPage, { ctx, query, result, errors }), errors.length > 0 ? 400 : 200);
  });

  app.get<{ Params: { id: string } }>("/staff/ads/:id", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "links.read");
    const detail = await adDetail(p, staff, idOf(request, "ad_not_found"));
    return sendPage(reply, h(AdPage, { ctx: staffPageContext(web, request, reply, staff), detail }));
  });

  app.get("/staff/clusters", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const clusters = await clusterIndex(p, staff);
    return sendPage(
      reply,
      h(ClustersIndexPage, { ctx: staffPageContext(web, request, reply, staff), clusters }),
    );
  });

  app.get<{ Params: { id: string } }>("/staff/clusters/:id", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "links.read");
    const id = idOf(request, "cluster_not_found");
    const query = ClusterQuerySchema.safeParse(request.query);
    const facts = await clusterFacts(p, staff, id, query.success ? (query.data.items ?? 0) : 0);
    return sendPage(
      reply,
      h(ClusterPage, {
        ctx: staffPageContext(web, request, reply, staff),
        facts,
        canExport: can(staff.role, "links.export"),
        reports: await heldReportsOf(p, staff, id),
        canOpenReports: can(staff.role, "report.read"),
      }),
    );
  });

  // A lead is an audited export: a POST from the cluster page (CSRF-checked), never a link to follow.
  app.post<{ Params: { id: string } }>("/staff/clusters/:id/lead", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "links.export");
    const lead = await exportLead(p, staff, idOf(request, "cluster_not_found"));
    reply.header("cache-control", "no-store");
    return sendPage(reply, h(LeadPage, { ctx: staffPageContext(web, request, reply, staff), lead }));
  });

  app.post<{ Params: { id: string } }>("/staff/clusters/:id/lead.json", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "links.export");
    const id = idOf(request, "cluster_not_found");
    const lead = await exportLead(p, staff, id);
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", `attachment; filename="lead-${id}.json"`)
      .type("application/json; charset=utf-8")
      .send(leadFile(lead));
  });
}
