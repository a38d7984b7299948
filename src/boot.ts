import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { DestinationStream } from "pino";
import { accountRoutes } from "./modules/accounts/account.routes.ts";
import { accountsApi } from "./modules/accounts/accounts.api.ts";
import { accountsRoutes } from "./modules/accounts/accounts.routes.ts";
import { ensureDefaultOrganisation, isDemoDeployment } from "./modules/accounts/accounts.service.ts";
import { adminRoutes } from "./modules/accounts/admin.routes.ts";
import { auditLogRoutes } from "./modules/accounts/audit-log.routes.ts";
import { invitationRoutes } from "./modules/accounts/invitations.routes.ts";
import { tokenScopeCheck } from "./modules/accounts/staff-auth.ts";
import { circleReportRoutes } from "./modules/circles/circle-reports.routes.ts";
import { circlesRoutes } from "./modules/circles/circles.routes.ts";
import { participationRoutes } from "./modules/circles/participation.routes.ts";
import { loadCountryDirectory } from "./modules/countries/countries.service.ts";
import { glossaryRoutes } from "./modules/library/glossary.routes.ts";
import { learnRoutes } from "./modules/library/learn.routes.ts";
import { libraryEditorialRoutes } from "./modules/library/library-editorial.routes.ts";
import { screenerRoutes } from "./modules/library/screener.routes.ts";
import { analystRoutes } from "./modules/linking/analyst.routes.ts";
import { clustersApi } from "./modules/linking/clusters.api.ts";
import { linkingApi } from "./modules/linking/linking.api.ts";
import { mapRoutes } from "./modules/linking/map.routes.ts";
import { networkRoutes } from "./modules/linking/network.routes.ts";
import { reportLinkingJob } from "./modules/linking/report-linking.service.ts";
import { reportInboxRoutes } from "./modules/reports/report-inbox.routes.ts";
import { reportIntakeRoutes } from "./modules/reports/report-intake.routes.ts";
import { retentionJob } from "./modules/reports/report-retention.service.ts";
import { reportSharingRoutes } from "./modules/reports/report-sharing.routes.ts";
import { reportTriageRoutes } from "./modules/reports/report-triage.routes.ts";
import { reportWorkflowApi } from "./modules/reports/report-workflow.api.ts";
import { reportsApi } from "./modules/reports/reports.api.ts";
import { reportsRoutes } from "./modules/reports/reports.routes.ts";
import type { Config } from "./platform/config.ts";
import { KeyRing, loadMasterKey } from "./platform/crypto/envelope.ts";
import { openDatabase } from "./platform/db/database.ts";
import { migrateOrThrow } from "./platform/db/migrate.ts";
import { buildApp } from "./platform/http/app.ts";
import type { JobDefinition } from "./platform/jobs/job-runner.ts";
import { createLogger } from "./platform/logger.ts";
import type { Platform } from "./platform/platform.ts";

/** The repository's shipped data folder (open data with its licences), whatever the working directory. */
export const SHIPPED_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../data");

export interface Booted {
  readonly platform: Platform;
  close(): Promise<void>;
}

/** Opens the database, loads keys and shipped data: everything a command or the server needs. */
export function bootPlatform(config: Config, logDestination?: DestinationStream): Booted {
  const log = createLogger(config.logLevel, logDestination);
  const database = openDatabase(config.databaseUrl);
  const keys = new KeyRing(loadMasterKey(config.masterKey, config.dataDir));
  const platform: Platform = {
    config,
    db: database.db,
    dialect: database.adapter,
    keys,
    log,
    countries: loadCountryDirectory(path.join(SHIPPED_DATA, "emergency-numbers.csv")),
    receiptSalt: keys.derive("receipt-salt", 16),
    auditKey: keys.derive("audit-chain"),
  };
  return { platform, close: () => database.close() };
}

/** Migrates, makes sure a default organisation exists, and builds the HTTP app with every module's routes. */
export async function prepareApp(platform: Platform): Promise<FastifyInstance> {
  await migrateOrThrow(platform.db);
  await ensureDefaultOrganisation(platform);
  return buildApp(platform, {
    demo: await isDemoDeployment(platform),
    routes: [
      tokenScopeCheck,
      reportsRoutes,
      reportsApi,
      accountsRoutes,
      reportTriageRoutes,
      auditLogRoutes,
      reportIntakeRoutes,
      reportSharingRoutes,
      reportWorkflowApi,
      accountRoutes,
      adminRoutes,
      invitationRoutes,
      reportInboxRoutes,
      accountsApi,
      linkingApi,
      analystRoutes,
      clustersApi,
      networkRoutes,
      mapRoutes,
      screenerRoutes,
      glossaryRoutes,
      libraryEditorialRoutes,
      circlesRoutes,
      circleReportRoutes,
      participationRoutes,
      learnRoutes,
    ],
  });
}

/** The background jobs `lantern serve` runs (and `lantern jobs run-once` runs for cron users). */
export const BACKGROUND_JOBS: readonly JobDefinition[] = [retentionJob, reportLinkingJob];
