import { z } from "zod";

export const ClusterIdParams = z.object({
  id: z.string().min(1).max(64).describe("A cluster id"),
});

const NodeSchema = z.object({
  id: z.string().describe("`ad:<id>`, `report:<id>` or `identifier:<id>`"),
  kind: z.enum(["ad", "report", "identifier"]),
  type: z
    .string()
    .describe("`ad`, `report`, or the identifier's type (phone, email, handle, url, iban, bitcoin...)"),
  label: z.string().describe("An ad's title, an identifier's value (decrypted); empty for a report"),
  reportId: z.string().optional().describe("A report's id (only reports your organisation holds appear)"),
  receivedAt: z.string().optional().describe("When your organisation received the report"),
  site: z.string().optional(),
  postedAt: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  score: z.number().optional().describe("An ad's indicator score, 0-100"),
  repost: z.boolean().optional().describe("A word-for-word repost of another ad"),
  hub: z.boolean().optional().describe("A number printed by unrelated operators: it no longer links"),
  itemCount: z.number().int().optional().describe("Items an identifier was seen on (all clusters)"),
  degree: z.number().int().describe("Edges of this node in the graph returned"),
  community: z.number().int().describe("Community (Louvain) the node belongs to, 0 the largest"),
  x: z.number(),
  y: z.number(),
});

export const ClusterGraphSchema = z.object({
  clusterId: z.string(),
  totalAds: z.number().int().describe("Ads in the cluster"),
  reports: z
    .number()
    .int()
    .describe("Reports your organisation holds that share an identifier with these ads"),
  truncated: z.boolean().describe("The graph holds only the newest ads, to stay under the node cap"),
  nodes: z.array(NodeSchema),
  edges: z.array(z.object({ source: z.string(), target: z.string() })),
  communities: z
    .array(z.object({ id: z.number().int(), size: z.number().int() }))
    .describe("Communities by size, largest first (one when the graph is small)"),
});
export type ClusterGraph = z.infer<typeof ClusterGraphSchema>;
export type GraphNode = ClusterGraph["nodes"][number];
