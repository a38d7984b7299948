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

describe.each(dialects())("sharing a report with another organisation (%s)", (dialect) => {
  let t: TestApp;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let a: Record<string, string>;
  let b: Record<string, string>;
  let bCaseworker: Record<string, string>;
  let c: Record<string, string>;
  let bUserId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const oa = await buildOrganisation(t.platform, { countries: ["ES"], name: "Alba Hotline" });
    const ob = await buildOrganisation(t.platform, { countries: ["FR"], name: "Brise Shelter" });
    const oc = await buildOrganisation(t.platform, { countries: ["PT"], name: "Costa Network" });
    [orgA, orgB, orgC] = [oa.id, ob.id, oc.id];
    a = await signIn(t.app, (await buildUser(t.platform, oa.slug, "coordinator")).email);
    const bUser = await buildUser(t.platform, ob.slug, "coordinator");
    bUserId = bUser.id;
    b = await signIn(t.app, bUser.email);
    bCaseworker = await signIn(t.app, (await buildUser(t.platform, ob.slug, "caseworker")).email);
    c = await signIn(t.app, (await buildUser(t.platform, oc.slug, "coordinator")).email);
  });
  afterAll(() => t.close());

  const page = (id: string, cookies: Record<string, string>) =>
    t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies });
  const apiPost = (url: string, cookies: Record<string, string>, payload?: Record<string, unknown>) =>
    t.app.inject({ method: "POST", url, cookies, ...(payload ? { payload } : {}) });
  const offer = (id: string, organisationId: string, cookies = a) =>
    apiPost(`/api/v1/staff/reports/${id}/shares`, cookies, { organisationId });
  const text = (res: LightMyRequestResponse) =>
    decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
  const copyOf = (id: string, org: string) =>
    t.platform.db
      .selectFrom("report_copies")
      .selectAll()
      .where("report_id", "=", id)
      .where("organisation_id", "=", org)
      .executeTakeFirst();

  it("lets the receiver read only after accepting, with their own copy and not the sharer's notes", async () => {
    const r = await sendReport(t.app, t.platform, {
      narrative: "Canary-shared: the bus to Lyon.",
      danger: "yes",
    });
    await reporterWrites(t.app, r.code, "Canary-before-share: first message.");
    await postStaffForm(t.app, a, `/staff/reports/${r.id}/notes`, { note: "Canary-private-note of Alba." });

    const offered = await postStaffForm(t.app, a, `/staff/reports/${r.id}/shares`, { organisation: orgB });
    expect([offered.statusCode, offered.headers.location]).toEqual([
      303,
      `/staff/reports/${r.id}?done=shared`,
    ]);
    expect(text(await page(r.id, a))).toContain("Offered to Brise Shelter");

    // Offered is not accepted: nothing to read yet.
    expect((await page(r.id, b)).statusCode).toBe(404);
    const early = await t.app.inject({ method: "GET", url: `/api/v1/staff/reports/${r.id}`, cookies: b });
    expect([early.statusCode, early.json().error.id]).toEqual([404, "report_not_found"]);

    const list = await t.app.inject({ method: "GET", url: "/staff/shares", cookies: b });
    expect(text(list)).toContain("Shared with you (1)");
    expect(list.body).toContain('href="/staff/shares"');
    expect(text(list)).toContain("Alba Hotline");
    expect(text(list)).toContain("Urgent");
    expect(list.body).not.toContain("Canary-shared");
    const shareId = list.body.match(/data-share="([0-9a-f]+)"/)?.[1] ?? "";
    expect(shareId).not.toBe("");

    const accepted = await postStaffForm(t.app, b, `/staff/shares/${shareId}/accept`, {});
    expect([accepted.statusCode, accepted.headers.location]).toEqual([
      303,
      `/staff/reports/${r.id}?done=accepted`,
    ]);
    const seen = await page(r.id, b);
    expect(seen.statusCode).toBe(200);
    expect(text(seen)).not.toContain("Shared with you (");
    expect(text(seen)).toContain("Canary-shared: the bus to Lyon.");
    expect(text(seen)).toContain("Shared with you by Alba Hotline.");
    expect(seen.body).not.toContain("Canary-private-note");
    expect(seen.body).not.toContain("Canary-before-share");
    const copy = await copyOf(r.id, orgB);
    expect(copy).toMatchObject({ status: "new", urgency: 2, share_id: shareId });
    // Sealed under B's key: A's ciphertext is not B's.
    expect(copy?.payload).not.toBe((await copyOf(r.id, orgA))?.payload);
    expect(text(await page(r.id, a))).toContain("Brise Shelter accepted the share");

    const reads = await t.platform.db
      .selectFrom("audit_log")
      .select(["actor", "organisation_id"])
      .where("target_id", "=", r.id)
      .where("action", "=", "report.read")
      .execute();
    expect(reads).toContainEqual({ actor: `user:${bUserId}`, organisation_id: orgB });

    // From now on the reporter's thread reaches B too, and B's replies reach the reporter.
    await reporterWrites(t.app, r.code, "Canary-after-share: second message.");
    expect(text(await page(r.id, b))).toContain("Canary-after-share: second message.");
    await postStaffForm(t.app, b, `/staff/reports/${r.id}/reply`, { message: "Canary-reply-from-B." });
    const followUp = text(await followUpPage(t.app, r.code));
    expect(followUp).toContain("Canary-reply-from-B.");
    expect(followUp).toContain("Canary-before-share: first message.");
    expect(followUp.match(/Canary-after-share/g)).toHaveLength(1);
  });

  it("removes the receiver's copy, thread and timeline when the sharer revokes", async () => {
    const r = await sendReport(t.app, t.platform);
    const shareId: string = (await offer(r.id, orgB)).json().shareId;
    expect((await apiPost(`/api/v1/staff/shares/${shareId}/accept`, b)).json()).toEqual({ reportId: r.id });
    await postStaffForm(t.app, b, `/staff/reports/${r.id}/notes`, { note: "B's own note." });
    await postStaffForm(t.app, b, `/staff/reports/${r.id}/reply`, { message: "Hello from B." });

    // Only the sharer revokes.
    expect((await apiPost(`/api/v1/staff/shares/${shareId}/revoke`, b)).statusCode).toBe(404);
    const revoked = await postStaffForm(t.app, a, `/staff/shares/${shareId}/revoke`, {});
    expect([revoked.statusCode, revoked.headers.location]).toEqual([
      303,
      `/staff/reports/${r.id}?done=revoked`,
    ]);
    expect((await page(r.id, b)).statusCode).toBe(404);
    expect(await copyOf(r.id, orgB)).toBeUndefined();
    for (const table of ["report_messages", "report_events"] as const) {
      const left = await t.platform.db
        .selectFrom(table)
        .select("id")
        .where("report_id", "=", r.id)
        .where("organisation_id", "=", orgB)
        .execute();
      expect([table, left.length]).toEqual([table, 0]);
    }
    expect(text(await page(r.id, a))).toContain("Share with Brise Shelter revoked");
    const steps = await t.platform.db
      .selectFrom("audit_log")
      .select("detail")
      .where("target_id", "=", r.id)
      .where("action", "=", "report.share")
      .orderBy("seq")
      .execute();
    expect(steps.map((s) => JSON.parse(s.detail).step)).toEqual(["offered", "accepted", "revoked"]);
    const again = await apiPost(`/api/v1/staff/shares/${shareId}/revoke`, a);
    expect([again.statusCode, again.json().error.id]).toEqual([409, "share_not_revocable"]);
  });

  it("leaves the receiver's own duplicates readable when the report they were merged into is revoked", async () => {
    const r = await sendReport(t.app, t.platform);
    const own = await sendReport(t.app, t.platform, { country: "FR" });
    const shareId: string = (await offer(r.id, orgB)).json().shareId;
    await apiPost(`/api/v1/staff/shares/${shareId}/accept`, b);
    expect((await apiPost(`/api/v1/staff/reports/${own.id}/merge`, b, { into: r.id })).statusCode).toBe(200);
    await apiPost(`/api/v1/staff/shares/${shareId}/revoke`, a);
    expect((await copyOf(own.id, orgB))?.merged_into).toBeNull();
    const stillThere = await page(own.id, b);
    expect(stillThere.statusCode).toBe(200);
    expect(stillThere.body).not.toContain(`href="/staff/reports/${r.id}"`);
  });

  it("lets the receiver decline, and an answered share cannot be answered again", async () => {
    const r = await sendReport(t.app, t.platform);
    const shareId: string = (await offer(r.id, orgB)).json().shareId;
    const declined = await postStaffForm(t.app, b, `/staff/shares/${shareId}/decline`, {});
    expect([declined.statusCode, declined.headers.location]).toEqual([303, "/staff/shares?done=declined"]);
    expect((await page(r.id, b)).statusCode).toBe(404);
    expect(text(await page(r.id, a))).toContain("Brise Shelter declined the share");
    const late = await apiPost(`/api/v1/staff/shares/${shareId}/accept`, b);
    expect([late.statusCode, late.json().error.id]).toEqual([409, "share_not_pending"]);
    // A declined share can be offered again.
    expect((await offer(r.id, orgB)).statusCode).toBe(201);
  });

  it("refuses bad offers and answers from anyone but the receiving organisation's coordinators", async () => {
    const r = await sendReport(t.app, t.platform);
    const self = await offer(r.id, orgA);
    expect([self.statusCode, self.json().error.id]).toEqual([400, "share_with_self"]);
    const nobody = await offer(r.id, "no-such-organisation");
    expect([nobody.statusCode, nobody.json().error.id]).toEqual([400, "invalid_organisation"]);
    expect(
      (await apiPost(`/api/v1/staff/reports/${r.id}/shares`, a, { organisationId: orgB, x: 1 })).statusCode,
    ).toBe(400);
    const shareId: string = (await offer(r.id, orgB)).json().shareId;
    const twice = await offer(r.id, orgB);
    expect([twice.statusCode, twice.json().error.id]).toEqual([409, "already_shared"]);
    const form = await postStaffForm(t.app, a, `/staff/reports/${r.id}/shares`, { organisation: orgB });
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('href="#f-organisation"');
    expect(text(form)).toContain("This report is already shared with that organisation");

    expect((await apiPost(`/api/v1/staff/shares/${shareId}/accept`, c)).statusCode).toBe(404);
    expect((await apiPost(`/api/v1/staff/shares/${shareId}/accept`, bCaseworker)).statusCode).toBe(403);
    expect((await apiPost(`/api/v1/staff/shares/${shareId}/accept`, b)).statusCode).toBe(200);
    const reshare = await offer(r.id, orgC, b);
    expect([reshare.statusCode, reshare.json().error.id]).toEqual([409, "cannot_reshare"]);
    const has = await offer(r.id, orgB);
    expect(has.statusCode).toBe(409);
    const shares = await t.platform.db
      .selectFrom("report_shares")
      .select("id")
      .where("report_id", "=", r.id)
      .execute();
    expect(shares).toHaveLength(1);
  });
});
