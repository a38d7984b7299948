// Runs Lantern's linking (ingestAds: extract, score, blind index, union-find with hub suppression,
// store) on generated ads in a fresh SQLite database, and returns each ad's cluster and the throughput.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootPlatform } from "../../src/boot.ts";
import { ingestAds } from "../../src/modules/linking/linking.service.ts";
import { resplitAdClusters } from "../../src/modules/linking/resplit.service.ts";
import { loadConfig } from "../../src/platform/config.ts";
import { migrateOrThrow } from "../../src/platform/db/migrate.ts";
import type { Ad } from "./generate.ts";

export interface LinkingRun {
  /** Ad id (as generated) → Lantern's cluster id. */
  readonly clusters: Map<string, string>;
  readonly seconds: number;
  readonly adsPerSecond: number;
  readonly hubs: number;
  /** Ad id → cluster after `resplitAdClusters` (hubs' earlier joins undone), and how long it took. */
  readonly resplit?: { readonly clusters: Map<string, string>; readonly seconds: number };
}

export async function runLantern(
  ads: readonly Ad[],
  batch = 1000,
  hubLimit = 25,
  resplit = false,
): Promise<LinkingRun> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-linking-bench-"));
  const config = loadConfig(
    {},
    {
      dataDir,
      databaseUrl: `sqlite:${path.join(dataDir, "lantern.db")}`,
      masterKey: crypto.randomBytes(32).toString("base64"),
      logLevel: "silent",
      hubLimit,
    },
  );
  const booted = bootPlatform(config);
  try {
    await migrateOrThrow(booted.platform.db);
    const started = performance.now();
    let hubs = 0;
    for (let i = 0; i < ads.length; i += batch) {
      hubs += (await ingestAds(booted.platform, ads.slice(i, i + batch))).newHubs;
    }
    const seconds = (performance.now() - started) / 1000;
    const read = async () =>
      new Map(
        (await booted.platform.db.selectFrom("ads").select(["source_id", "cluster_id"]).execute()).map(
          (r) => [r.source_id, r.cluster_id],
        ),
      );
    const clusters = await read();
    let split: LinkingRun["resplit"];
    if (resplit) {
      const t0 = performance.now();
      await resplitAdClusters(booted.platform);
      split = { seconds: (performance.now() - t0) / 1000, clusters: await read() };
    }
    return { clusters, seconds, adsPerSecond: ads.length / seconds, hubs, ...(split && { resplit: split }) };
  } finally {
    await booted.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
