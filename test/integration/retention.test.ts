import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { insertCopies } from "../../bench/inbox-seed.ts";
import { BACKGROUND_JOBS } from "../../src/boot.ts";
import { retentionJob } from "../../src/modules/reports/report-retention.service.ts";
import { verifyAudit } from "../../src/platform/audit/audit.ts";
import { openDatabase } from "../../src/platform/db/database.ts";
import { type JobDefinition, runDueJobs } from "../../src/platform/jobs/job-runner.ts";
import { claimJob, ensureJobs } from "../../src/platform/jobs/job-store.ts";
import type { Platform } from "../../src/platform/platform.ts";
import { buildOrganisation, buildReport } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe.each(dialects())("the retention purge job (%s)", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function sendReport(app: TestApp, country: string): Promise<{ receipt: string; id: string }> {
    const res = await app.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country }),
    });
    expect(res.statusCode).toBe(201);
    const receipt = res.json().receiptCode as string;
    const follow = await app.app.inject({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: receipt, message: "One more thing I remembered." },
    });
    expect(follow.statusCode).toBe(201);
    const row = await app.platform.db
      .selectFrom("reports")
      .select("id")
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    return { receipt, id: row.id };
  }

  async function close(p: Platform, reportId: string, organisationId: string, daysAgo: number) {
    await p.db
      .updateTable("report_copies")
      .set({ status: "closed", close_reason: "resolved", closed_at: ago(daysAgo) })
      .where("report_id", "=", reportId)
      .where("organisation_id", "=", organisationId)
      .execute();
    await p.db
      .insertInto("report_events")
      .values({
        id: `${reportId.slice(0, 20)}${organisationId.slice(0, 8)}ev`,
        report_id: reportId,
        organisation_id: organisationId,
        at: ago(daysAgo),
        user_id: null,
        kind: "closed",
        detail: "{}",
        body: null,
      })
      .execute();
  }

  const followUp = (app: TestApp, receipt: string) =>
    app.app.inject({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { "lantern-receipt-code": receipt },
    });

  const count = async (
    p: Platform,
    table: "report_messages" | "report_events" | "report_copies",
    reportId: string,
  ) => (await p.db.selectFrom(table).select("report_id").where("report_id", "=", reportId).execute()).length;

  it("purges a report closed longer ago than the retention period, with its thread and timeline, and keeps the rest", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    const spain = await buildOrganisation(p, { countries: ["ES"] });
    const both = await buildOrganisation(p, { countries: ["PT"] });
    const partner = await buildOrganisation(p, { countries: ["PT"] });
    const old = await sendReport(t, "ES");
    const recent = await sendReport(t, "ES");
    const shared = await sendReport(t, "PT");
    const [openOld = ""] = await insertCopies(p, spain.id, [{ receivedAt: ago(900), status: "in_review" }]);
    await close(p, old.id, spain.id, 400);
    await close(p, recent.id, spain.id, 30);
    // Two organisations got the PT report: one closed it long ago, the other still works on it.
    await close(p, shared.id, both.id, 400);
    expect(await count(p, "report_messages", old.id)).toBe(1);
    expect((await followUp(t, old.receipt)).statusCode).toBe(200);

    const outcomes = await runDueJobs(p, [retentionJob]);
    expect(outcomes).toEqual([
      { name: "report-retention", ok: true, result: { copies: 2, messages: 2, events: 2, reports: 1 } },
    ]);

    // The expired report is gone entirely: copy, thread, timeline, the report, and so its receipt code.
    expect(await count(p, "report_copies", old.id)).toBe(0);
    expect(await count(p, "report_messages", old.id)).toBe(0);
    expect(await count(p, "report_events", old.id)).toBe(0);
    expect(await p.db.selectFrom("reports").select("id").where("id", "=", old.id).execute()).toEqual([]);
    expect((await followUp(t, old.receipt)).statusCode).toBe(404);
    // Recently closed and open reports stay, however old.
    expect(await count(p, "report_copies", recent.id)).toBe(1);
    expect(await count(p, "report_messages", recent.id)).toBe(1);
    expect((await followUp(t, recent.receipt)).statusCode).toBe(200);
    expect(await count(p, "report_copies", openOld)).toBe(1);
    // The other organisation's copy of the shared report stays, with its thread; the report stays for it.
    const sharedCopies = await p.db
      .selectFrom("report_copies")
      .select("organisation_id")
      .where("report_id", "=", shared.id)
      .execute();
    expect(sharedCopies).toEqual([{ organisation_id: partner.id }]);
    expect(await count(p, "report_messages", shared.id)).toBe(1);
    expect((await followUp(t, shared.receipt)).statusCode).toBe(200);

    // Audited by `system` with counts only, in an intact chain.
    const audit = await p.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "report.purge")
      .orderBy("seq")
      .execute();
    expect(audit.map((a) => [a.actor, a.organisation_id, JSON.parse(a.detail)])).toEqual(
      expect.arrayContaining([
        ["system", spain.id, { copies: 1, messages: 1, events: 1, reports: 1, retentionDays: 365 }],
        ["system", both.id, { copies: 1, messages: 1, events: 1, reports: 0, retentionDays: 365 }],
      ]),
    );
    expect(audit).toHaveLength(2);
    expect((await verifyAudit(p)).problems).toEqual([]);

    // The job is scheduled a day later, so running again at once does nothing.
    expect(await runDueJobs(p, [retentionJob])).toEqual([]);
  });

  it("keeps closed reports for each organisation's own retention period", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    const brief = await buildOrganisation(p, { countries: ["ES"] });
    const long = await buildOrganisation(p, { countries: ["IT"] });
    await p.db.updateTable("organisations").set({ retention_days: 30 }).where("id", "=", brief.id).execute();
    const spanish = await sendReport(t, "ES");
    const italian = await sendReport(t, "IT");
    await close(p, spanish.id, brief.id, 45);
    await close(p, italian.id, long.id, 45);

    await runDueJobs(p, [retentionJob]);

    // 45 days closed: past the 30 days of one organisation, well within the 365 (default) of the other.
    expect((await followUp(t, spanish.receipt)).statusCode).toBe(404);
    expect(await count(p, "report_copies", spanish.id)).toBe(0);
    expect((await followUp(t, italian.receipt)).statusCode).toBe(200);
    expect(await count(p, "report_copies", italian.id)).toBe(1);
  });

  it("purges in batches, every batch in its own transaction", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    const org = await buildOrganisation(p, { countries: ["ES"] });
    await insertCopies(
      p,
      org.id,
      Array.from({ length: 450 }, () => ({ receivedAt: ago(800), status: "closed", closedAt: ago(700) })),
    );
    const [outcome] = await runDueJobs(p, [retentionJob]);
    expect(outcome?.result).toEqual({ copies: 450, messages: 0, events: 0, reports: 450 });
    const audit = await p.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "report.purge")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail).copies)).toEqual([200, 200, 50]);
  });

  it("lets exactly one of two workers claim a due job, even when they claim at the same moment", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    // A second, independent connection pool to the same database: another app instance.
    const second = openDatabase(p.config.databaseUrl);
    try {
      const job = { name: "race", intervalSeconds: 3600 };
      for (let round = 0; round < 25; round++) {
        const at = new Date().toISOString();
        await ensureJobs(p.db, [job], at);
        await p.db.updateTable("jobs").set({ run_at: at, locked_until: null, locked_by: null }).execute();
        const lease = new Date(Date.now() + 60_000).toISOString();
        const claims = await Promise.all([
          claimJob(p.db, p.dialect, ["race"], "worker-a", at, lease),
          claimJob(second.db, second.adapter, ["race"], "worker-b", at, lease),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
      // Whole runs racing: the job body runs once.
      let runs = 0;
      const counted: JobDefinition = {
        name: "counted",
        intervalSeconds: 3600,
        run: async () => {
          runs += 1;
          await new Promise((r) => setTimeout(r, 50));
          return { runs };
        },
      };
      const secondPlatform = { ...p, db: second.db, dialect: second.adapter };
      const results = await Promise.all([
        runDueJobs(p, [counted], "worker-a"),
        runDueJobs(secondPlatform, [counted], "worker-b"),
      ]);
      expect(runs).toBe(1);
      expect(results.flat()).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  it("retakes a job whose worker crashed once its lease has run out, and not before", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    const start = new Date();
    await ensureJobs(p.db, [{ name: "lease", intervalSeconds: 60 }], start.toISOString());
    const later = (ms: number) => new Date(start.getTime() + ms).toISOString();
    expect(await claimJob(p.db, p.dialect, ["lease"], "crashed", later(0), later(10_000))).toBeDefined();
    // The worker dies without finishing: its lease still holds...
    expect(await claimJob(p.db, p.dialect, ["lease"], "other", later(5_000), later(15_000))).toBeUndefined();
    // ...and once it has passed, another worker takes the job over.
    const retaken = await claimJob(p.db, p.dialect, ["lease"], "other", later(11_000), later(21_000));
    expect(retaken?.name).toBe("lease");
    const row = await p.db
      .selectFrom("jobs")
      .selectAll()
      .where("name", "=", "lease")
      .executeTakeFirstOrThrow();
    expect([row.locked_by, Number(row.runs)]).toEqual(["other", 2]);
  });

  it("runs due jobs from the command line with `lantern jobs run-once`", async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    const org = await buildOrganisation(p, { countries: ["ES"] });
    await insertCopies(p, org.id, [{ receivedAt: ago(800), status: "closed", closedAt: ago(700) }]);
    const env = {
      ...process.env,
      LANTERN_DATABASE_URL: p.config.databaseUrl,
      LANTERN_DATA_DIR: t.dataDir,
      LANTERN_MASTER_KEY: p.config.masterKey ?? "",
      LANTERN_LOG_LEVEL: "warn",
    };
    const first = await run("node", [BIN, "jobs", "run-once"], { env, timeout: 60_000 });
    expect(first.stdout).toMatch(/ran\s+report-retention copies=1 messages=0 events=0 reports=1/);
    const again = await run("node", [BIN, "jobs", "run-once"], { env, timeout: 60_000 });
    expect(again.stdout).toContain("No job is due.");
    expect(BACKGROUND_JOBS.map((j) => j.name)).toContain("report-retention");
  });
});
