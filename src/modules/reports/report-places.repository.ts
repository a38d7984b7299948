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
