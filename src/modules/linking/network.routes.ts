import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { h } from "preact";
import { z } from "zod";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import { can } from "../accounts/permissions.ts";
import { API_SECURITY, requireStaffApi, requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { ApiErrorSchema } from "../reports/reports.schema.ts";
import { ClusterGraphSchema, ClusterIdParams } from "./network.schema.ts";
import { clusterGraph } from "./network.service.ts";
import { NetworkPage } from "./views/network-page.tsx";

const PageQuery = z.object({
  community: z.coerce.number().int().min(0).max(10_000).catch(0).default(0),
});

/** The network of a cluster: JSON for the island and the API, and the console page. */
export function networkRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/clusters/:id/graph",
    {
      schema: {
        summary: "The network graph of a cluster",
        description:
          "The cluster's ads, the identifiers seen on them (values decrypted, hubs marked) and the reports your organisation holds that carry those identifiers (never another organisation's), an edge per observation, with a server-computed layout. At most 2,000 nodes (the newest ads first, `truncated` says so); graphs over 150 nodes are split into Louvain communities (seeded, so stable), largest first. Needs `links.read`; audited as `links.graph`.",
        tags: ["clusters"],
        security: API_SECURITY.read,
        params: ClusterIdParams,
        response: {
          200: ClusterGraphSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return clusterGraph(p, staff, request.params.id);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/staff/clusters/:id/network",
    { schema: { hide: true } },
    async (request, reply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      const graph = await clusterGraph(p, staff, request.params.id.slice(0, 64));
      const { community } = PageQuery.parse(request.query);
      const ctx = staffPageContext(web, request, reply, staff);
      return sendPage(
        reply,
        h(NetworkPage, {
          ctx,
          graph,
          community: community < graph.communities.length ? community : 0,
          canOpenReports: can(staff.role, "report.read"),
        }),
      );
    },
  );
}
