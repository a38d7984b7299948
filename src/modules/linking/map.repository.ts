import type { Executor } from "../../platform/db/database.ts";

/**
 * Ads by country and city as imported (free text), reposts left out (the same ad again), posted (or, when
 * the file gave no date, imported) since `since`. Ads are public web content: shared by the deployment.
 */
export async function adPlaceCounts(
  db: Executor,
  since: string | undefined,
): Promise<{ country: string | null; city: string | null; n: number }[]> {
  let query = db
    .selectFrom("ads")
    .select((eb) => ["country", "city", eb.fn.countAll<number | string>().as("n")])
    .where("repost_of", "is", null);
  if (since) query = query.where((eb) => eb(eb.fn.coalesce("posted_at", "created_at"), ">=", since));
  const rows = await query.groupBy(["country", "city"]).execute();
  return rows.map((r) => ({ country: r.country, city: r.city, n: Number(r.n) }));
}
