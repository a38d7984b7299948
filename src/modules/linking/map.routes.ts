import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { hotspots, MAP_ITEMS, MAP_PERIODS } from "./map.service.ts";
import { MapPage } from "./views/map-page.tsx";
import { worldMap } from "./world-map.ts";

// A filter the page does not offer falls back to the default rather than failing: the form only offers these.
const MapQuery = z.object({
  items: z.enum(MAP_ITEMS).catch("both").default("both"),
  period: z.enum(MAP_PERIODS).catch("365").default("365"),
});

/** The hotspot map of reports and ads, for everyone with `links.read`. */
export function mapRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const world = worldMap();
  app.get("/staff/map", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const spots = await hotspots(p, staff, MapQuery.parse(request.query ?? {}));
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(reply, h(MapPage, { ctx, spots, world }));
  });
}
