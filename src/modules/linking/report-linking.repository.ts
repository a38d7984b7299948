import { type Insertable, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { IdentifiersTable } from "../../platform/db/schema.ts";
import type { StaffScope } from "../../platform/platform.ts";

export {
  clusterSizes,
  identifiersByBlindIndex,
  relabelCluster,
  saveClusterSizes,
} from "./linking.repository.ts";

/** Reports not linked yet, oldest first. */
export async function unlinkedReportIds(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("reports")
    .leftJoin("report_links", "report_links.report_id", "reports.id")
    .select("reports.id")
    .where("report_links.report_id", "is", null)
    .orderBy("reports.id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function countIdentifier(
  db: Executor,
  id: string,
  itemCount: number,
  clusterId: string | null,
): Promise<void> {
  await db
    .updateTable("identifiers")
    .set({ item_count: itemCount, cluster_id: clusterId })
    .where("id", "=", id)
    .execute();
}

export async function insertIdentifier(db: Executor, row: Insertable<IdentifiersTable>): Promise<void> {
  await db.insertInto("identifiers").values(row).execute();
}

export async function insertObservation(db: Executor, identifierId: string, reportId: string, at: string) {
  await db
    .insertInto("observations")
    .values({
      identifier_id: identifierId,
      item_type: "report",
      item_id: reportId,
      first_seen: at,
      last_seen: at,
    })
    .execute();
}

export async function insertReportLink(db: Executor, reportId: string, clusterId: string, at: string) {
  await db
    .insertInto("report_links")
    .values({ report_id: reportId, cluster_id: clusterId, linked_at: at })
    .execute();
}

export function reportLink(db: Executor, reportId: string) {
  return db.selectFrom("report_links").selectAll().where("report_id", "=", reportId).executeTakeFirst();
}

/** Links whose report is no longer stored (purged). */
export function linksOfPurgedReports(db: Executor, limit: number) {
  return db
    .selectFrom("report_links")
    .leftJoin("reports", "reports.id", "report_links.report_id")
    .select(["report_links.report_id", "report_links.cluster_id"])
    .where("reports.id", "is", null)
    .limit(limit)
    .execute();
}

/** Removes a report's observations and link; identifiers seen nowhere else go too. */
export async function removeReportFromGraph(db: Executor, reportId: string): Promise<void> {
  const seen = db
    .selectFrom("observations")
    .select("identifier_id")
    .where("item_type", "=", "report")
    .where("item_id", "=", reportId);
  await db
    .updateTable("identifiers")
    .set({ item_count: sql`item_count - 1` })
    .where("id", "in", seen)
    .execute();
  await db
    .deleteFrom("observations")
    .where("item_type", "=", "report")
    .where("item_id", "=", reportId)
    .execute();
  await db.deleteFrom("identifiers").where("item_count", "<=", 0).execute();
  await db.deleteFrom("report_links").where("report_id", "=", reportId).execute();
}

/** Items (ads and linked reports) in a cluster. */
export async function clusterItemCount(db: Executor, clusterId: string): Promise<number> {
  return (
    (await adsInCluster(db, clusterId)) +
    Number(
      (
        await db
          .selectFrom("report_links")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("cluster_id", "=", clusterId)
          .executeTakeFirst()
      )?.n ?? 0,
    )
  );
}

export async function deleteCluster(db: Executor, clusterId: string): Promise<void> {
  await db.deleteFrom("clusters").where("id", "=", clusterId).execute();
}

export async function adsInCluster(db: Executor, clusterId: string): Promise<number> {
  const row = await db
    .selectFrom("ads")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("cluster_id", "=", clusterId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Reports in the cluster that the scope's organisation holds a copy of, other than the given one. */
export async function visibleReportsInCluster(
  db: Executor,
  scope: StaffScope,
  clusterId: string,
  except: string,
): Promise<number> {
  const row = await db
    .selectFrom("report_links")
    .innerJoin("report_copies", "report_copies.report_id", "report_links.report_id")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("report_links.cluster_id", "=", clusterId)
    .where("report_copies.organisation_id", "=", scope.organisationId)
    .where("report_links.report_id", "<>", except)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The reports of a cluster that the scope's organisation holds a copy of, newest first. */
export function heldReportsInCluster(db: Executor, scope: StaffScope, clusterId: string, limit: number) {
  return db
    .selectFrom("report_links")
    .innerJoin("report_copies", "report_copies.report_id", "report_links.report_id")
    .select(["report_links.report_id", "report_copies.received_at"])
    .where("report_links.cluster_id", "=", clusterId)
    .where("report_copies.organisation_id", "=", scope.organisationId)
    .orderBy("report_copies.received_at", "desc")
    .limit(limit)
    .execute();
}
