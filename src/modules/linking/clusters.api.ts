import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { WebContext } from "../../platform/http/pages.ts";
import { API_SECURITY, requireStaffApi } from "../accounts/staff-auth.ts";
import { ApiErrorSchema } from "../reports/reports.schema.ts";
import {
  AdLookupParams,
  AdLookupQuery,
  ClusterApiQuery,
  ClusterOfAdSchema,
  ClusterParams,
} from "./analyst.schema.ts";
import { clusterOfAd } from "./analyst.service.ts";
import { type ClusterFacts, clusterFacts } from "./cluster-facts.service.ts";

const time = z.string().nullable();
const Indicator = z.object({
  ruleId: z.string(),
  description: z.string(),
  tier: z.enum(["empirical", "folk", "financial"]),
  weight: z.number().int(),
  items: z.number().int().describe("Items of the cluster that matched the rule"),
});

const ClusterFactsSchema = z.object({
  id: z.string(),
  size: z.number().int().describe("Items in the cluster"),
  counted: z.number().int().describe("Items the facts were computed over: the newest 5,000"),
  firstSeen: time,
  lastSeen: time,
  countries: z.array(z.string()),
  cities: z.array(z.string()),
  timeline: z.object({
    unit: z.enum(["week", "month"]),
    buckets: z.array(z.object({ start: z.string(), count: z.number().int() })),
  }),
  places: z
    .array(
      z.object({
        city: z.string().nullable(),
        country: z.string().nullable(),
        firstSeen: z.string(),
        lastSeen: z.string(),
        items: z.number().int(),
      }),
    )
    .describe("Places in the order they first appeared (movement)"),
  identifiers: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      value: z.string(),
      items: z.number().int(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      change: z
        .enum(["added", "dropped", "added-dropped"])
        .nullable()
        .describe(
          "Dropped: not seen in the last 25% of the cluster's time span; added: first seen after its first 25%",
        ),
      hub: z.boolean().describe("Shared by unrelated ads: it does not link"),
      payment: z.boolean(),
    }),
  ),
  sampled: z.number().int().describe("Ads whose text was read for names and ages (the newest 200 originals)"),
  people: z
    .array(z.object({ phone: z.string(), names: z.array(z.string()), ages: z.array(z.number().int()) }))
    .describe("Distinct names (approximate: 'I am X', 'me llamo X'...) and stated ages per phone"),
  topIndicators: z.array(Indicator),
  money: z.object({
    identifiers: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        value: z.string(),
        itemCount: z.number().int(),
        items: z.array(z.object({ id: z.string(), sourceId: z.string() })).describe("At most 20"),
      }),
    ),
    redFlags: z.array(Indicator.extend({ examples: z.array(z.string()) })),
  }),
  items: z.object({
    offset: z.number().int(),
    rows: z.array(
      z.object({
        id: z.string(),
        sourceId: z.string(),
        site: z.string(),
        url: z.string().nullable(),
        title: z.string(),
        postedAt: time,
        city: z.string().nullable(),
        country: z.string().nullable(),
        score: z.number().int(),
        repostOf: z.string().nullable(),
      }),
    ),
    next: z.number().int().nullable().describe("Pass as `items` for the next page; null on the last"),
  }),
});

/** The presenter: the facts as the API documents them (a copy, so nothing undeclared leaks). */
function presentFacts(facts: ClusterFacts): z.infer<typeof ClusterFactsSchema> {
  return ClusterFactsSchema.parse(JSON.parse(JSON.stringify(facts)));
}

/** The identifier graph in the JSON API: an ad's cluster and a cluster's facts. */
export function clustersApi(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/ads/:id/cluster",
    {
      schema: {
        summary: "The cluster of an ad",
        description:
          "The cluster of an ad given by the id it had in the imported file (add `site` when that id was imported from several sites: otherwise 409 `ambiguous_ad_id`) or by Lantern's own ad id, with the imported ids of the cluster's ads, 1,000 a page (pass `next` as `after`). Needs `links.read`; audited as `links.read` on the cluster.",
        tags: ["ads"],
        security: API_SECURITY.read,
        params: AdLookupParams,
        querystring: AdLookupQuery,
        response: {
          200: ClusterOfAdSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
          409: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      const { site, after } = request.query;
      const found = await clusterOfAd(p, staff, request.params.id, {
        ...(site === undefined ? {} : { site }),
        ...(after === undefined ? {} : { after }),
      });
      return { ...found, itemIds: [...found.itemIds] };
    },
  );

  api.get(
    "/api/v1/clusters/:id",
    {
      schema: {
        summary: "A cluster's facts",
        description:
          "What the cluster page shows: summary, items per week, places in order of first appearance, identifiers (values opened) with added/dropped, names and ages per phone, top indicators, payment identifiers and financial red flags, and one page of 50 items (newest first; `items` is the offset). Facts count the newest 5,000 items. Ads only: reports are never returned here. Needs `links.read`; audited as `links.read` on the cluster.",
        tags: ["ads"],
        security: API_SECURITY.read,
        params: ClusterParams,
        querystring: ClusterApiQuery,
        response: {
          200: ClusterFactsSchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
          404: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return presentFacts(await clusterFacts(p, staff, request.params.id, request.query.items ?? 0));
    },
  );
}
