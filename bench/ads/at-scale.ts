// The linking benchmark at scale: N generated ads written to a JSONL file and imported by `lantern ads
// import` in a child process (wall time, peak memory from /proc), then the clusters scored against the
// generator's truth and the cluster lookup timed. Beside it, in the same run, the limits: the same file
// read and its ads inserted into one bare SQLite table (no extraction, no linking), and the lookup as two
// bare prepared statements.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import SQLite from "better-sqlite3";
import { bootPlatform } from "../../src/boot.ts";
import { loadConfig } from "../../src/platform/config.ts";
import type { Platform } from "../../src/platform/platform.ts";
import { streamAds } from "./generate.ts";
import { createRng } from "./prng.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");

export interface ScaleRun {
  readonly ads: number;
  readonly generateSeconds: number;
  readonly fileBytes: number;
  /** `lantern ads import`, wall time from spawn to exit (Node start and migrations included). */
  readonly importSeconds: number;
  /** Peak resident memory of the import process (VmHWM: every thread included). */
  readonly peakRssBytes: number;
  readonly importOutput: string;
  /** The limit: read and parse the file, insert each ad into one bare SQLite table. */
  readonly bareSeconds: number;
  /** Ad id → Lantern's cluster id, and ad id → true operator. */
  readonly clusters: Map<string, string>;
  readonly truth: Map<string, string>;
  readonly databaseBytes: number;
  readonly lookups: { readonly lantern: number[]; readonly bare: number[]; readonly largest: number };
}

export type ClusterLookup = (p: Platform, sourceId: string) => Promise<{ itemIds: readonly string[] }>;

async function writeAds(file: string, ads: number, seed: number): Promise<Map<string, string>> {
  const truth = new Map<string, string>();
  const out = fs.createWriteStream(file);
  let lines: string[] = [];
  const drain = () => new Promise<void>((resolve) => out.once("drain", () => resolve()));
  for (const row of streamAds({ ads, seed })) {
    truth.set(row.ad.id, row.truth.cluster);
    lines.push(JSON.stringify(row.ad));
    if (lines.length >= 2000) {
      if (!out.write(`${lines.join("\n")}\n`)) await drain();
      lines = [];
    }
  }
  if (lines.length > 0) out.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return truth;
}

function peakRss(pid: number): number {
  try {
    const kb = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function runImport(
  file: string,
  env: Record<string, string>,
  workers: number | undefined,
): Promise<{ seconds: number; peak: number; output: string }> {
  const started = performance.now();
  const args = [BIN, "ads", "import", file, ...(workers === undefined ? [] : ["--workers", String(workers)])];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env } });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid) peak = Math.max(peak, peakRss(child.pid));
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`lantern ads import failed (${code}): ${output.slice(-2000)}`);
  return { seconds: (performance.now() - started) / 1000, peak, output: output.trim() };
}

/** The limit for the import: parse each line and insert it into one table, one transaction per 1,000. */
async function bareImport(file: string, dir: string): Promise<number> {
  const started = performance.now();
  const db = new SQLite(path.join(dir, "bare.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(
    "CREATE TABLE ads (id TEXT PRIMARY KEY, site TEXT, source_id TEXT, url TEXT, posted_at TEXT, title TEXT, text TEXT, city TEXT, country TEXT)",
  );
  const insert = db.prepare("INSERT INTO ads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const many = db.transaction((rows: Record<string, string>[]) => {
    for (const r of rows)
      insert.run(crypto.randomUUID(), r.site, r.id, r.url, r.posted_at, r.title, r.text, r.city, r.country);
  });
  let rows: Record<string, string>[] = [];
  for await (const line of readline.createInterface({ input: fs.createReadStream(file) })) {
    rows.push(JSON.parse(line));
    if (rows.length >= 1000) {
      many(rows);
      rows = [];
    }
  }
  many(rows);
  db.close();
  return (performance.now() - started) / 1000;
}

export async function runAtScale(
  ads: number,
  seed: number,
  lookup: ClusterLookup,
  options: { workers?: number; lookups?: number } = {},
): Promise<ScaleRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-scale-"));
  const file = path.join(dir, "ads.jsonl");
  try {
    let t0 = performance.now();
    const truth = await writeAds(file, ads, seed);
    const generateSeconds = (performance.now() - t0) / 1000;
    const dataDir = path.join(dir, "data");
    const env = {
      LANTERN_DATA_DIR: dataDir,
      LANTERN_DATABASE_URL: `sqlite:${path.join(dataDir, "lantern.db")}`,
      LANTERN_MASTER_KEY: crypto.randomBytes(32).toString("base64"),
      LANTERN_LOG_LEVEL: "warn",
    };
    const imported = await runImport(file, env, options.workers);
    const bareSeconds = await bareImport(file, dir);

    const booted = bootPlatform(loadConfig(env));
    try {
      const p = booted.platform;
      const rows = await p.db.selectFrom("ads").select(["source_id", "cluster_id"]).execute();
      const clusters = new Map(rows.map((r) => [r.source_id, r.cluster_id]));
      const rng = createRng(seed + 7);
      const ids = [...truth.keys()];
      const sample = Array.from({ length: options.lookups ?? 2000 }, () => rng.pick(ids));
      for (const id of sample.slice(0, 100)) await lookup(p, id); // warm-up
      const lantern: number[] = [];
      let largest = 0;
      for (const id of sample) {
        t0 = performance.now();
        const found = await lookup(p, id);
        lantern.push(performance.now() - t0);
        largest = Math.max(largest, found.itemIds.length);
      }
      const raw = new SQLite(path.join(dataDir, "lantern.db"), { readonly: true });
      const clusterOf = raw.prepare("SELECT cluster_id FROM ads WHERE source_id = ?").pluck();
      const members = raw.prepare("SELECT source_id FROM ads WHERE cluster_id = ?").pluck();
      const bare: number[] = [];
      for (const id of sample) {
        t0 = performance.now();
        members.all(clusterOf.get(id));
        bare.push(performance.now() - t0);
      }
      raw.close();
      const databaseBytes = fs
        .readdirSync(dataDir)
        .filter((f) => f.startsWith("lantern.db"))
        .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0);
      return {
        ads,
        generateSeconds,
        fileBytes: fs.statSync(file).size,
        importSeconds: imported.seconds,
        peakRssBytes: imported.peak,
        importOutput: imported.output,
        bareSeconds,
        clusters,
        truth,
        databaseBytes,
        lookups: { lantern, bare, largest },
      };
    } finally {
      await booted.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
