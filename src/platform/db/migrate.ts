import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely";
import * as foundation from "./migrations/20261128T1300-foundation.ts";
import * as auditLog from "./migrations/20261128T1500-audit-log.ts";
import * as loginThrottle from "./migrations/20261128T1530-login-throttle.ts";
import * as triage from "./migrations/20261128T1600-triage.ts";
import * as accounts from "./migrations/20261128T1610-accounts.ts";
import * as inboxAndJobs from "./migrations/20261128T1620-inbox-and-jobs.ts";
import * as linking from "./migrations/20261128T1800-linking.ts";
import * as analyst from "./migrations/20261128T1900-analyst.ts";
import * as reportLinks from "./migrations/20261128T1920-report-links.ts";
import * as library from "./migrations/20261128T2000-library.ts";
import * as libraryWorkflow from "./migrations/20261128T2100-library-workflow.ts";
import * as circles from "./migrations/20261128T2200-circles.ts";
import type { Database } from "./schema.ts";

// Listed statically so migrations work the same from source (tsx) and in a bundle; names sort by time.
const MIGRATIONS: Record<string, Migration> = {
  "20261128T1300-foundation": foundation,
  "20261128T1500-audit-log": auditLog,
  "20261128T1530-login-throttle": loginThrottle,
  "20261128T1600-triage": triage,
  "20261128T1610-accounts": accounts,
  "20261128T1620-inbox-and-jobs": inboxAndJobs,
  "20261128T1800-linking": linking,
  "20261128T1900-analyst": analyst,
  "20261128T1920-report-links": reportLinks,
  "20261128T2000-library": library,
  "20261128T2100-library-workflow": libraryWorkflow,
  "20261128T2200-circles": circles,
};

/** Brings the schema up to date and returns Kysely's result set (the caller decides how to report it). */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: "lantern_migrations",
    migrationLockTableName: "lantern_migrations_lock",
  });
  return migrator.migrateToLatest();
}

/** Migrates and throws if any step failed: for start-up and tests. */
export async function migrateOrThrow(db: Kysely<Database>): Promise<void> {
  const { error, results } = await migrateToLatest(db);
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
