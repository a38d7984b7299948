import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, waitForPort } from "./ports.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server the integration tests may create databases on, or "" if none. */
    postgresUrl: string;
  }
}

function findPgBin(name: string): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? "").split(path.delimiter).map((d) => path.join(d, name)),
    ...(fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort()
          .reverse()
          .map((v) => path.join("/usr/lib/postgresql", v, "bin", name))
      : []),
  ];
  return candidates.find((c) => fs.existsSync(c));
}

/**
 * Gives the integration tests a PostgreSQL: the one named by LANTERN_TEST_POSTGRES_URL (as .ci/run sets),
 * or a throwaway cluster started here from the machine's PostgreSQL binaries and removed afterwards. With
 * neither, PostgreSQL runs are skipped with a warning, except under CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.LANTERN_TEST_POSTGRES_URL;
  if (given) {
    project.provide("postgresUrl", given);
    return undefined;
  }
  const initdb = findPgBin("initdb");
  const pgCtl = findPgBin("pg_ctl");
  if (!initdb || !pgCtl) {
    if (process.env.CI) throw new Error("CI needs PostgreSQL: install it or set LANTERN_TEST_POSTGRES_URL");
    process.stderr.write("\n!! PostgreSQL not found: integration tests run on SQLite only.\n\n");
    project.provide("postgresUrl", "");
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-pg-"));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; run it as the postgres system user then.
  const run = (cmd: string, args: string[]) =>
    (asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]) as [string, string[]];
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  const [c1, a1] = run(initdb, [
    "-D",
    dir,
    "-U",
    "postgres",
    "-A",
    "trust",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  execFileSync(c1, a1, { stdio: "ignore" });
  const port = await freePort();
  // pg_ctl starts the server detached and stops it by its pid file: no signal has to cross runuser.
  const options = `-p ${port} -k ${dir} -h 127.0.0.1 -F`;
  const [c2, a2] = run(pgCtl, ["-D", dir, "-w", "-l", path.join(dir, "server.log"), "-o", options, "start"]);
  execFileSync(c2, a2, { stdio: "ignore" });
  await waitForPort(port, 30_000);
  project.provide("postgresUrl", `postgres://postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    const [c3, a3] = run(pgCtl, ["-D", dir, "-m", "immediate", "-w", "stop"]);
    try {
      execFileSync(c3, a3, { stdio: "ignore" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
