import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort, treeCpuSeconds, waitForPort } from "./processes.ts";

export interface PostgresServer {
  /** Admin URL on which databases may be created and dropped. */
  readonly url: string;
  /** CPU seconds used by the cluster's processes so far, when this machine can tell. */
  cpuSeconds(): number | undefined;
  stop(): Promise<void>;
}

function findPgBin(name: string): string | undefined {
  const dirs = [
    ...(process.env.PATH ?? "").split(path.delimiter),
    ...(fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort()
          .reverse()
          .map((v) => path.join("/usr/lib/postgresql", v, "bin"))
      : []),
  ];
  return dirs.map((d) => path.join(d, name)).find((c) => fs.existsSync(c));
}

/**
 * Starts a throwaway PostgreSQL cluster from the machine's binaries (as the `postgres` user when run as
 * root), with durable defaults: unlike the test cluster, fsync stays on so the figures compare fairly
 * with SQLite's `synchronous = FULL`.
 */
export async function startThrowawayPostgres(): Promise<PostgresServer> {
  const initdb = findPgBin("initdb");
  const postgres = findPgBin("postgres");
  if (!initdb || !postgres) throw new Error("PostgreSQL binaries (initdb, postgres) not found");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-pg-"));
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const [c1, a1] = run(initdb, ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
  execFileSync(c1, a1, { stdio: "ignore" });
  const port = await freePort();
  const [c2, a2] = run(postgres, ["-D", dir, "-p", String(port), "-k", dir, "-h", "127.0.0.1"]);
  const child = spawn(c2, a2, { stdio: "ignore" });
  await waitForPort(port, 30_000);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    cpuSeconds: () => (child.pid === undefined ? undefined : treeCpuSeconds(child.pid)),
    async stop() {
      const exited = new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
      // runuser does not pass SIGINT on, so signal the postmaster itself: a fast shutdown. (After a Ctrl-C
      // in a terminal it may have received one already and be gone.)
      const pidFile = path.join(dir, "postmaster.pid");
      if (fs.existsSync(pidFile)) {
        try {
          process.kill(Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]), "SIGINT");
        } catch {
          // Already stopped.
        }
      }
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server for one scenario; returns its URL and a drop function. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lantern_bench_${crypto.randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** Rows in the `reports` table of a PostgreSQL database. */
export function countPostgresReports(url: string): Promise<number> {
  return withClient(url, async (c) => {
    const result = await c.query<{ n: string }>("SELECT count(*) AS n FROM reports");
    return Number(result.rows[0]?.n ?? 0);
  });
}

/** The server's version string, for the results. */
export function postgresVersion(url: string): Promise<string> {
  return withClient(url, async (c) => {
    const result = await c.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return result.rows[0]?.v ?? "unknown";
  });
}
