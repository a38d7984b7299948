import type { Executor } from "../../platform/db/database.ts";
import type { StaffScope } from "../../platform/platform.ts";

/** This organisation's copies received since `since` (all when undefined), duplicates merged away left out. */
export function copiesForPlaces(
  db: Executor,
  scope: StaffScope,
  since: string | undefined,
): Promise<{ report_id: string; country_code: string; payload: string }[]> {
  let query = db
    .selectFrom("report_copies")
    .select(["report_id", "country_code", "payload"])
    .where("organisation_id", "=", scope.organisationId)
    .where("merged_into", "is", null);
  if (since) query = query.where("received_at", ">=", since);
  return query.execute();
}

/** Which of the given reports this organisation holds a copy of, with when it received each. */
export async function heldCopies(
  db: Executor,
  scope: StaffScope,
  reportIds: readonly string[],
): Promise<{ report_id: string; received_at: string }[]> {
  const rows: { report_id: string; received_at: string }[] = [];
  for (let i = 0; i < reportIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom("report_copies")
        .select(["report_id", "received_at"])
        .where("organisation_id", "=", scope.organisationId)
        .where("report_id", "in", reportIds.slice(i, i + 500))
        .execute()),
    );
  }
  return rows;
}
