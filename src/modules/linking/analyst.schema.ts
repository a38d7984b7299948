import { z } from "zod";

/** An ad's or a cluster's id (ids are time-ordered hex). */
export const LinkId = z.string().regex(/^[0-9a-f]{28,40}$/, { message: "invalid_id" });

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "invalid_date" });

/** The ranked ads' filters and page cursor: the console page's GET form. */
export const RankedAdsQuerySchema = z
  .object({
    country: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2}$/)
      .transform((v) => v.toUpperCase())
      .optional(),
    city: z.string().trim().min(1).max(100).optional(),
    site: z.string().trim().min(1).max(200).optional(),
    minScore: z.coerce.number().int().min(0).max(100).optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z.string().max(200).optional(),
    lang: z.string().max(5).optional(),
  })
  .strict();
export type RankedAdsQuery = z.infer<typeof RankedAdsQuerySchema>;

/** The cluster page's items page. */
export const ClusterQuerySchema = z.object({
  items: z.coerce.number().int().min(0).max(1_000_000).optional(),
  lang: z.string().max(5).optional(),
});

/** `GET /api/v1/ads/:id/cluster`: the imported id, or Lantern's own. */
export const AdLookupParams = z.object({
  id: z.string().trim().min(1).max(200).describe("The ad's id in the imported file (or Lantern's ad id)"),
});
export const AdLookupQuery = z.object({
  site: z.string().max(200).optional().describe("The ad's site, when the same id was imported from several"),
  after: z.string().max(40).optional().describe("The `next` of the previous page"),
});

export const ClusterOfAdSchema = z.object({
  clusterId: z.string(),
  size: z.number().int().describe("Items in the cluster"),
  itemIds: z.array(z.string()).describe("The imported ids of the cluster's ads: one page of at most 1,000"),
  next: z.string().nullable().describe("Pass as `after` for the next page of item ids; null on the last"),
});

export const ClusterParams = z.object({ id: z.string().min(1).max(100).describe("The cluster's id") });
export const ClusterApiQuery = z.object({
  items: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe("Offset of the items page (50 a page)"),
});
