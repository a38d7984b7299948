// Library search over 100,000 generated items (bench/library-seed.ts): `searchLibrary` (the service the
// pages call: full-text match, filters, ranking, snippet, then the items) timed over a fixed set of
// queries, beside the bare FTS5 query on the same index (match, bm25 order, first 20 ids) through a
// prepared better-sqlite3 statement: the limit. SQLite, and PostgreSQL with --start-postgres. Writes the
// "library-search" section of bench/RESULTS.md. See bench/README.md.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { bootPlatform } from "../src/boot.ts";
import { searchLibrary } from "../src/modules/library/library.service.ts";
import type { SearchFilters } from "../src/modules/library/library-search.ts";
import { queryWords } from "../src/modules/library/library-search.ts";
import { loadConfig } from "../src/platform/config.ts";
import { migrateOrThrow } from "../src/platform/db/migrate.ts";
import type { Platform } from "../src/platform/platform.ts";
import { createRng } from "./ads/prng.ts";
import { FILTER_CHOICES, LANGUAGES, seedLibrary, VOCABULARY } from "./library-seed.ts";
import { freshDatabase, startThrowawayPostgres } from "./postgres.ts";
import { machineInfo, markdownTable, writeSection } from "./results-file.ts";

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    items: { type: "string", default: "100000" },
    queries: { type: "string", default: "400" },
    seed: { type: "string", default: "1" },
    "start-postgres": { type: "boolean", default: false },
    "print-only": { type: "boolean", default: false },
  },
});
const ITEMS = Number(args.items);
const QUERIES = Number(args.queries);
const SEED = Number(args.seed);
const TARGET_P95_MS = 20;

interface Query {
  readonly text: string;
  readonly filters: SearchFilters;
}

/** Queries people type: 1–3 content words (function words skipped), the last often unfinished. */
function makeQueries(kind: "words" | "prefix" | "filtered"): Query[] {
  const rng = createRng(SEED + kind.length);
  return Array.from({ length: QUERIES }, () => {
    const language = rng.pick(LANGUAGES);
    const content = VOCABULARY[language].slice(language === "en" ? 150 : 60);
    const words = Array.from({ length: rng.int(1, 3) }, () => rng.pick(content));
    if (kind === "prefix") {
      const last = words.pop() as string;
      words.push(last.slice(0, Math.max(3, Math.ceil(last.length / 2))));
    }
    const filters: SearchFilters =
      kind === "filtered"
        ? {
            language,
            ...(rng.chance(0.5) ? { audience: rng.pick(FILTER_CHOICES.AUDIENCES) } : {}),
            ...(rng.chance(0.5) ? { topic: rng.pick(FILTER_CHOICES.TOPICS) } : {}),
            ...(rng.chance(0.3) ? { type: rng.pick(FILTER_CHOICES.TYPES) } : {}),
          }
        : {};
    return { text: words.join(" "), filters };
  });
}

const pct = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const ms = (x: number) => x.toFixed(2);

async function timeAll(run: (q: Query) => unknown, queries: readonly Query[]): Promise<number[]> {
  for (const q of queries.slice(0, 20)) await run(q); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const t0 = performance.now();
    await run(q);
    times.push(performance.now() - t0);
  }
  return times;
}

async function measure(p: Platform, bare?: SQLite.Database) {
  const rows: string[][] = [];
  let worst = 0;
  for (const kind of ["words", "prefix", "filtered"] as const) {
    const queries = makeQueries(kind);
    const lantern = await timeAll((q) => searchLibrary(p, q.text, q.filters), queries);
    worst = Math.max(worst, pct(lantern, 0.95));
    let bareCell = "–";
    if (bare) {
      const statement = bare.prepare(
        "select item_id from library_fts where library_fts match ? order by bm25(library_fts, 10.0, 4.0, 1.0) limit 20",
      );
      const times = await timeAll((q) => {
        const words = queryWords(q.text);
        statement.all(words.map((w, k) => `"${w}"${k === words.length - 1 ? "*" : ""}`).join(" "));
      }, queries);
      bareCell = `${ms(pct(times, 0.5))} / ${ms(pct(times, 0.95))}`;
    }
    rows.push([
      {
        words: "1–3 words",
        prefix: "1–3 words, the last unfinished",
        filtered: "words + language and facet filters",
      }[kind],
      ms(pct(lantern, 0.5)),
      ms(pct(lantern, 0.95)),
      ms(pct(lantern, 0.99)),
      bareCell,
    ]);
  }
  return { rows, worst };
}

async function main(): Promise<void> {
  const lines: string[] = [
    "## Library search: `npm run bench:library`",
    "",
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${machineInfo()}`,
    "",
    `${ITEMS.toLocaleString("en-GB")} generated published items (English, Spanish, French; title, summary and a body of 60–480 words from a team-written vocabulary with Zipf-like word frequencies; audiences, topics, countries), ${QUERIES} queries of each kind. Times in ms through \`searchLibrary\` (match, filters, ranking, snippet, then the items), beside the bare FTS5 query on the same index (match, bm25 order, 20 ids; prepared statement).`,
    "",
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-library-bench-"));
  const header = ["queries", "p50", "p95", "p99", "bare FTS5 p50 / p95"];
  try {
    const config = loadConfig(
      {},
      {
        dataDir: dir,
        databaseUrl: `sqlite:${path.join(dir, "lantern.db")}`,
        masterKey: crypto.randomBytes(32).toString("base64"),
        logLevel: "silent",
      },
    );
    const booted = bootPlatform(config);
    await migrateOrThrow(booted.platform.db);
    let t0 = performance.now();
    await seedLibrary(booted.platform, ITEMS, SEED);
    const seeded = (performance.now() - t0) / 1000;
    const bare = new SQLite(path.join(dir, "lantern.db"), { readonly: true });
    const sqlite = await measure(booted.platform, bare);
    bare.close();
    await booted.close();
    lines.push(
      `### SQLite (seeded in ${seeded.toFixed(0)} s)`,
      "",
      markdownTable(header, sqlite.rows),
      "",
      `Target: p95 under ${TARGET_P95_MS} ms on SQLite: worst p95 ${ms(sqlite.worst)} ms, ${sqlite.worst < TARGET_P95_MS ? "**met**" : "**not met**"}.`,
      "",
    );
    if (args["start-postgres"]) {
      const pg = await startThrowawayPostgres();
      try {
        const fresh = await freshDatabase(pg.url);
        const pgBooted = bootPlatform(loadConfig({}, { ...config, databaseUrl: fresh.url }));
        await migrateOrThrow(pgBooted.platform.db);
        t0 = performance.now();
        await seedLibrary(pgBooted.platform, ITEMS, SEED);
        const pgSeeded = (performance.now() - t0) / 1000;
        const postgres = await measure(pgBooted.platform);
        await pgBooted.close();
        await fresh.drop();
        lines.push(
          `### PostgreSQL (seeded in ${pgSeeded.toFixed(0)} s)`,
          "",
          markdownTable(header, postgres.rows),
          "",
        );
      } finally {
        await pg.stop();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const markdown = lines.join("\n");
  if (args["print-only"]) process.stdout.write(`\n${markdown}\n`);
  else {
    writeSection("library-search", markdown);
    process.stdout.write(`\n${markdown}\n\nwritten to bench/RESULTS.md\n`);
  }
}

await main();
