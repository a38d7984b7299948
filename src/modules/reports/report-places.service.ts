import { open } from "../../platform/crypto/envelope.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./report-places.repository.ts";
import { payloadAad, type ReportPayload } from "./reports.service.ts";

/** Where a report happened, as the reporter wrote it: its country and the "town or area" answer. */
export interface ReportPlace {
  readonly country: string;
  readonly area: string;
}

/**
 * The places of the reports the viewer's organisation holds (its copies only, merged duplicates left
 * out), received since `since`: for counting on the hotspot map. Only the area answer leaves this
 * function; the caller audits the map view (it shows counts, never a report).
 */
export async function reportPlaces(
  p: Platform,
  scope: StaffScope,
  since: string | undefined,
): Promise<ReportPlace[]> {
  assertCan(scope, "links.read");
  const rows = await repo.copiesForPlaces(p.db, scope, since);
  if (rows.length === 0) return [];
  const key = await organisationKey(p, scope.organisationId);
  return rows.map((row) => {
    const payload = JSON.parse(
      open(key, row.payload, payloadAad(row.report_id, scope.organisationId)).toString("utf8"),
    ) as Partial<ReportPayload>;
    return { country: row.country_code, area: payload.area ?? "" };
  });
}

/**
 * Of the given reports, those the viewer's organisation holds a copy of, with when it received each: a
 * report may appear in another module's view (a cluster's network) only for an organisation holding it.
 */
export async function reportsHeld(
  p: Platform,
  scope: StaffScope,
  reportIds: readonly string[],
): Promise<Map<string, { receivedAt: string }>> {
  if (reportIds.length === 0) return new Map();
  const rows = await repo.heldCopies(p.db, scope, [...new Set(reportIds)]);
  return new Map(rows.map((r) => [r.report_id, { receivedAt: r.received_at }]));
}
