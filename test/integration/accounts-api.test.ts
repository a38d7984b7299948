import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../src/modules/accounts/api-tokens.service.ts";
import type { Role } from "../../src/modules/accounts/permissions.ts";
import { buildOrganisation, buildUser, sendReport, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

/** Who makes a request: a session's cookies, an API token, or nobody. */
type As = { cookies: Record<string, string> } | { token: string } | "nobody";

describe.each(dialects())("the admin console's actions in the JSON API (%s)", (dialect) => {
  let t: TestApp;
  let org: { id: string; slug: string };
  let other: { id: string; slug: string };
  let admin: { id: string; email: string };
  let session: As;
  let writeToken: As;
  let readToken: As;
  let otherAdmin: As;

  async function tokenFor(
    user: { id: string },
    organisationId: string,
    role: Role,
    access: "read" | "write",
  ) {
    const { token } = await createApiToken(
      t.platform,
      { userId: user.id, organisationId, role },
      { name: `${access} token`, access },
    );
    return { token };
  }

  function call(as: As, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
    return t.app.inject({
      method,
      url,
      cookies: as !== "nobody" && "cookies" in as ? as.cookies : {},
      headers: as !== "nobody" && "token" in as ? { authorization: `Bearer ${as.token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  }

  const errorOf = (res: LightMyRequestResponse) => [res.statusCode, res.json().error?.id];

  const auditOf = (action: string) =>
    t.platform.db
      .selectFrom("audit_log")
      .select(["actor", "organisation_id", "target_type", "target_id", "detail"])
      .where("action", "=", action)
      .orderBy("seq")
      .execute();

  const userRow = (id: string) =>
    t.platform.db
      .selectFrom("users")
      .select(["role", "disabled_at", "totp_enabled_at"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await buildOrganisation(t.platform, { name: "Casa Segura", countries: ["ES"] });
    other = await buildOrganisation(t.platform, { name: "Other Shelter", countries: ["FR"] });
    admin = await buildUser(t.platform, org.slug, "admin");
    session = { cookies: await signIn(t.app, admin.email) };
    writeToken = await tokenFor(admin, org.id, "admin", "write");
    readToken = await tokenFor(admin, org.id, "admin", "read");
    const theirs = await buildUser(t.platform, other.slug, "admin");
    otherAdmin = { cookies: await signIn(t.app, theirs.email) };
  });
  afterAll(() => t.close());

  describe("audit log", () => {
    it("answers the organisation's entries with the page's filters, and audits the reading", async () => {
      const before = (await auditOf("audit.read")).length;
      const res = await call(session, "GET", "/api/v1/staff/audit?action=staff.login");
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.entries.length).toBeGreaterThan(0);
      expect(new Set(body.entries.map((e: { action: string }) => e.action))).toEqual(
        new Set(["staff.login"]),
      );
      expect(body.entries.map((e: { actor: string }) => e.actor)).toContain(`user:${admin.id}`);
      expect(body.nextBefore).toBeNull();
      // Another organisation's sign-ins are not in our log.
      expect(JSON.stringify(body)).not.toContain(other.id);
      const reads = await auditOf("audit.read");
      expect(reads.length).toBe(before + 1);
      expect(reads.at(-1)).toMatchObject({ actor: `user:${admin.id}`, organisation_id: org.id });

      // A read token may read it; `before` pages to older entries only.
      const all = await call(readToken, "GET", "/api/v1/staff/audit");
      expect(all.statusCode).toBe(200);
      const seqs: number[] = all.json().entries.map((e: { seq: number }) => e.seq);
      const middle = seqs[Math.floor(seqs.length / 2)] ?? 0;
      const older = await call(readToken, "GET", `/api/v1/staff/audit?before=${middle}`);
      expect(older.json().entries.every((e: { seq: number }) => e.seq < middle)).toBe(true);
    });

    it("refuses bad filters (400), other roles (403) and anyone without credentials (401)", async () => {
      expect(errorOf(await call(session, "GET", "/api/v1/staff/audit?from=yesterday"))).toEqual([
        400,
        "validation_failed",
      ]);
      const coordinator = await buildUser(t.platform, org.slug, "coordinator");
      const cookies = await signIn(t.app, coordinator.email);
      expect(errorOf(await call({ cookies }, "GET", "/api/v1/staff/audit"))).toEqual([403, "forbidden"]);
      expect(errorOf(await call("nobody", "GET", "/api/v1/staff/audit"))).toEqual([401, "not_signed_in"]);
    });
  });

  describe("staff accounts", () => {
    it("lists the organisation's staff as the admin page does, without password or two-factor data", async () => {
      const colleague = await buildUser(t.platform, org.slug, "caseworker");
      for (const as of [session, readToken]) {
        const res = await call(as, "GET", "/api/v1/staff/users");
        expect(res.statusCode).toBe(200);
        const listed = res.json().staff.find((s: { id: string }) => s.id === colleague.id);
        expect(listed).toEqual({
          id: colleague.id,
          name: "Test caseworker",
          email: colleague.email,
          role: "caseworker",
          twoFactor: true,
          lastLoginAt: null,
          disabled: false,
        });
        expect(res.body).not.toMatch(/password|totp|secret|\$argon|\$scrypt/i);
        expect(res.json().staff.every((s: { email: string }) => !s.email.includes(other.slug))).toBe(true);
      }
      const theirs = await call(otherAdmin, "GET", "/api/v1/staff/users");
      expect(theirs.json().staff.map((s: { id: string }) => s.id)).not.toContain(colleague.id);
    });

    it("changes a role, disables, enables and resets two-factor with a session and with a write token, audited", async () => {
      for (const as of [session, writeToken]) {
        const colleague = await buildUser(t.platform, org.slug, "caseworker");
        const theirCookies = await signIn(t.app, colleague.email);

        const role = await call(as, "POST", `/api/v1/staff/users/${colleague.id}/role`, {
          role: "coordinator",
        });
        expect(role.statusCode).toBe(200);
        expect(role.json()).toMatchObject({ id: colleague.id, role: "coordinator", disabled: false });
        expect((await userRow(colleague.id)).role).toBe("coordinator");
        // Their session ended with the change.
        expect(
          (await t.app.inject({ method: "GET", url: "/api/v1/me", cookies: theirCookies })).statusCode,
        ).toBe(401);

        const disabled = await call(as, "POST", `/api/v1/staff/users/${colleague.id}/disable`);
        expect([disabled.statusCode, disabled.json().disabled]).toEqual([200, true]);
        expect((await userRow(colleague.id)).disabled_at).not.toBeNull();
        const enabled = await call(as, "POST", `/api/v1/staff/users/${colleague.id}/enable`);
        expect([enabled.statusCode, enabled.json().disabled]).toEqual([200, false]);
        expect((await userRow(colleague.id)).disabled_at).toBeNull();

        const reset = await call(as, "POST", `/api/v1/staff/users/${colleague.id}/reset-2fa`);
        expect([reset.statusCode, reset.json().twoFactor]).toEqual([200, false]);
        expect((await userRow(colleague.id)).totp_enabled_at).toBeNull();

        const target = { actor: `user:${admin.id}`, target_type: "user", target_id: colleague.id };
        expect((await auditOf("user.role_changed")).filter((a) => a.target_id === colleague.id)).toEqual([
          { ...target, organisation_id: org.id, detail: '{"from":"caseworker","to":"coordinator"}' },
        ]);
        for (const action of ["user.disabled", "user.enabled", "user.totp_reset"]) {
          expect((await auditOf(action)).filter((a) => a.target_id === colleague.id)).toEqual([
            { ...target, organisation_id: org.id, detail: "{}" },
          ]);
        }
      }
    });

    it("refuses a read token on every change (403 insufficient_scope) and changes nothing", async () => {
      const colleague = await buildUser(t.platform, org.slug, "caseworker");
      const attempts: [string, unknown][] = [
        [`/api/v1/staff/users/${colleague.id}/role`, { role: "admin" }],
        [`/api/v1/staff/users/${colleague.id}/disable`, undefined],
        [`/api/v1/staff/users/${colleague.id}/enable`, undefined],
        [`/api/v1/staff/users/${colleague.id}/reset-2fa`, undefined],
        ["/api/v1/staff/invitations", { email: "read-only@example.org", name: "Read", role: "viewer" }],
      ];
      for (const [url, body] of attempts) {
        expect([url, ...errorOf(await call(readToken, "POST", url, body))]).toEqual([
          url,
          403,
          "insufficient_scope",
        ]);
      }
      expect(await userRow(colleague.id)).toMatchObject({ role: "caseworker", disabled_at: null });
      expect((await userRow(colleague.id)).totp_enabled_at).not.toBeNull();
      const invited = await t.platform.db
        .selectFrom("invitations")
        .select("id")
        .where("email", "=", "read-only@example.org")
        .execute();
      expect(invited).toEqual([]);
    });

    it("answers 404 for another organisation's colleague and leaves them untouched", async () => {
      const theirs = await buildUser(t.platform, other.slug, "caseworker");
      for (const [path, body] of [
        ["role", { role: "viewer" }],
        ["disable", undefined],
        ["reset-2fa", undefined],
      ] as const) {
        const res = await call(writeToken, "POST", `/api/v1/staff/users/${theirs.id}/${path}`, body);
        expect([path, ...errorOf(res)]).toEqual([path, 404, "user_not_found"]);
      }
      expect(await userRow(theirs.id)).toMatchObject({ role: "caseworker", disabled_at: null });
      expect((await userRow(theirs.id)).totp_enabled_at).not.toBeNull();
    });

    it("refuses a bad role (400), one's own account (409) and other roles (403)", async () => {
      const colleague = await buildUser(t.platform, org.slug, "caseworker");
      const bad = await call(session, "POST", `/api/v1/staff/users/${colleague.id}/role`, { role: "boss" });
      expect(errorOf(bad)).toEqual([400, "validation_failed"]);
      expect(bad.json().error.details.map((d: { field: string }) => d.field)).toEqual(["role"]);
      expect(
        errorOf(
          await call(session, "POST", `/api/v1/staff/users/${colleague.id}/role`, { role: "viewer", x: 1 }),
        ),
      ).toEqual([400, "validation_failed"]);
      expect(
        errorOf(await call(session, "POST", `/api/v1/staff/users/${admin.id}/role`, { role: "viewer" })),
      ).toEqual([409, "own_role"]);
      expect(errorOf(await call(session, "POST", `/api/v1/staff/users/${admin.id}/disable`))).toEqual([
        409,
        "own_account",
      ]);
      expect((await userRow(colleague.id)).role).toBe("caseworker");
      expect((await userRow(admin.id)).role).toBe("admin");

      const coordinator = await buildUser(t.platform, org.slug, "coordinator");
      const token = await tokenFor(coordinator, org.id, "coordinator", "write");
      expect(
        errorOf(await call(token, "POST", `/api/v1/staff/users/${colleague.id}/role`, { role: "admin" })),
      ).toEqual([403, "forbidden"]);
      expect(errorOf(await call(token, "GET", "/api/v1/staff/users"))).toEqual([403, "forbidden"]);
      expect(errorOf(await call("nobody", "GET", "/api/v1/staff/users"))).toEqual([401, "not_signed_in"]);
      expect(errorOf(await call({ token: "lt_nope" }, "GET", "/api/v1/staff/users"))).toEqual([
        401,
        "invalid_token",
      ]);
    });
  });

  describe("invitations", () => {
    const invitation = (email: string) =>
      t.platform.db.selectFrom("invitations").selectAll().where("email", "=", email).execute();

    it("invites with a session and with a write token: the link is shown once and works; listed; withdrawn", async () => {
      for (const [i, as] of [session, writeToken].entries()) {
        const email = `new-${i}-${dialect}@example.org`;
        const res = await call(as, "POST", "/api/v1/staff/invitations", {
          email: ` ${email.toUpperCase()} `,
          name: "Ana Colleague",
          role: "caseworker",
        });
        expect(res.statusCode).toBe(201);
        const { id, link } = res.json();
        expect(link).toMatch(/\/staff\/invite\/[A-Za-z0-9_-]{43}$/);
        const token = link.split("/").at(-1);
        const rows = await invitation(email);
        expect(rows.map((r) => [r.id, r.organisation_id, r.role])).toEqual([[id, org.id, "caseworker"]]);
        expect(await t.dumpAllRows()).not.toContain(token);
        expect((await t.app.inject({ method: "GET", url: `/staff/invite/${token}` })).statusCode).toBe(200);

        const list = await call(as === session ? session : readToken, "GET", "/api/v1/staff/invitations");
        expect(list.statusCode).toBe(200);
        expect(list.json().invitations.find((x: { id: string }) => x.id === id)).toMatchObject({
          email,
          name: "Ana Colleague",
          role: "caseworker",
          expired: false,
        });
        expect(list.body).not.toContain(token);
        expect(await auditOf("invitation.create")).toContainEqual({
          actor: `user:${admin.id}`,
          organisation_id: org.id,
          target_type: "invitation",
          target_id: id,
          detail: '{"role":"caseworker"}',
        });

        const revoked = await call(as, "POST", `/api/v1/staff/invitations/${id}/revoke`);
        expect([revoked.statusCode, revoked.json()]).toEqual([200, { id }]);
        expect((await t.app.inject({ method: "GET", url: `/staff/invite/${token}` })).statusCode).toBe(410);
        const after = await call(session, "GET", "/api/v1/staff/invitations");
        expect(after.json().invitations.map((x: { id: string }) => x.id)).not.toContain(id);
        expect((await auditOf("invitation.revoke")).map((a) => a.target_id)).toContain(id);
        // Withdrawn already: nothing open to withdraw.
        expect(errorOf(await call(as, "POST", `/api/v1/staff/invitations/${id}/revoke`))).toEqual([
          404,
          "invitation_not_found",
        ]);
      }
    });

    it("refuses bad bodies with ids and fields, writing nothing", async () => {
      const cases: [unknown, number, string, string | undefined][] = [
        [{ email: "not-an-address", name: "Ana", role: "viewer" }, 400, "invalid_email", "email"],
        [{ email: "blank-name@example.org", name: "   ", role: "viewer" }, 400, "invalid_name", "name"],
        [{ email: admin.email, name: "Ana", role: "viewer" }, 409, "email_taken", "email"],
        [{ email: "no-role@example.org", name: "Ana", role: "boss" }, 400, "validation_failed", "role"],
        [
          { email: "extra@example.org", name: "Ana", role: "viewer", organisationId: other.id },
          400,
          "validation_failed",
          undefined,
        ],
        [{ email: "missing@example.org" }, 400, "validation_failed", undefined],
      ];
      const before = await t.platform.db.selectFrom("invitations").select("id").execute();
      const audited = (await auditOf("invitation.create")).length;
      for (const [body, status, id, field] of cases) {
        const res = await call(writeToken, "POST", "/api/v1/staff/invitations", body);
        expect([JSON.stringify(body), ...errorOf(res)]).toEqual([JSON.stringify(body), status, id]);
        if (field) expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await t.platform.db.selectFrom("invitations").select("id").execute()).toEqual(before);
      expect((await auditOf("invitation.create")).length).toBe(audited);
    });

    it("answers 404 for another organisation's invitation and leaves it open", async () => {
      const res = await call(otherAdmin, "POST", "/api/v1/staff/invitations", {
        email: `theirs-${dialect}@example.org`,
        name: "Their colleague",
        role: "viewer",
      });
      const { id } = res.json();
      expect(errorOf(await call(writeToken, "POST", `/api/v1/staff/invitations/${id}/revoke`))).toEqual([
        404,
        "invitation_not_found",
      ]);
      expect((await invitation(`theirs-${dialect}@example.org`))[0]?.revoked_at).toBeNull();
      const ours = await call(session, "GET", "/api/v1/staff/invitations");
      expect(ours.json().invitations.map((x: { id: string }) => x.id)).not.toContain(id);
    });
  });

  describe("organisation settings", () => {
    const settings = {
      name: "Casa Segura Madrid",
      countries: ["PT", "ES"],
      defaultLanguage: "es",
      retentionDays: 400,
      hotlinePhone: "+34 900 000 000",
      hotlineHours: "Every day, 8:00–22:00",
    };

    it("reads and replaces the settings with a session and with a write token, auditing the changed fields", async () => {
      const read = await call(readToken, "GET", "/api/v1/staff/organisation");
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ name: "Casa Segura", countries: ["ES"] });

      const res = await call(session, "PUT", "/api/v1/staff/organisation", settings);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        settings: { ...settings, countries: ["ES", "PT"] },
        changed: ["name", "countries", "defaultLanguage", "retentionDays", "hotlinePhone", "hotlineHours"],
      });
      expect((await call(session, "GET", "/api/v1/staff/organisation")).json()).toEqual({
        ...settings,
        countries: ["ES", "PT"],
      });
      const again = await call(writeToken, "PUT", "/api/v1/staff/organisation", {
        ...settings,
        retentionDays: 90,
        hotlinePhone: null,
      });
      expect([again.statusCode, again.json().changed]).toEqual([200, ["retentionDays", "hotlinePhone"]]);
      expect(again.json().settings).toMatchObject({ retentionDays: 90, hotlinePhone: null });
      const audit = (await auditOf("organisation.update")).filter((a) => a.target_id === org.id);
      expect(audit.map((a) => [a.actor, a.detail])).toEqual([
        [
          `user:${admin.id}`,
          '{"fields":"name,countries,defaultLanguage,retentionDays,hotlinePhone,hotlineHours"}',
        ],
        [`user:${admin.id}`, '{"fields":"retentionDays,hotlinePhone"}'],
      ]);
      expect(audit.map((a) => a.detail).join()).not.toContain("900");
    });

    it("refuses invalid settings (400 with the fields), a read token, another role and no credentials; nothing changes", async () => {
      const before = (await call(session, "GET", "/api/v1/staff/organisation")).json();
      const audited = (await auditOf("organisation.update")).length;
      const invalid = await call(writeToken, "PUT", "/api/v1/staff/organisation", {
        ...before,
        name: "A new name",
        countries: ["ES", "XX"],
        retentionDays: 5,
      });
      expect(errorOf(invalid)).toEqual([400, "invalid_settings"]);
      expect(invalid.json().error.details.map((d: { field: string }) => d.field)).toEqual([
        "countries",
        "retentionDays",
      ]);
      const missing = await call(writeToken, "PUT", "/api/v1/staff/organisation", { name: "Only a name" });
      expect(errorOf(missing)).toEqual([400, "validation_failed"]);
      expect(errorOf(await call(readToken, "PUT", "/api/v1/staff/organisation", before))).toEqual([
        403,
        "insufficient_scope",
      ]);
      const coordinator = await buildUser(t.platform, org.slug, "coordinator");
      const cookies = await signIn(t.app, coordinator.email);
      expect(errorOf(await call({ cookies }, "GET", "/api/v1/staff/organisation"))).toEqual([
        403,
        "forbidden",
      ]);
      expect(errorOf(await call({ cookies }, "PUT", "/api/v1/staff/organisation", before))).toEqual([
        403,
        "forbidden",
      ]);
      expect(errorOf(await call("nobody", "PUT", "/api/v1/staff/organisation", before))).toEqual([
        401,
        "not_signed_in",
      ]);
      expect((await call(session, "GET", "/api/v1/staff/organisation")).json()).toEqual(before);
      expect((await auditOf("organisation.update")).length).toBe(audited);
    });
  });

  describe("pending shares", () => {
    it("lists the shares offered to my organisation (facts only) for those who answer them", async () => {
      const sharer = await buildUser(t.platform, other.slug, "coordinator");
      const sharerToken = await tokenFor(sharer, other.id, "coordinator", "write");
      const { id: reportId } = await sendReport(t.app, t.platform, { country: "FR" });
      const offered = await call(sharerToken, "POST", `/api/v1/staff/reports/${reportId}/shares`, {
        organisationId: org.id,
      });
      expect(offered.statusCode).toBe(201);
      const { shareId } = offered.json();

      const coordinator = await buildUser(t.platform, org.slug, "coordinator");
      const token = await tokenFor(coordinator, org.id, "coordinator", "read");
      const res = await call(token, "GET", "/api/v1/staff/shares");
      expect(res.statusCode).toBe(200);
      expect(res.json().shares).toEqual([
        {
          id: shareId,
          reportId,
          from: "Other Shelter",
          offeredAt: expect.any(String),
          country: "FR",
          categories: expect.any(Array),
          urgency: expect.stringMatching(/^(normal|high|urgent)$/),
        },
      ]);
      expect(res.body).not.toContain("narrative");
      // The offering organisation does not see its own offer as one to answer.
      expect((await call(sharerToken, "GET", "/api/v1/staff/shares")).json().shares).toEqual([]);
      const caseworker = await buildUser(t.platform, org.slug, "caseworker");
      const cookies = await signIn(t.app, caseworker.email);
      expect(errorOf(await call({ cookies }, "GET", "/api/v1/staff/shares"))).toEqual([403, "forbidden"]);
    });
  });

  it("keeps API tokens out of the API (documented on /api/v1/me) and documents each scope", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(doc.paths["/api/v1/me"].get.description).toMatch(/console only/);
    expect(Object.keys(doc.paths).filter((path) => /token/i.test(path))).toEqual([]);
    // Each endpoint documents the token scope it needs.
    expect(doc.paths["/api/v1/staff/users/{id}/role"].post.security).toEqual([
      { apiToken: ["write"] },
      { session: [] },
    ]);
    expect(doc.paths["/api/v1/staff/audit"].get.security).toEqual([{ apiToken: ["read"] }, { session: [] }]);
  });
});
