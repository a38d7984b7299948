import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOrganisation,
  buildUser,
  followUpPage,
  postStaffForm,
  reporterWrites,
  sendReport,
  signIn,
} from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("report page and workflow (%s)", (dialect) => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let caseworker: Record<string, string>;
  let caseworkerId: string;
  let coordinatorId: string;
  let analystId: string;
  let strangerId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    const c = await buildUser(t.platform, org.slug, "coordinator");
    const w = await buildUser(t.platform, org.slug, "caseworker");
    coordinatorId = c.id;
    caseworkerId = w.id;
    analystId = (await buildUser(t.platform, org.slug, "analyst")).id;
    strangerId = (await buildUser(t.platform, other.slug, "caseworker")).id;
    coordinator = await signIn(t.app, c.email);
    caseworker = await signIn(t.app, w.email);
  });
  afterAll(() => t.close());

  const page = (id: string, cookies = coordinator) =>
    t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies });
  const api = (id: string, path: string, payload: Record<string, unknown>, cookies = coordinator) =>
    t.app.inject({ method: "POST", url: `/api/v1/staff/reports/${id}/${path}`, cookies, payload });
  const copy = (id: string) =>
    t.platform.db
      .selectFrom("report_copies")
      .selectAll()
      .where("report_id", "=", id)
      .executeTakeFirstOrThrow();
  const eventCount = async (id: string) =>
    (await t.platform.db.selectFrom("report_events").select("id").where("report_id", "=", id).execute())
      .length;
  const auditActions = async (id: string) =>
    (
      await t.platform.db
        .selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", id)
        .orderBy("seq")
        .execute()
    ).map((r) => r.action);
  const text = (res: LightMyRequestResponse) =>
    decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
  const timeline = (res: LightMyRequestResponse) =>
    [...res.body.matchAll(/data-event="([a-z_]+)"/g)].map((m) => m[1]);

  it("shows the decrypted answers, the indicators and an urgency raised at submission", async () => {
    const danger = await sendReport(t.app, t.platform, {
      danger: "yes",
      narrative: "Canary-danger: a woman locked in a flat above the bakery.",
      online: "https://ads.example.invalid/77",
    });
    const children = await sendReport(t.app, t.platform, { children: "yes" });
    const plain = await sendReport(t.app, t.platform);
    const res = await page(danger.id);
    expect(res.statusCode).toBe(200);
    const shown = text(res);
    expect(shown).toContain("Canary-danger: a woman locked in a flat above the bakery.");
    expect(shown).toContain("https://ads.example.invalid/77");
    expect(shown).toContain("Urgency Urgent Assigned");
    expect(shown).toContain("Danger now");
    expect(text(await page(children.id))).toContain("Urgency High");
    expect(text(await page(plain.id))).toContain("Urgency Normal");
    expect(await auditActions(danger.id)).toContain("report.read");
  });

  it("walks new → in review → escalated → referred → closed with a reason, and sets the closing time", async () => {
    const { id } = await sendReport(t.app, t.platform);
    for (const status of ["in_review", "escalated", "referred"]) {
      const res = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/status`, { status });
      expect([status, res.statusCode, res.headers.location]).toEqual([
        status,
        303,
        `/staff/reports/${id}?done=status`,
      ]);
      expect((await copy(id)).status).toBe(status);
    }
    expect((await copy(id)).closed_at).toBeNull();
    const closed = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/status`, {
      status: "closed",
      closeReason: "referred_to_police",
    });
    expect(closed.statusCode).toBe(303);
    const row = await copy(id);
    expect([row.status, row.close_reason]).toEqual(["closed", "referred_to_police"]);
    expect(Date.parse(row.closed_at ?? "")).toBeGreaterThan(Date.now() - 60_000);
    const shown = text(await page(id));
    expect(shown).toContain("Reason for closing Referred to the police");
    expect(shown).toContain("Closed: Referred to the police");
    expect((await auditActions(id)).filter((a) => a === "report.update")).toHaveLength(4);
  });

  it("refuses a transition the table does not allow, with a clear message and nothing changed", async () => {
    const { id } = await sendReport(t.app, t.platform);
    const before = await eventCount(id);
    const same = await api(id, "status", { status: "new" });
    expect(same.statusCode).toBe(409);
    expect(same.json().error.id).toBe("invalid_transition");
    const unknown = await api(id, "status", { status: "archived" });
    expect([unknown.statusCode, unknown.json().error.id]).toEqual([400, "invalid_status"]);
    const reasonless = await api(id, "status", { status: "in_review", closeReason: "resolved" });
    expect([reasonless.statusCode, reasonless.json().error.id]).toEqual([400, "close_reason_not_allowed"]);
    const form = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/status`, { status: "bogus" });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('href="#f-status"');
    expect(text(form)).toContain("Choose a status from the list");
    expect((await copy(id)).status).toBe("new");
    expect(await eventCount(id)).toBe(before);
  });

  it("requires a known reason to close, keeping what was chosen on the page", async () => {
    const { id } = await sendReport(t.app, t.platform);
    const res = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/status`, { status: "closed" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-closeReason"');
    expect(text(res)).toContain("Choose why the report is closed");
    expect(res.body).toMatch(/<option value="closed" selected/);
    const bad = await api(id, "status", { status: "closed", closeReason: "bored" });
    expect([bad.statusCode, bad.json().error.id]).toEqual([400, "invalid_close_reason"]);
    const row = await copy(id);
    expect([row.status, row.closed_at, row.close_reason]).toEqual(["new", null, null]);
  });

  it("lets a coordinator reopen a closed report, not a caseworker", async () => {
    const { id } = await sendReport(t.app, t.platform);
    expect((await api(id, "status", { status: "closed", closeReason: "resolved" })).statusCode).toBe(200);
    const refused = await api(id, "status", { status: "in_review" }, caseworker);
    expect([refused.statusCode, refused.json().error.id]).toEqual([403, "forbidden"]);
    const other = await api(id, "status", { status: "referred" });
    expect(other.statusCode).toBe(409);
    const reopened = await api(id, "status", { status: "in_review" });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: "in_review", closeReason: null, closedAt: null });
  });

  it("keeps the timeline consistent when colleagues change the status at the same moment", async () => {
    const { id } = await sendReport(t.app, t.platform);
    const wanted = ["in_review", "escalated", "referred", "in_review", "escalated"];
    const results = await Promise.all(wanted.map((status) => api(id, "status", { status })));
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    const events = await t.platform.db
      .selectFrom("report_events")
      .select("detail")
      .where("report_id", "=", id)
      .where("kind", "=", "status")
      .orderBy("at")
      .orderBy("id")
      .execute();
    const moves = events.map((e) => JSON.parse(e.detail) as { from: string; to: string });
    expect(moves).toHaveLength(results.filter((r) => r.statusCode === 200).length);
    // Each change starts where the one before it ended: no change was decided on a stale status.
    let at = "new";
    for (const m of moves) {
      expect(m.from).toBe(at);
      at = m.to;
    }
    expect((await copy(id)).status).toBe(at);
  });

  it("lets staff change the urgency, in the timeline and the audit log", async () => {
    const { id } = await sendReport(t.app, t.platform);
    const res = await postStaffForm(t.app, caseworker, `/staff/reports/${id}/urgency`, { urgency: "urgent" });
    expect(res.statusCode).toBe(303);
    expect((await copy(id)).urgency).toBe(2);
    const lowered = await api(id, "urgency", { urgency: "normal" });
    expect(lowered.json().urgency).toBe("normal");
    const bad = await api(id, "urgency", { urgency: "extreme" });
    expect(bad.statusCode).toBe(400);
    const badForm = await postStaffForm(t.app, caseworker, `/staff/reports/${id}/urgency`, {
      urgency: "extreme",
    });
    expect(badForm.statusCode).toBe(400);
    expect((await copy(id)).urgency).toBe(0);
    const shown = text(await page(id));
    expect(shown).toContain("Urgency set to Urgent ·");
    expect(shown).toContain("Urgency set to Normal");
  });

  it("assigns to colleagues who can read reports, and nobody else", async () => {
    const { id } = await sendReport(t.app, t.platform);
    const ok = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/assign`, {
      assignee: caseworkerId,
    });
    expect(ok.statusCode).toBe(303);
    expect((await copy(id)).assignee_id).toBe(caseworkerId);
    expect(text(await page(id))).toContain("Assigned to Test caseworker");

    const stranger = await postStaffForm(t.app, coordinator, `/staff/reports/${id}/assign`, {
      assignee: strangerId,
    });
    expect(stranger.statusCode).toBe(400);
    expect(text(stranger)).toContain("Choose a colleague of your organisation who can read reports");
    const analyst = await api(id, "assign", { assignee: analystId });
    expect([analyst.statusCode, analyst.json().error.id]).toEqual([400, "invalid_assignee"]);
    const garbage = await api(id, "assign", { assignee: "'; drop table users" });
    expect(garbage.statusCode).toBe(400);
    expect((await copy(id)).assignee_id).toBe(caseworkerId);

    // A caseworker takes a report for themselves, from the inbox, and cannot hand it to someone else.
    const { id: second } = await sendReport(t.app, t.platform);
    const mine = await postStaffForm(t.app, caseworker, `/staff/reports/${second}/assign`, {
      assignee: "me",
      return: "inbox",
    });
    expect([mine.statusCode, mine.headers.location]).toEqual([303, "/staff/reports"]);
    expect((await copy(second)).assignee_id).toBe(caseworkerId);
    const handOff = await api(second, "assign", { assignee: coordinatorId }, caseworker);
    expect([handOff.statusCode, handOff.json().error.id]).toEqual([403, "forbidden"]);
    const none = await api(second, "assign", { assignee: "none" });
    expect(none.json().assigneeId).toBeNull();
    expect(await auditActions(second)).toEqual(expect.arrayContaining(["report.assign"]));
  });

  it("keeps internal notes sealed and never shows them at follow-up", async () => {
    const { id, code } = await sendReport(t.app, t.platform);
    const note = "Canary-note: spoke to the labour inspectorate.";
    const res = await postStaffForm(t.app, caseworker, `/staff/reports/${id}/notes`, { note });
    expect([res.statusCode, res.headers.location]).toEqual([303, `/staff/reports/${id}?done=note`]);
    expect(await api(id, "notes", { note: "Canary-note-api: second note." })).toMatchObject({
      statusCode: 200,
    });
    const shown = text(await page(id));
    expect(shown).toContain(note);
    expect(shown).toContain("Canary-note-api: second note.");
    const detail = await t.app.inject({
      method: "GET",
      url: `/api/v1/staff/reports/${id}`,
      cookies: coordinator,
    });
    expect(detail.json().notes.map((n: { body: string }) => n.body)).toEqual([
      note,
      "Canary-note-api: second note.",
    ]);

    const reporter = await followUpPage(t.app, code);
    expect(reporter.statusCode).toBe(200);
    expect(reporter.body).not.toContain("Canary-note");
    const apiView = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { "lantern-receipt-code": code },
    });
    expect(apiView.body).not.toContain("Canary-note");
    expect(await t.dumpAllRows()).not.toContain("Canary-note");
    expect(await auditActions(id)).toContain("report.note");

    const empty = await postStaffForm(t.app, caseworker, `/staff/reports/${id}/notes`, { note: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#f-note"');
    expect((await api(id, "notes", { note: "" })).statusCode).toBe(400);
    expect((await api(id, "notes", { note: "x", extra: 1 })).statusCode).toBe(400);
  });

  it("records every change in the timeline, in order, with who did it", async () => {
    const { id, code } = await sendReport(t.app, t.platform);
    await postStaffForm(t.app, coordinator, `/staff/reports/${id}/assign`, { assignee: "me" });
    await postStaffForm(t.app, coordinator, `/staff/reports/${id}/urgency`, { urgency: "high" });
    await postStaffForm(t.app, coordinator, `/staff/reports/${id}/notes`, { note: "First look done." });
    await postStaffForm(t.app, coordinator, `/staff/reports/${id}/reply`, {
      message: "Thank you for telling us.",
    });
    await reporterWrites(t.app, code, "The van came back today.");
    await postStaffForm(t.app, coordinator, `/staff/reports/${id}/status`, { status: "escalated" });
    const res = await page(id);
    expect(timeline(res)).toEqual([
      "received",
      "assigned",
      "urgency",
      "note",
      "reply",
      "status",
      "reporter_message",
      "status",
    ]);
    const shown = text(res);
    expect(shown).toContain("Report received (partner app)");
    expect(shown).toContain("Status changed from New to In review · Test coordinator");
    expect(shown).toContain("Status changed from In review to Escalated");
    expect(shown).toContain("The reporter wrote a message");
  });

  it("clears the unread flags when the page is opened after the reporter writes", async () => {
    const { id, code } = await sendReport(t.app, t.platform);
    await page(id);
    expect((await copy(id)).unread).toBe(0);
    await reporterWrites(t.app, code, "More details: the address is behind the station.");
    expect(await copy(id)).toMatchObject({ unread: 1, unread_messages: 1 });
    const res = await page(id);
    expect(text(res)).toContain("More details: the address is behind the station.");
    expect(await copy(id)).toMatchObject({ unread: 0, unread_messages: 0 });
  });

  it("answers 404 for another organisation's report on every action, and changes nothing", async () => {
    const foreign = await sendReport(t.app, t.platform, { country: "FR" });
    for (const [path, body] of [
      ["status", { status: "in_review" }],
      ["urgency", { urgency: "urgent" }],
      ["assign", { assignee: "me" }],
      ["notes", { note: "Not ours." }],
      ["reply", { message: "Not ours." }],
    ] as const) {
      const res = await api(foreign.id, path, body);
      expect([path, res.statusCode, res.json().error.id]).toEqual([path, 404, "report_not_found"]);
      const form = await postStaffForm(t.app, coordinator, `/staff/reports/${foreign.id}/${path}`, {
        ...body,
      });
      expect([path, form.statusCode]).toEqual([path, 404]);
    }
    expect(await eventCount(foreign.id)).toBe(0);
    expect((await copy(foreign.id)).urgency).toBe(0);
  });

  it("still names a colleague whose account was disabled, and no longer offers them as assignee", async () => {
    const org = await buildOrganisation(t.platform, { countries: ["PT"] });
    const leaving = await buildUser(t.platform, org.slug, "caseworker", { name: "Marta Leaving" });
    const lead = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
    const { id } = await sendReport(t.app, t.platform, { country: "PT" });
    const hers = await signIn(t.app, leaving.email);
    const replied = await postStaffForm(t.app, hers, `/staff/reports/${id}/reply`, {
      message: "We have read your message.",
    });
    expect(replied.statusCode).toBe(303);
    await t.platform.db
      .updateTable("users")
      .set({ disabled_at: new Date().toISOString() })
      .where("id", "=", leaving.id)
      .execute();

    const body = decodeEntities((await page(id, lead)).body);
    expect(body).toContain("Marta Leaving");
    expect(body).not.toContain(`<option value="${leaving.id}"`);
  });
});
