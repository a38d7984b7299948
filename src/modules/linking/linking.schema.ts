import { z } from "zod";

const field = (max: number) =>
  z
    .union([z.string().max(max), z.number(), z.null()])
    .optional()
    .transform((v) => (v == null ? null : String(v)));

/** One ad of an import file (JSONL object or CSV row): `id` required, every other field optional. */
export const AdRecord = z.object({
  id: z.union([z.string().trim().min(1).max(200), z.number()]).transform(String),
  url: field(2_000),
  site: field(200),
  posted_at: field(40),
  title: field(2_000),
  text: field(100_000),
  city: field(200),
  country: field(60),
});
export type AdRecord = z.infer<typeof AdRecord>;

/** A short reason a record was refused, naming the fields (never their content). */
export function recordProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).join("; ");
}
