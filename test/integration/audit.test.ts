import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { appendAudit, verifyAudit } from "../../src/platform/audit/audit.ts";
import { buildOrganisation, buildReport, buildUser, csrfFor, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");
const CANARY = "Audit canary: the yellow house by the port.";

describe.each(dialects())("the audit log (%s)", (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  /** An app where a report was sent, a coordinator signed in, listed, read and replied. */
  async function withActivity(): Promise<TestApp> {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const user = await buildUser(t.platform, org.slug);
    const sent = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ narrative: CANARY }),
    });
    expect(sent.statusCode).toBe(201);
    const cookies = await signIn(t.app, user.email);
    const list = await t.app.inject({ method: "GET", url: "/staff/reports", cookies });
    const id = list.body.match(/href="\/staff\/reports\/([0-9a-f]+)"/)?.[1];
    const detail = await t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies });
    const token = detail.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    await t.app.inject({
      method: "POST",
      url: `/staff/reports/${id}/reply`,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(token)}&message=hello`,
    });
    const login = await csrfFor(t.app, "/staff/login");
    const failed = await t.app.inject({
      method: "POST",
      url: "/staff/login",
      cookies: login.cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(login.token)}&email=nobody%40example.org&password=wrong-password-1`,
    });
    expect(failed.statusCode).toBe(401);
    return t;
  }

  const rows = (app: TestApp) => app.platform.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();

  it("records the submission, the sign-in, the list, the read and the reply, without any report content", async () => {
    const app = await withActivity();
    const log = await rows(app);
    expect(log.map((r) => r.action)).toEqual([
      "report.submit",
      "staff.login",
      "report.list",
      "report.read",
      "report.reply",
      "staff.login_failed",
    ]);
    expect(log[0]?.actor).toBe("reporter");
    expect(log[3]?.actor).toMatch(/^user:/);
    expect(log[3]?.target_type).toBe("report");
    const dump = JSON.stringify(log);
    expect(dump).not.toContain("yellow house");
    expect(dump).not.toContain("hello");
    expect(dump).not.toContain("nobody@example.org");
    expect(log[5]?.detail).toBe(JSON.stringify({ reason: "unknown_email" }));
    expect(await verifyAudit(app.platform)).toEqual({ rows: 6, problems: [] });
  });

  it("names a row whose content was altered", async () => {
    const app = await withActivity();
    await app.platform.db
      .updateTable("audit_log")
      .set({ action: "report.list" })
      .where("seq", "=", 4)
      .execute();
    const { problems } = await verifyAudit(app.platform);
    expect(problems).toEqual([{ seq: 4, problem: "altered", message: "row 4 was altered" }]);
  });

  it("names a row deleted from the middle", async () => {
    const app = await withActivity();
    await app.platform.db.deleteFrom("audit_log").where("seq", "=", 3).execute();
    const { problems } = await verifyAudit(app.platform);
    expect(problems.map((p) => [p.seq, p.problem])).toEqual([
      [3, "missing"],
      [4, "out_of_chain"],
    ]);
  });

  it("names rows that were swapped", async () => {
    const app = await withActivity();
    const db = app.platform.db;
    // Swap rows 2 and 3 wholesale except for their position.
    await db.updateTable("audit_log").set({ seq: 1000 }).where("seq", "=", 2).execute();
    await db.updateTable("audit_log").set({ seq: 2 }).where("seq", "=", 3).execute();
    await db.updateTable("audit_log").set({ seq: 3 }).where("seq", "=", 1000).execute();
    const { problems } = await verifyAudit(app.platform);
    const named = new Set(problems.map((p) => p.seq));
    expect(named.has(2)).toBe(true);
    expect(named.has(3)).toBe(true);
  });

  it("notices rows cut from the end", async () => {
    const app = await withActivity();
    await app.platform.db.deleteFrom("audit_log").where("seq", ">=", 4).execute();
    const { problems } = await verifyAudit(app.platform);
    expect(problems).toEqual([
      { seq: 4, problem: "truncated", message: "rows 4 to 6 were cut from the end" },
    ]);
  });

  it("cannot be re-forged with a plain hash by someone holding only the database", async () => {
    const app = await withActivity();
    const { createHash } = await import("node:crypto");
    const forged = createHash("sha256").update("anything").digest("hex");
    await sql`update audit_log set hash = ${forged} where seq = 6`.execute(app.platform.db);
    const { problems } = await verifyAudit(app.platform);
    expect(problems.map((p) => p.seq)).toContain(6);
  });

  it("keeps one unbroken chain when many events are appended at once", async () => {
    t = await startTestApp(dialect);
    const app = t;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendAudit(app.platform, { actor: "system", action: "test.concurrent", detail: { i } }),
      ),
    );
    const log = await rows(app);
    expect(log.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await verifyAudit(app.platform)).toEqual({ rows: 40, problems: [] });
  });

  it("`lantern audit verify` says the chain is intact, then names the altered row and exits 1", async () => {
    const app = await withActivity();
    const env = {
      ...process.env,
      LANTERN_DATABASE_URL: app.platform.config.databaseUrl,
      LANTERN_MASTER_KEY: app.platform.config.masterKey ?? "",
      LANTERN_DATA_DIR: app.dataDir,
      LANTERN_LOG_LEVEL: "warn",
    };
    const ok = await run("node", [BIN, "audit", "verify"], { env });
    expect(ok.stdout).toContain("Audit log intact: 6 rows");
    await app.platform.db
      .updateTable("audit_log")
      .set({ actor: "user:someone-else" })
      .where("seq", "=", 2)
      .execute();
    const broken = await run("node", [BIN, "audit", "verify"], { env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect("code" in broken ? broken.code : 0).toBe(1);
    expect(broken.stdout).toContain("row 2: altered: row 2 was altered");
  });
});

describe.each(dialects())("browsing the audit log (%s)", (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());

  it("shows an admin their organisation's entries with filters, and refuses a coordinator", async () => {
    t = await startTestApp(dialect);
    const mine = await buildOrganisation(t.platform, { countries: ["ES"] });
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    const admin = await signIn(t.app, (await buildUser(t.platform, mine.slug, "admin")).email);
    const coordinator = await signIn(t.app, (await buildUser(t.platform, mine.slug, "coordinator")).email);
    await signIn(t.app, (await buildUser(t.platform, other.slug, "admin")).email);
    await t.app.inject({ method: "GET", url: "/staff/reports", cookies: coordinator });

    const page = await t.app.inject({ method: "GET", url: "/staff/audit", cookies: admin });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("report.list");
    expect(page.body.match(/<td>staff\.login<\/td>/g)).toHaveLength(2); // the admin's and the coordinator's, not the other organisation's
    const filtered = await t.app.inject({
      method: "GET",
      url: "/staff/audit?action=report.list&from=2000-01-01",
      cookies: admin,
    });
    expect(filtered.body).not.toContain("<td>staff.login</td>");
    expect(filtered.body).toContain("<td>report.list</td>");

    const refused = await t.app.inject({ method: "GET", url: "/staff/audit", cookies: coordinator });
    expect(refused.statusCode).toBe(403);
    const bad = await t.app.inject({ method: "GET", url: "/staff/audit?from=yesterday", cookies: admin });
    expect(bad.statusCode).toBe(400);

    const reads = await t.platform.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "audit.read")
      .execute();
    expect(reads.length).toBe(2);
  });
});
