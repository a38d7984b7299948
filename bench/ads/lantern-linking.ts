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
    if (resplit) await resplitAdClusters(booted.platform);
    const rows = await booted.platform.db.selectFrom("ads").select(["source_id", "cluster_id"]).execute();
    return {
      clusters: new Map(rows.map((r) => [r.source_id, r.cluster_id])),
      seconds,
      adsPerSecond: ads.length / seconds,
      hubs,
    };
  } finally {
    await booted.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
