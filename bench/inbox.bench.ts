// The triage inbox with 100,000 reports: the inbox query alone and the whole GET /staff/reports page
// (signed in, through app.inject), beside a bare `select ... limit 50` on the same table, on SQLite and
// (when available) PostgreSQL. Writes the "inbox" section of bench/RESULTS.md. See bench/README.md.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { FastifyInstance } from "fastify";
import { CompiledQuery, sql } from "kysely";
import { bootPlatform, prepareApp } from "../src/boot.ts";
import { addUser, createOrganisation } from "../src/modules/accounts/accounts.service.ts";
import * as inboxRepo from "../src/modules/reports/report-inbox.repository.ts";
import { InboxQuerySchema } from "../src/modules/reports/report-inbox.schema.ts";
import { encodeCursor, toFilter } from "../src/modules/reports/report-inbox.service.ts";
import { loadConfig } from "../src/platform/config.ts";
import type { Platform, StaffScope } from "../src/platform/platform.ts";
import { insertCopies, realisticSpecs } from "./inbox-seed.ts";
import { freshDatabase, postgresVersion, startThrowawayPostgres } from "./postgres.ts";
import { machineInfo, markdownTable, writeSection } from "./results-file.ts";

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    reports: { type: "string", default: "100000" },
    other: { type: "string", default: "10000" },
    iterations: { type: "string", default: "60" },
    "start-postgres": { type: "boolean", default: false },
    "print-only": { type: "boolean", default: false },
  },
});
const REPORTS = Number(args.reports);
const OTHER = Number(args.other);
const ITERATIONS = Number(args.iterations);
const WARMUP = 5;
const TARGET_P95_MS = 100;

/** Typical inbox views: the default, each sort, common filters, a rare combination, a deep page. */
const SCENARIOS: readonly { readonly name: string; readonly query: string; readonly deepPage?: number }[] = [
  { name: "open, most recently active (the default)", query: "" },
  { name: "all, newest received", query: "status=all&sort=newest" },
  { name: "open, urgency then oldest", query: "sort=urgency" },
  { name: "assigned to me", query: "assignee=me" },
  { name: "unassigned, oldest", query: "assignee=unassigned&sort=oldest" },
  { name: "unread reporter message", query: "unreadMessages=1" },
  { name: "escalated, newest", query: "status=escalated&sort=newest" },
  { name: "closed, one category", query: "status=closed&category=forced_labour" },
  { name: "all, country and channel", query: "status=all&country=FR&channel=phone" },
  { name: "all, rare category in a rare country", query: "status=all&category=organ_removal&country=CO" },
  { name: "all, one month received", query: "status=all&from=2026-03-01&to=2026-03-31&sort=oldest" },
  { name: "all, oldest, page 1,000", query: "status=all&sort=oldest", deepPage: 1000 },
];

