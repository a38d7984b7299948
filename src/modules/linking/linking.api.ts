import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { WebContext } from "../../platform/http/pages.ts";
import { assertCan } from "../accounts/permissions.ts";
import { API_SECURITY, requireStaffApi } from "../accounts/staff-auth.ts";
import { ApiErrorSchema } from "../reports/reports.schema.ts";
import { AdRecord } from "./linking.schema.ts";
import { ingestAds } from "./linking.service.ts";

/** The most ads one request carries: a batch stays one short transaction. */
export const MAX_ADS_PER_REQUEST = 1000;

const AdsBatchSchema = z.object({
  ads: z.array(AdRecord).min(1).max(MAX_ADS_PER_REQUEST),
  regionFromCountry: z.boolean().optional(),
});

const IngestSummarySchema = z.object({
  imported: z.number().int().describe("Ads stored, reposts included"),
  reposts: z.number().int().describe("Of those, word-for-word reposts of an ad already stored"),
  alreadyStored: z.number().int().describe("Ads skipped: their id (for their site) was already stored"),
  newHubs: z.number().int().describe("Identifiers that became hubs with this batch (they stop linking)"),
});

/** Online ads in the JSON API: the batch form of `lantern ads import`. */
export function linkingApi(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/v1/ads",
    {
      schema: {
        summary: "Import a batch of online ads",
        description:
          "Stores up to 1,000 ads in one transaction, as `lantern ads import` does: ads whose id (for their site) is already stored are skipped, so a retried batch is safe; word-for-word reposts are linked to their original; the others are scored, their identifiers (phones, emails, handles, wallets, IBANs, sites) linked into clusters through the blind index. Card numbers are redacted before anything is stored. Audited as `ads.import` with counts.",
        tags: ["ads"],
        security: API_SECURITY.write,
        body: AdsBatchSchema,
        response: {
          200: IngestSummarySchema,
          400: ApiErrorSchema,
          401: ApiErrorSchema,
          403: ApiErrorSchema,
        },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      assertCan(staff, "ads.import");
      const { ads, regionFromCountry } = request.body;
      return ingestAds(p, ads, {
        importedBy: staff,
        ...(regionFromCountry === undefined ? {} : { regionFromCountry }),
      });
    },
  );
}
