import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOrganisation,
  buildUser,
  postStaffForm,
  reporterWrites,
  sendReport,
  signIn,
} from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("merging a duplicate into another report (%s)", (dialect) => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    await buildOrganisation(t.platform, { countries: ["FR"] });
    coordinator = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
    caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
  });
  afterAll(() => t.close());

  const merge = (id: string, into: string, cookies = coordinator) =>
    t.app.inject({ method: "POST", url: `/api/v1/staff/reports/${id}/merge`, cookies, payload: { into } });
  const copy = (id: string) =>
    t.platform.db
      .selectFrom("report_copies")
      .selectAll()
      .where("report_id", "=", id)
      .executeTakeFirstOrThrow();
  const page = (id: string) =>
    t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies: coordinator });
  const text = (res: LightMyRequestResponse) =>
    decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");

  it("closes the duplicate as a duplicate, links both ways and notes it in the target's timeline", async () => {
    const target = await sendReport(t.app, t.platform, { narrative: "Canary-target: the farm." });
    const dup = await sendReport(t.app, t.platform, { narrative: "Canary-dup: the same farm again." });
    await reporterWrites(t.app, dup.code, "Canary-dup-thread: they moved the workers.");
    const res = await postStaffForm(t.app, coordinator, `/staff/reports/${dup.id}/merge`, {
      into: target.id,
    });
    expect([res.statusCode, res.headers.location]).toEqual([303, `/staff/reports/${dup.id}?done=merged`]);

    const row = await copy(dup.id);
    expect([row.merged_into, row.status, row.close_reason]).toEqual([target.id, "closed", "duplicate"]);
    expect(row.closed_at).not.toBeNull();

    const targetPage = await page(target.id);
    expect(targetPage.body).toContain(`href="/staff/reports/${dup.id}"`);
    expect(text(targetPage)).toContain(`Report ${dup.id} merged into this one as a duplicate`);
    // The duplicate's own thread stays readable from its page, which points to the target.
    const dupPage = await page(dup.id);
    expect(dupPage.body).toContain(`href="/staff/reports/${target.id}"`);
    expect(text(dupPage)).toContain("Canary-dup-thread: they moved the workers.");
    expect(text(dupPage)).toContain("Status Closed Reason for closing Duplicate");
    const audit = await t.platform.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("target_id", "=", dup.id)
      .where("action", "=", "report.merge")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail).into)).toEqual([target.id]);
  });

  it("marks the target unread when the duplicate's reporter writes again", async () => {
    const target = await sendReport(t.app, t.platform);
    const dup = await sendReport(t.app, t.platform);
    expect((await merge(dup.id, target.id)).statusCode).toBe(200);
    await page(target.id);
    expect(await copy(target.id)).toMatchObject({ unread: 0, unread_messages: 0 });
    await reporterWrites(t.app, dup.code, "I remembered the licence plate.");
    expect(await copy(target.id)).toMatchObject({ unread: 1, unread_messages: 1 });
  });

  it("refuses merging into itself, into a merged report, a merged report again, and chains", async () => {
    const a = await sendReport(t.app, t.platform);
    const b = await sendReport(t.app, t.platform);
    const c = await sendReport(t.app, t.platform);
    const foreign = await sendReport(t.app, t.platform, { country: "FR" });
    const itself = await merge(a.id, a.id);
    expect([itself.statusCode, itself.json().error.id]).toEqual([400, "merge_into_itself"]);
    expect((await merge(a.id, b.id)).statusCode).toBe(200);
    const intoMerged = await merge(c.id, a.id);
    expect([intoMerged.statusCode, intoMerged.json().error.id]).toEqual([409, "merge_target_merged"]);
    const again = await merge(a.id, c.id);
    expect([again.statusCode, again.json().error.id]).toEqual([409, "already_merged"]);
    const chain = await merge(b.id, c.id);
    expect([chain.statusCode, chain.json().error.id]).toEqual([409, "merge_chain"]);
    const elsewhere = await merge(c.id, foreign.id);
    expect([elsewhere.statusCode, elsewhere.json().error.id]).toEqual([400, "merge_target_not_found"]);
    const badId = await merge(c.id, "not-an-id");
    expect(badId.statusCode).toBe(400);
    expect((await merge(c.id, b.id, caseworker)).statusCode).toBe(403);
    expect((await copy(c.id)).merged_into).toBeNull();
    expect((await copy(b.id)).merged_into).toBeNull();

    // A merged report's status stays where merging put it.
    const status = await t.app.inject({
      method: "POST",
      url: `/api/v1/staff/reports/${a.id}/status`,
      cookies: coordinator,
      payload: { status: "in_review" },
    });
    expect([status.statusCode, status.json().error.id]).toEqual([409, "report_merged"]);

    const form = await postStaffForm(t.app, coordinator, `/staff/reports/${c.id}/merge`, { into: c.id });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('href="#f-into"');
    expect(text(form)).toContain("A report cannot be merged into itself");
    expect(form.body).toContain(`value="${c.id}"`);
  });
});
