import { appendAudit } from "../../platform/audit/audit.ts";
import type { JobDefinition } from "../../platform/jobs/job-runner.ts";
import type { Platform } from "../../platform/platform.ts";
import { retentionPolicies } from "../accounts/organisation-settings.service.ts";
import * as repo from "./report-retention.repository.ts";

const BATCH = 200;

export interface PurgeTotals {
  copies: number;
  messages: number;
  events: number;
  reports: number;
}

/**
 * Purges every organisation's copies closed longer ago than its retention period (an organisation
 * setting, 30 to 3650 days), in batches of 200, each
 * batch in one transaction with its audit entry (`report.purge` by `system`, counts only). When no copy of
 * a report remains, the report goes too, so its receipt code stops working.
 */
export async function purgeExpiredReports(p: Platform, at: Date = new Date()): Promise<PurgeTotals> {
  const totals: PurgeTotals = { copies: 0, messages: 0, events: 0, reports: 0 };
  for (const policy of await retentionPolicies(p)) {
    if (!(policy.retentionDays > 0)) continue;
    const cutoff = new Date(at.getTime() - policy.retentionDays * 86_400_000).toISOString();
    for (;;) {
      const purged = await p.db.transaction().execute(async (trx) => {
        const ids = await repo.expiredCopies(trx, policy.organisationId, cutoff, BATCH);
        const counts = await repo.purgeCopies(trx, policy.organisationId, ids);
        if (counts.copies > 0) {
          await appendAudit(
            p,
            {
              actor: "system",
              organisationId: policy.organisationId,
              action: "report.purge",
              detail: { ...counts, retentionDays: policy.retentionDays },
            },
            trx,
          );
        }
        return counts;
      });
      totals.copies += purged.copies;
      totals.messages += purged.messages;
      totals.events += purged.events;
      totals.reports += purged.reports;
      if (purged.copies < BATCH) break;
    }
  }
  return totals;
}

/** The retention purge as a background job: daily. */
export const retentionJob: JobDefinition = {
  name: "report-retention",
  intervalSeconds: 24 * 3600,
  leaseSeconds: 30 * 60,
  run: (p, at) => purgeExpiredReports(p, at).then((t) => ({ ...t })),
};
