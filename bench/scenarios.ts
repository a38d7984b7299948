import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { type LoadResult, runLoad } from "./load.ts";
import { countPostgresReports, freshDatabase } from "./postgres.ts";
import { freePort, machineBusySeconds, type ServerProcess, startServer } from "./processes.ts";
import { BENCH_DIR } from "./results-file.ts";

export const SUBMIT_PATH = "/api/v1/reports";
const REPO = path.resolve(BENCH_DIR, "..");
const PROFILE_DIR = path.join(BENCH_DIR, ".tmp", "profiles");

export type Target =
  | { readonly kind: "bare" }
  | { readonly kind: "lantern"; readonly dialect: "sqlite" }
  | {
      readonly kind: "lantern";
      readonly dialect: "postgres";
      readonly adminUrl: string;
      /** CPU seconds used by the PostgreSQL cluster so far, when it runs on this machine. */
      readonly cpuSeconds?: () => number | undefined;
    };

export interface Scenario {
  readonly name: string;
  readonly target: Target;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly body: string | (() => string);
  /** Write V8 CPU profiles of the server process (one per thread) to bench/.tmp/profiles/<scenario>/. */
  readonly cpuProfile?: boolean;
}

export interface ScenarioResult extends LoadResult {
  readonly scenario: Scenario;
  /** Reports stored during the measured run (rows after minus rows before), or undefined for the baseline. */
  readonly rowsStored: number | undefined;
  /** Server process CPU time over the measured run, in cores (1 = one core busy the whole run). */
  readonly serverCores: number | undefined;
  /** The part of it on the server's main (JavaScript) thread; the rest is mostly libuv's thread pool. */
  readonly mainThreadCores: number | undefined;
  /** CPU of the PostgreSQL cluster's processes over the run, in cores, when it runs here. */
  readonly databaseCores: number | undefined;
  /** CPU of this process (autocannon) over the run, in cores. */
  readonly loadGeneratorCores: number;
  /**
   * CPU used by everything else on the machine over the run, in cores: anything well above zero means
   * another program competed for the cores and the figures are pessimistic.
   */
  readonly otherCores: number | undefined;
}

interface Deployment {
  readonly server: ServerProcess;
  countReports(): Promise<number | undefined>;
  /** Stops the server and removes its data. */
  dispose(): Promise<void>;
}

function countSqliteReports(file: string): number {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM reports").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function deploy(scenario: Scenario): Promise<Deployment> {
  const port = await freePort();
  const { target } = scenario;
  if (target.kind === "bare") {
    const server = await startServer(
      ["--import", "tsx", path.join(BENCH_DIR, "bare-server.ts")],
      {
        BENCH_PORT: String(port),
      },
      port,
    );
    return { server, countReports: async () => undefined, dispose: () => server.stop() };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-"));
  const database = target.dialect === "postgres" ? await freshDatabase(target.adminUrl) : undefined;
  const dbFile = path.join(dataDir, "lantern.db");
  const profile = scenario.cpuProfile
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(PROFILE_DIR, slug(scenario))}`]
    : [];
  const server = await startServer(
    [...profile, path.join(REPO, "bin", "lantern.js"), "serve"],
    {
      LANTERN_DATA_DIR: dataDir,
      LANTERN_PORT: String(port),
      LANTERN_HOST: "127.0.0.1",
      LANTERN_LOG_LEVEL: "warn",
      // The public limit (20 a minute per client) would refuse a benchmark that comes from one address.
      LANTERN_REPORT_RATE_LIMIT: "1000000",
      ...(database ? { LANTERN_DATABASE_URL: database.url } : {}),
    },
    port,
  );
  return {
    server,
    countReports: async () => (database ? countPostgresReports(database.url) : countSqliteReports(dbFile)),
    async dispose() {
      await server.stop();
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function slug(scenario: Scenario): string {
  return `${scenario.name}-c${scenario.connections}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** One request before any load: the endpoint must answer 201 with a receipt code, or nothing is measured. */
async function probe(port: number, body: string): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${SUBMIT_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const answer = (await res.json()) as { receiptCode?: unknown };
  if (res.status !== 201 || typeof answer.receiptCode !== "string") {
    throw new Error(`probe failed: ${res.status} ${JSON.stringify(answer)}`);
  }
}

/** The report count once requests still in flight from the warm-up have landed (two equal reads). */
async function settled(d: Deployment): Promise<number | undefined> {
  let last = await d.countReports();
  for (;;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = await d.countReports();
    if (now === last) return now;
    last = now;
  }
}

/**
 * Starts the target in a child process on a fresh database, warms it up, runs the measured load, stops it,
 * and counts the reports the measured run stored (after the server has closed its database).
 */
export async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const d = await deploy(scenario);
  try {
    const body = typeof scenario.body === "string" ? scenario.body : scenario.body();
    const url = `http://127.0.0.1:${d.server.port}${SUBMIT_PATH}`;
    await probe(d.server.port, body);
    if (scenario.warmupSeconds > 0) {
      await runLoad({
        url,
        connections: scenario.connections,
        durationSeconds: scenario.warmupSeconds,
        body: scenario.body,
      });
    }
    const before = await settled(d);
    const isPostgres = scenario.target.kind === "lantern" && scenario.target.dialect === "postgres";
    const dbCpu =
      scenario.target.kind === "lantern" && scenario.target.dialect === "postgres"
        ? scenario.target.cpuSeconds
        : undefined;
    const cpuBefore = d.server.cpu();
    const dbBefore = dbCpu?.();
    const machineBefore = machineBusySeconds();
    const selfBefore = process.cpuUsage();
    const load = await runLoad({
      url,
      connections: scenario.connections,
      durationSeconds: scenario.durationSeconds,
      body: scenario.body,
    });
    const selfUsage = process.cpuUsage(selfBefore);
    const machineAfter = machineBusySeconds();
    const cpuAfter = d.server.cpu();
    const dbAfter = dbCpu?.();
    await d.server.stop();
    const after = await d.countReports();
    const cores = (a: number | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? undefined : (b - a) / load.durationSeconds;
    const serverCores = cores(cpuBefore?.total, cpuAfter?.total);
    const databaseCores = cores(dbBefore, dbAfter);
    const loadGeneratorCores = (selfUsage.user + selfUsage.system) / 1e6 / load.durationSeconds;
    const machineCores = cores(machineBefore, machineAfter);
    return {
      ...load,
      scenario,
      rowsStored: before === undefined || after === undefined ? undefined : after - before,
      serverCores,
      mainThreadCores: cores(cpuBefore?.mainThread, cpuAfter?.mainThread),
      databaseCores,
      loadGeneratorCores,
      // A PostgreSQL we did not start may run on this machine: its CPU would look like another program's.
      otherCores:
        machineCores === undefined || serverCores === undefined || (dbCpu === undefined && isPostgres)
          ? undefined
          : Math.max(0, machineCores - serverCores - (databaseCores ?? 0) - loadGeneratorCores),
    };
  } finally {
    await d.dispose();
  }
}