interface Stats {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

interface DialectResult {
  readonly dialect: string;
  readonly seedSeconds: number;
  readonly rows: { name: string; query: Stats; page: Stats; rowsOnPage: number }[];
  readonly bare: Stats;
  readonly allQuery: Stats;
  readonly allPage: Stats;
  readonly plans: { name: string; plan: string }[];
}

/** A signed-in session made directly (no password or second factor to go through in a benchmark). */
async function sessionFor(p: Platform, userId: string, organisationId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const at = new Date();
  await p.db
    .insertInto("sessions")
    .values({
      id_hash: crypto.createHash("sha256").update(token).digest("hex"),
      user_id: userId,
      organisation_id: organisationId,
      created_at: at.toISOString(),
      last_seen_at: at.toISOString(),
      expires_at: new Date(at.getTime() + 12 * 3_600_000).toISOString(),
    })
    .execute();
  return token;
}

async function explain(p: Platform, compiled: CompiledQuery): Promise<string> {
  if (p.dialect.name === "sqlite") {
    const r = await p.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return r.rows.map((x) => x.detail).join("; ");
  }
  const r = await p.db.executeQuery<{ "QUERY PLAN": string }>(
    CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
  );
  return r.rows.map((x) => x["QUERY PLAN"].trim()).join(" / ");
}

async function measure(
  dialect: "sqlite" | "postgres",
  databaseUrl: string,
  dataDir: string,
): Promise<DialectResult> {
  const config = loadConfig(
    {},
    { databaseUrl, dataDir, masterKey: crypto.randomBytes(32).toString("base64"), logLevel: "warn" },
  );
  const booted = bootPlatform(config);
  const p = booted.platform;
  let app: FastifyInstance | undefined;
  try {
    app = await prepareApp(p);
    await app.ready();
    const orgId = await createOrganisation(p, {
      slug: "bench-main",
      name: "Bench hotline",
      countries: ["ES"],
    });
    const otherId = await createOrganisation(p, {
      slug: "bench-other",
      name: "Bench partner",
      countries: ["FR"],
    });
    const users: string[] = [];
    for (let i = 0; i < 8; i++) {
      users.push(
        await addUser(p, {
          organisationSlug: "bench-main",
          email: `staff${i}@bench.example.org`,
          name: `Staff member ${i}`,
          password: "benchmark password 1234",
          role: i === 0 ? "coordinator" : "caseworker",
        }),
      );
    }
    const me = users[0] ?? "";
    const seedStart = performance.now();
    await insertCopies(p, orgId, realisticSpecs(REPORTS, users, 1));
    await insertCopies(p, otherId, realisticSpecs(OTHER, [], 2));
    // What autovacuum does after a bulk insert: statistics, and the visibility map index-only scans need.
    if (dialect === "postgres") await sql`vacuum analyze`.execute(p.db);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    process.stdout.write(`${dialect}: seeded ${REPORTS + OTHER} reports in ${seedSeconds.toFixed(1)} s\n`);

    const scope: StaffScope = { userId: me, organisationId: orgId, role: "coordinator" };
    const token = await sessionFor(p, me, orgId);
    const rows: DialectResult["rows"] = [];
    const plans: DialectResult["plans"] = [];
    const allQuery: number[] = [];
    const allPage: number[] = [];
    for (const scenario of SCENARIOS) {
      let query = scenario.query;
      const q = InboxQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
      const sort = q.sort ?? "active";
      const filter = toFilter(scope, q);
      let key: inboxRepo.InboxKey | undefined;
      if (scenario.deepPage) {
        // The cursor a reader would hold after paging that far (found once, outside the measurement).
        const before = await inboxRepo
          .inboxPageQuery(p.db, scope, filter, sort, undefined, 50 * (scenario.deepPage - 1))
          .execute();
        const last = before.at(-1);
        if (last) {
          key = { sort: "oldest", at: last.received_at, id: last.report_id };
          query = `${query}&cursor=${encodeCursor(key)}`;
        }
      }
      const compiled = inboxRepo.inboxPageQuery(p.db, scope, filter, sort, key, 51).compile();
      plans.push({ name: scenario.name, plan: await explain(p, compiled) });
      let onPage = 0;
      const querySamples = await time(async () => {
        const [page] = await Promise.all([
          inboxRepo.inboxPage(p.db, scope, filter, sort, key, 51),
          inboxRepo.inboxCounts(p.db, scope, filter),
        ]);
        onPage = Math.min(50, page.length);
      });
      const pageSamples = await time(async () => {
        const res = await (app as FastifyInstance).inject({
          method: "GET",
          url: `/staff/reports?${query}`,
          cookies: { lantern_session: token },
        });
        if (res.statusCode !== 200) throw new Error(`${scenario.name}: ${res.statusCode}`);
      });
      allQuery.push(...querySamples);
      allPage.push(...pageSamples);
      rows.push({
        name: scenario.name,
        query: stats(querySamples),
        page: stats(pageSamples),
        rowsOnPage: onPage,
      });
      const r = rows.at(-1);
      process.stdout.write(
        `  ${scenario.name}: query p95 ${r?.query.p95.toFixed(1)} ms, page p95 ${r?.page.p95.toFixed(1)} ms (${onPage} rows)\n`,
      );
    }
    const bare = stats(await time(() => p.db.selectFrom("report_copies").selectAll().limit(50).execute()));
    return {
      dialect,
      seedSeconds,
      rows,
      bare,
      allQuery: stats(allQuery),
      allPage: stats(allPage),
      plans,
    };
  } finally {
    await app?.close();
    await booted.close();
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function render(results: readonly DialectResult[], notes: readonly string[], started: Date): string {
  const parts: string[] = [
    "## Triage inbox: `npm run bench:inbox`",
    "",
    `${started.toISOString().slice(0, 16).replace("T", " ")} UTC · ${machineInfo()}`,
    "",
    `${REPORTS.toLocaleString("en")} reports in the measured organisation (plus ${OTHER.toLocaleString("en")} in another), spread over two years; ${ITERATIONS} timed runs of each view after ${WARMUP} warm-up runs, one at a time. **Query** = the page query (51 rows) and the counts per status, as the service runs them; **page** = the whole \`GET /staff/reports\` through \`app.inject\` with a session (scope, queries, audit entry, rendering); **bare** = \`select * from report_copies limit 50\`, the floor. Target: page p95 under ${TARGET_P95_MS} ms.`,
    "",
    ...notes.map((n) => `- ${n}`),
    "",
  ];
  for (const r of results) {
    const name = r.dialect === "sqlite" ? "SQLite" : "PostgreSQL";
    parts.push(
      `### ${name}: every view p95 — query ${ms(r.allQuery.p95)}, page ${ms(r.allPage.p95)}, bare ${ms(r.bare.p95)} ${r.allPage.p95 < TARGET_P95_MS ? "(target met)" : "(TARGET NOT MET)"}`,
      "",
      markdownTable(
        ["view", "rows", "query p50", "query p95", "query p99", "page p50", "page p95", "page p99"],
        [
          ...r.rows.map((x) => [
            x.name,
            String(x.rowsOnPage),
            ms(x.query.p50),
            ms(x.query.p95),
            ms(x.query.p99),
            ms(x.page.p50),
            ms(x.page.p95),
            ms(x.page.p99),
          ]),
          ["bare `select … limit 50`", "50", ms(r.bare.p50), ms(r.bare.p95), ms(r.bare.p99), "–", "–", "–"],
        ],
      ),
      "",
      `Seeding took ${r.seedSeconds.toFixed(1)} s.`,
      "",
      "<details><summary>Query plans (page query)</summary>",
      "",
      ...r.plans.map((x) => `- ${x.name}: \`${x.plan.replace(/`/g, "'")}\``),
      "",
      "</details>",
      "",
    );
  }
  return parts.join("\n");
}

const started = new Date();
const results: DialectResult[] = [];
const notes: string[] = [];
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-bench-inbox-"));
try {
  process.stdout.write(`${machineInfo()}\n`);
  results.push(await measure("sqlite", `sqlite:${path.join(sqliteDir, "lantern.db")}`, sqliteDir));
  notes.push("SQLite: WAL, synchronous = FULL, no ANALYZE (as a fresh deployment runs).");
  const given = process.env.LANTERN_BENCH_POSTGRES_URL;
  const server = !given && args["start-postgres"] ? await startThrowawayPostgres() : undefined;
  const adminUrl = given ?? server?.url;
  if (adminUrl) {
    const db = await freshDatabase(adminUrl);
    try {
      notes.push(
        `PostgreSQL ${await postgresVersion(adminUrl)}${server ? ", throwaway local cluster with default settings" : " from LANTERN_BENCH_POSTGRES_URL"}; VACUUM ANALYZE after seeding (autovacuum would do it).`,
      );
      results.push(await measure("postgres", db.url, sqliteDir));
    } finally {
      await db.drop();
      await server?.stop();
    }
  } else {
    notes.push("PostgreSQL not measured: set LANTERN_BENCH_POSTGRES_URL or pass --start-postgres.");
  }
  const load = os.loadavg().map((l) => l.toFixed(2));
  notes.push(
    `Load average at the end of the run: ${load.join(", ")} (1, 5, 15 min) on ${os.cpus().length} cores; other programs running at the same time make the tail figures pessimistic.`,
  );
  const markdown = render(results, notes, started);
  if (args["print-only"]) process.stdout.write(`\n${markdown}\n`);
  else writeSection("inbox", markdown);
  const missed = results.filter((r) => r.allPage.p95 >= TARGET_P95_MS);
  for (const r of results) {
    process.stdout.write(
      `${r.dialect}: page p95 ${ms(r.allPage.p95)} over every view (target ${TARGET_P95_MS} ms)\n`,
    );
  }
  if (missed.length > 0) process.exitCode = 1;
} finally {
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}
