import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import cliProgress from "cli-progress";
import { parse } from "csv-parse";
import { bootPlatform } from "../boot.ts";
import { type PreparedBatch, prepareImportBatch, type RawRecord } from "../modules/linking/import-batch.ts";
import { graphKeys, ingestPrepared, listAdClusters } from "../modules/linking/linking.service.ts";
import { createPreparePool, defaultWorkers, type PreparePool } from "../modules/linking/prepare-pool.ts";
import { resplitAdClusters } from "../modules/linking/resplit.service.ts";
import type { Config } from "../platform/config.ts";
import { migrateOrThrow } from "../platform/db/migrate.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** A record of an import file with the line it starts on and its size (for the progress bar). */
type Read = RawRecord & { readonly bytes: number };

async function* jsonlRecords(file: string): AsyncGenerator<Read> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    const bytes = Buffer.byteLength(text) + 1;
    if (text.trim() === "") continue;
    // Parsed and validated with the rest of the batch (in a worker thread when there are workers).
    yield { line, bytes, text };
  }
}

async function* csvRecords(file: string): AsyncGenerator<Read> {
  const skipped: Read[] = [];
  const parser = fs.createReadStream(file).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push({
          line: Number(error?.lines ?? 0),
          bytes: 0,
          problem: `unreadable CSV row (${error?.code ?? "error"})`,
        });
        return undefined;
      },
    }),
  );
  let bytes = 0;
  for await (const row of parser as AsyncIterable<{
    record: unknown;
    info: { lines: number; bytes: number };
  }>) {
    while (skipped.length > 0) yield skipped.shift() as Read;
    yield { line: row.info.lines, bytes: row.info.bytes - bytes, record: row.record };
    bytes = row.info.bytes;
  }
  while (skipped.length > 0) yield skipped.shift() as Read;
}

export interface ImportOptions {
  readonly regionFrom: "country" | "none";
  readonly batch: number;
  /** Worker threads that extract while the main thread stores (0: extract in the main thread). */
  readonly workers?: number;
}

/**
 * `lantern ads import FILE`: streams a JSONL or CSV file of ads into the database in batches (one
 * transaction each), so an interrupted import re-run continues where it stopped; bad records are
 * reported by line and skipped.
 */
export async function adsImportCommand(config: Config, file: string, opts: ImportOptions): Promise<void> {
  const ext = path.extname(file).toLowerCase();
  if (![".jsonl", ".ndjson", ".csv"].includes(ext)) {
    throw new Error("the file must end in .jsonl, .ndjson or .csv");
  }
  const size = fs.statSync(file).size; // throws a readable ENOENT before anything starts
  const booted = bootPlatform(config);
  const started = process.hrtime.bigint();
  const totals = { read: 0, imported: 0, reposts: 0, alreadyStored: 0, bad: 0, newHubs: 0 };
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: "ads import [{bar}] {percentage}% | {imported} ads | {eta_formatted} left",
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let pool: PreparePool | undefined;
  try {
    await migrateOrThrow(booted.platform.db);
    bar?.start(size, 0, { imported: 0 });
    const regionFromCountry = opts.regionFrom === "country";
    const workers = opts.workers ?? defaultWorkers();
    pool = workers > 0 ? createPreparePool(workers, graphKeys(booted.platform).blind) : undefined;
    const workerPool = pool;
    // Batches being parsed and prepared by the workers, stored in file order as they come back.
    const inFlight: { batch: Promise<PreparedBatch>; consumed: number }[] = [];
    let batch: RawRecord[] = [];
    let consumed = 0;
    const store = async () => {
      const next = inFlight.shift();
      if (!next) return;
      const { prepared, problems } = await next.batch;
      if (problems.length > 0) {
        bar?.stop();
        for (const { line, problem } of problems) err(`line ${line}: skipped: ${problem}`);
        bar?.start(size, next.consumed, { imported: totals.imported });
      }
      totals.bad += problems.length;
      const s = await ingestPrepared(booted.platform, prepared);
      totals.imported += s.imported;
      totals.reposts += s.reposts;
      totals.alreadyStored += s.alreadyStored;
      totals.newHubs += s.newHubs;
      bar?.update(next.consumed, { imported: totals.imported });
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const records = batch;
      batch = [];
      inFlight.push({
        batch: workerPool
          ? workerPool.prepare(records, regionFromCountry)
          : Promise.resolve(prepareImportBatch(records, { regionFromCountry })),
        consumed,
      });
      // Two batches per worker in flight keep every core busy without holding the file in memory.
      while (inFlight.length > Math.max(1, 2 * workers)) await store();
    };
    for await (const read of ext === ".csv" ? csvRecords(file) : jsonlRecords(file)) {
      consumed += read.bytes;
      totals.read++;
      batch.push(read);
      if (batch.length >= opts.batch) await flush();
    }
    await flush();
    while (inFlight.length > 0) await store();
    bar?.update(size, { imported: totals.imported });
    bar?.stop();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    out(
      `Imported ${totals.imported} ads (${totals.reposts} exact reposts linked to their original); ` +
        `skipped ${totals.alreadyStored} already stored and ${totals.bad} bad records; ` +
        `${totals.newHubs} identifiers became hubs; ${seconds.toFixed(1)} s (${Math.round(totals.read / Math.max(seconds, 1e-3))} records/s).`,
    );
  } finally {
    bar?.stop();
    await pool?.close();
    await booted.close();
  }
}

/** `lantern ads clusters`: every cluster of two or more ads, with the ids given in the imported files. */
export async function adsClustersCommand(config: Config, opts: { json?: boolean }): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const clusters = await listAdClusters(booted.platform);
    if (opts.json) {
      out(JSON.stringify(clusters));
      return;
    }
    if (clusters.length === 0) out("No cluster of two or more ads.");
    for (const c of clusters) out(`${c.clusterId}  ${c.itemIds.length} ads: ${c.itemIds.join(", ")}`);
  } finally {
    await booted.close();
  }
}

/** `lantern ads resplit`: decides hubs afresh and recomputes the clusters without them (one transaction). */
export async function adsResplitCommand(config: Config): Promise<void> {
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const { moved, clusters, hubs } = await resplitAdClusters(booted.platform);
    out(`Re-split: ${hubs} hubs; ${moved} ads moved; ${clusters} clusters (singletons included).`);
  } finally {
    await booted.close();
  }
}
