import { seal } from "../../platform/crypto/envelope.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { JobDefinition } from "../../platform/jobs/job-runner.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { reportTextsForLinking } from "../reports/reports.service.ts";
import { extractSignals } from "../signals/signals.ts";
import { dueForHubCheck } from "./hubs.ts";
import { blindIndex, linkKeys } from "./link-keys.ts";
import { graphKeys } from "./linking.service.ts";
import * as repo from "./report-linking.repository.ts";
import { detectHubs, splitCluster } from "./resplit.service.ts";

/** Reports linked per transaction by the job. */
const BATCH = 100;

/**
 * Links one report into the identifier graph in the caller's transaction: the phones, emails, handles,
 * sites and payment identifiers its online places, place and narrative name (never the reporter's own
 * contact) join it to the clusters that carry them, which merge.
 */
async function linkReport(
  p: Platform,
  trx: Executor,
  report: { reportId: string; country: string; text: string },
  keys: { blind: Buffer; seal: Buffer },
  at: string,
): Promise<{ identifiers: number; hubs: number }> {
  const found = extractSignals(report.text, { region: report.country });
  const links = linkKeys(found.identifiers).map((link) => ({ link, blind: blindIndex(keys.blind, link) }));
  const stored = new Map(
    (
      await repo.identifiersByBlindIndex(
        trx,
        links.map((l) => l.blind),
      )
    ).map((r) => [r.blind_index, r]),
  );
  // The clusters it joins: the largest keeps its id and takes in the others.
  const joined = [
    ...new Set(
      [...stored.values()].filter((r) => !r.is_hub && r.cluster_id).map((r) => r.cluster_id as string),
    ),
  ];
  const sizes = await repo.clusterSizes(trx, joined);
  // A new cluster gets an id of its own (never the report's id, which is not for other organisations).
  const target = joined.sort((a, b) => (sizes.get(b) ?? 0) - (sizes.get(a) ?? 0))[0] ?? newId();
  // Its size counts ads only: a report adds nothing others could count.
  let size = 0;
  for (const cluster of joined) {
    size += sizes.get(cluster) ?? 0;
    if (cluster !== target) await repo.relabelCluster(trx, cluster, target);
  }
  const candidates: { id: string; cluster: string | null }[] = [];
  for (const { link, blind } of links) {
    const row = stored.get(blind);
    if (row) {
      const count = Number(row.item_count) + 1;
      await repo.countIdentifier(trx, row.id, count, row.is_hub ? row.cluster_id : target);
      if (!row.is_hub && dueForHubCheck(count - 1, count, p.config.hubLimit))
        candidates.push({ id: row.id, cluster: target });
      await repo.insertObservation(trx, row.id, report.reportId, at);
    } else {
      const id = newId();
      await repo.insertIdentifier(trx, {
        id,
        type: link.type,
        blind_index: blind,
        display_sealed: seal(keys.seal, link.value, id),
        item_count: 1,
        unrelated_count: 0,
        is_hub: 0,
        cluster_id: target,
      });
      await repo.insertObservation(trx, id, report.reportId, at);
    }
  }
  await repo.insertReportLink(trx, report.reportId, target, at);
  await repo.saveClusterSizes(trx, new Map([[target, size]]), at);
  const hubs = await detectHubs(trx, candidates, p.config.hubLimit, at);
  return { identifiers: links.length, hubs };
}

/**
 * Takes out of the graph the reports no longer stored (purged at the end of their retention): their
 * observations, their link and their count in each identifier; the cluster they were in is split again
 * in case they were what held it together.
 */
async function unlinkPurged(p: Platform, at: string): Promise<number> {
  const gone = await repo.linksOfPurgedReports(p.db, BATCH);
  for (const link of gone) {
    await p.db.transaction().execute(async (trx) => {
      await repo.removeReportFromGraph(trx, link.report_id);
      if ((await repo.clusterItemCount(trx, link.cluster_id)) === 0)
        await repo.deleteCluster(trx, link.cluster_id);
      else await splitCluster(trx, link.cluster_id, at);
    });
  }
  return gone.length;
}

/** Links the reports not linked yet (oldest first), one transaction per batch; removes purged ones. */
export async function linkPendingReports(
  p: Platform,
  limit = 1000,
): Promise<{ linked: number; identifiers: number; hubs: number; unlinked: number; unreadable: number }> {
  const keys = graphKeys(p);
  const totals = { linked: 0, identifiers: 0, hubs: 0, unlinked: 0, unreadable: 0 };
  while (totals.linked < limit) {
    const ids = await repo.unlinkedReportIds(p.db, Math.min(BATCH, limit - totals.linked));
    if (ids.length === 0) break;
    const texts = await reportTextsForLinking(p, ids);
    const at = now();
    await p.db.transaction().execute(async (trx) => {
      for (const report of texts) {
        if (report.unreadable) totals.unreadable++;
        const r = await linkReport(p, trx, report, keys, at);
        totals.identifiers += r.identifiers;
        totals.hubs += r.hubs;
      }
    });
    totals.linked += texts.length;
    if (texts.length < ids.length) break; // reports without a copy (being purged): next time
  }
  totals.unlinked = await unlinkPurged(p, now());
  return totals;
}

/** The background job: new reports join the graph within a minute. */
export const reportLinkingJob: JobDefinition = {
  name: "report-linking",
  intervalSeconds: 60,
  run: (p) => linkPendingReports(p),
};

export interface ReportCluster {
  readonly clusterId: string;
  /** Ads in the cluster (public web content). */
  readonly ads: number;
  /** Other reports in the cluster that this organisation holds a copy of. */
  readonly reports: number;
}

/**
 * The cluster a report joined, for the report page: only when it links to something this organisation
 * may see (ads, or its own other reports). Reports of other organisations are never counted or named.
 */
export async function clustersOfReport(
  p: Platform,
  scope: StaffScope,
  reportId: string,
): Promise<ReportCluster[]> {
  assertCan(scope, "links.read");
  const link = await repo.reportLink(p.db, reportId);
  if (!link) return [];
  const [ads, reports] = await Promise.all([
    repo.adsInCluster(p.db, link.cluster_id),
    repo.visibleReportsInCluster(p.db, scope, link.cluster_id, reportId),
  ]);
  return ads + reports > 0 ? [{ clusterId: link.cluster_id, ads, reports }] : [];
}

/** The reports of a cluster that the staff member's organisation holds (for the cluster page). */
export async function heldReportsOf(
  p: Platform,
  scope: StaffScope,
  clusterId: string,
): Promise<{ reportId: string; receivedAt: string }[]> {
  assertCan(scope, "links.read");
  const rows = await repo.heldReportsInCluster(p.db, scope, clusterId, 200);
  return rows.map((r) => ({ reportId: r.report_id, receivedAt: r.received_at }));
}
