import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  organisationSettings,
  retentionPolicies,
} from "../../src/modules/accounts/organisation-settings.service.ts";
import {
  buildOrganisation,
  buildUser,
  csrfFor,
  enrolmentSecretOf,
  freshTotpCode,
  signIn,
  TEST_PASSWORD,
} from "../support/factories.ts";
import {
  cookiesOf,
  decodeEntities,
  dialects,
  formEncode,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

describe.each(dialects())("accounts administration (%s)", (dialect) => {
  let t: TestApp;
  let org: { id: string; slug: string };
  let admin: { id: string; email: string };
  let adminCookies: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    org = await buildOrganisation(t.platform, { name: "Casa Segura", countries: ["ES"] });
    admin = await buildUser(t.platform, org.slug, "admin");
    adminCookies = await signIn(t.app, admin.email);
  });
  afterAll(() => t.close());

  /** Posts a console form as a signed-in staff member (CSRF token from the page at `from`). */
  async function post(
    cookies: Record<string, string>,
    url: string,
    fields: Record<string, string | string[]>,
    from = "/staff/account",
  ) {
    const { token, cookies: withCsrf } = await csrfFor(t.app, from, cookies);
    return t.app.inject({
      method: "POST",
      url,
      cookies: withCsrf,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, ...fields }),
    });
  }

  const audit = async (action: string) =>
    t.platform.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("seq").execute();

  async function invite(email: string, role: string) {
    const res = await post(adminCookies, "/staff/admin/users/invite", { email, name: "Nadia R.", role });
    const link = decodeEntities(res.body).match(/value="(http[^"]+\/staff\/invite\/[A-Za-z0-9_-]+)"/)?.[1];
    return { res, link, path: link ? new URL(link).pathname : "" };
  }

  async function accept(path: string, password: string) {
    // The token from the sign-in page: a used or withdrawn invitation's page has no form to take it from.
    const { token, cookies } = await csrfFor(t.app, "/staff/login");
    const res = await t.app.inject({
      method: "POST",
      url: path,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, password }),
    });
    return { res, cookies: { ...cookies, ...cookiesOf(res) } };
  }

  it("invites a caseworker with a one-time link: common password refused, then enrolment, then the inbox", async () => {
    const { res, link, path } = await invite("Nadia@Example.org", "caseworker");
    expect(res.statusCode).toBe(200);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/staff\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = path.split("/").pop() ?? "";
    expect(await t.dumpAllRows()).not.toContain(token);
    const list = await t.app.inject({ method: "GET", url: "/staff/admin/users", cookies: adminCookies });
    expect(list.body).toContain('data-invitation="nadia@example.org"');
    expect(list.body).not.toContain(token);

    const page = await t.app.inject({ method: "GET", url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Join Casa Segura on Lantern");
    expect(page.body).toContain("Caseworker");

    const common = await accept(path, "password1234");
    expect(common.res.statusCode).toBe(400);
    expect(common.res.body).toContain("That password is on the list of common passwords. Choose another.");
    const own = await accept(path, "Casa Segura");
    expect(own.res.body).toContain("at least 12 characters");
    const orgName = await accept(path, "casasegura ");
    expect(orgName.res.statusCode).toBe(400);

    const ok = await accept(path, "lanterns by the river at dusk");
    expect([ok.res.statusCode, ok.res.headers.location]).toEqual([303, "/staff/enrol"]);
    // Half signed in: enrolment first.
    expect(
      (await t.app.inject({ method: "GET", url: "/staff/reports", cookies: ok.cookies })).statusCode,
    ).toBe(303);
    const enrol = await t.app.inject({ method: "GET", url: "/staff/enrol", cookies: ok.cookies });
    const secret = enrolmentSecretOf(enrol.body) ?? "";
    const { token: csrf } = await csrfFor(t.app, "/staff/login", ok.cookies);
    const done = await t.app.inject({
      method: "POST",
      url: "/staff/enrol",
      cookies: ok.cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: csrf, code: await freshTotpCode(secret, "nadia") }),
    });
    expect(done.statusCode).toBe(200);
    const cookies = { ...ok.cookies, ...cookiesOf(done) };
    expect((await t.app.inject({ method: "GET", url: "/staff/reports", cookies })).statusCode).toBe(200);

    // Used once: the link now says so, and creates nothing more.
    const again = await t.app.inject({ method: "GET", url: path });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("This invitation has already been used.");
    const reuse = await accept(path, "another long passphrase here");
    expect(reuse.res.statusCode).toBe(410);
    const users = await t.platform.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", "nadia@example.org")
      .execute();
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe("caseworker");
    expect((await audit("invitation.accept")).map((r) => r.actor)).toEqual([`user:${users[0]?.id}`]);
    expect(JSON.parse((await audit("invitation.create"))[0]?.detail ?? "{}")).toEqual({ role: "caseworker" });
  });

  it("refuses withdrawn, expired and unknown invitation links with a clear message", async () => {
    const withdrawn = await invite("withdrawn@example.org", "viewer");
    const row = await t.platform.db
      .selectFrom("invitations")
      .select("id")
      .where("email", "=", "withdrawn@example.org")
      .executeTakeFirstOrThrow();
    const revoke = await post(adminCookies, `/staff/admin/invitations/${row.id}/revoke`, {});
    expect([revoke.statusCode, revoke.headers.location]).toEqual([303, "/staff/admin/users?done=withdrawn"]);
    const gone = await t.app.inject({ method: "GET", url: withdrawn.path });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain("This invitation was withdrawn.");
    expect((await accept(withdrawn.path, "lanterns by the river at dusk")).res.statusCode).toBe(410);

    const late = await invite("late@example.org", "viewer");
    await t.platform.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("email", "=", "late@example.org")
      .execute();
    const expired = await t.app.inject({ method: "GET", url: late.path });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain("This invitation has expired.");
    expect((await accept(late.path, "lanterns by the river at dusk")).res.statusCode).toBe(410);

    const unknown = await t.app.inject({ method: "GET", url: "/staff/invite/not-a-real-token" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("This invitation link is not valid.");
    const none = await t.platform.db
      .selectFrom("users")
      .select("id")
      .where("email", "in", ["withdrawn@example.org", "late@example.org"])
      .execute();
    expect(none).toEqual([]);
  });

  it("refuses an invitation for an email already in use, keeping what was typed", async () => {
    const { res } = await invite(admin.email, "viewer");
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone already has an account with that email address.");
    expect(res.body).toContain(`value="${admin.email}"`);
  });

  it("changes a colleague's role (ending their sessions), never one's own, and keeps the last admin", async () => {
    const colleague = await buildUser(t.platform, org.slug, "viewer");
    const theirs = await signIn(t.app, colleague.email);
    const changed = await post(adminCookies, `/staff/admin/users/${colleague.id}/role`, {
      role: "caseworker",
    });
    expect([changed.statusCode, changed.headers.location]).toEqual([303, "/staff/admin/users?done=saved"]);
    expect((await t.app.inject({ method: "GET", url: "/staff/account", cookies: theirs })).statusCode).toBe(
      303,
    );
    expect(JSON.parse((await audit("user.role_changed")).at(-1)?.detail ?? "{}")).toEqual({
      from: "viewer",
      to: "caseworker",
    });

    const own = await post(adminCookies, `/staff/admin/users/${admin.id}/role`, { role: "viewer" });
    expect(own.statusCode).toBe(409);
    expect(own.body).toContain("You cannot change your own role or disable your own account.");

    const selfDisable = await post(adminCookies, `/staff/admin/users/${admin.id}/disable`, {});
    expect(selfDisable.statusCode).toBe(409);
    const unknownRole = await post(adminCookies, `/staff/admin/users/${colleague.id}/role`, {
      role: "owner",
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(unknownRole.body).toContain("Choose a role from the list.");
    // Another organisation's staff are not found.
    const stranger = await buildUser(t.platform, (await buildOrganisation(t.platform)).slug, "viewer");
    expect((await post(adminCookies, `/staff/admin/users/${stranger.id}/disable`, {})).statusCode).toBe(404);
  });

  it("refuses to demote or disable the organisation's last active admin", async () => {
    const other = await buildOrganisation(t.platform);
    const only = await buildUser(t.platform, other.slug, "admin");
    const helper = await buildUser(t.platform, other.slug, "admin");
    const helperCookies = await signIn(t.app, helper.email);
    // The helper disables the other admin: the helper is now the organisation's last active admin.
    expect((await post(helperCookies, `/staff/admin/users/${only.id}/disable`, {})).statusCode).toBe(303);
    // Through the pages an admin only meets another admin while there are two; the service still guards
    // the rule on its own (here called as the disabled admin, as a stale request would be).
    const service = await import("../../src/modules/accounts/staff-admin.service.ts");
    const helperScope = {
      userId: only.id,
      organisationId: other.id,
      role: "admin",
      name: "x",
      organisationName: "y",
    };
    await expect(service.changeRole(t.platform, helperScope, helper.id, "viewer")).rejects.toMatchObject({
      id: "last_admin",
      status: 409,
    });
    await expect(service.setDisabled(t.platform, helperScope, helper.id, true)).rejects.toMatchObject({
      id: "last_admin",
    });
    const still = await t.platform.db
      .selectFrom("users")
      .select(["role", "disabled_at"])
      .where("id", "=", helper.id)
      .executeTakeFirstOrThrow();
    expect(still).toEqual({ role: "admin", disabled_at: null });
  });

  it("disables an account: its sessions end, it cannot sign in, and enabling lets it back", async () => {
    const colleague = await buildUser(t.platform, org.slug, "coordinator");
    const theirs = await signIn(t.app, colleague.email);
    expect((await post(adminCookies, `/staff/admin/users/${colleague.id}/disable`, {})).statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: "/staff/reports", cookies: theirs })).statusCode).toBe(
      303,
    );
    const { token, cookies } = await csrfFor(t.app, "/staff/login");
    const attempt = await t.app.inject({
      method: "POST",
      url: "/staff/login",
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, email: colleague.email, password: TEST_PASSWORD }),
    });
    expect(attempt.statusCode).toBe(401);
    const users = await t.app.inject({ method: "GET", url: "/staff/admin/users", cookies: adminCookies });
    expect(users.body).toMatch(new RegExp(`data-user="${colleague.email}">(?:(?!</tr>).)*Disabled`));
    expect((await post(adminCookies, `/staff/admin/users/${colleague.id}/enable`, {})).statusCode).toBe(303);
    await signIn(t.app, colleague.email);
    expect((await audit("user.disabled")).map((r) => r.target_id)).toContain(colleague.id);
    expect((await audit("user.enabled")).map((r) => r.target_id)).toContain(colleague.id);
  });

  it("saves organisation settings, audits which fields changed, and refuses a retention under 30 days", async () => {
    const page = await t.app.inject({
      method: "GET",
      url: "/staff/admin/organisation",
      cookies: adminCookies,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="ES" checked/);
    const bad = await post(adminCookies, "/staff/admin/organisation", {
      name: "Casa Segura",
      countries: ["ES", "PT"],
      defaultLanguage: "es",
      retentionDays: "29",
      hotlinePhone: "",
      hotlineHours: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Enter a whole number of days between 30 and 3650.");
    expect(bad.body).toMatch(/value="PT" checked/);
    expect((await organisationSettings(t.platform, org.id)).retentionDays).toBe(365);

    const ok = await post(adminCookies, "/staff/admin/organisation", {
      name: "Casa Segura",
      countries: ["ES", "PT"],
      defaultLanguage: "es",
      retentionDays: "90",
      hotlinePhone: "+34 900 000 000",
      hotlineHours: "24/7",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Settings saved.");
    expect(await organisationSettings(t.platform, org.id)).toEqual({
      name: "Casa Segura",
      countries: ["ES", "PT"],
      defaultLanguage: "es",
      retentionDays: 90,
      hotlinePhone: "+34 900 000 000",
      hotlineHours: "24/7",
    });
    expect(await retentionPolicies(t.platform)).toContainEqual({ organisationId: org.id, retentionDays: 90 });
    const entry = (await audit("organisation.update")).at(-1);
    expect(JSON.parse(entry?.detail ?? "{}")).toEqual({
      fields: "countries,defaultLanguage,retentionDays,hotlinePhone,hotlineHours",
    });
    expect(entry?.detail).not.toContain("900");
    // The console now speaks the organisation's language (the other tests here expect English again).
    const after = await t.app.inject({
      method: "GET",
      url: "/staff/admin/organisation",
      cookies: adminCookies,
    });
    expect(after.body).toMatch(/<html lang="es"/);
    await t.platform.db
      .updateTable("organisations")
      .set({ default_language: "en" })
      .where("id", "=", org.id)
      .execute();
  });

  it("lets only the superadmin create organisations", async () => {
    const refused = await t.app.inject({
      method: "GET",
      url: "/staff/admin/organisations",
      cookies: adminCookies,
    });
    expect(refused.statusCode).toBe(403);
    const root = await buildUser(t.platform, org.slug, "viewer", { superadmin: true });
    const cookies = await signIn(t.app, root.email);
    const list = await t.app.inject({ method: "GET", url: "/staff/admin/organisations", cookies });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(org.slug);
    const badSlug = await post(cookies, "/staff/admin/organisations", {
      slug: "No Spaces",
      name: "X",
      countries: "",
    });
    expect(badSlug.statusCode).toBe(400);
    const created = await post(cookies, "/staff/admin/organisations", {
      slug: "red-norte",
      name: "Red Norte",
      countries: "PT, ad",
    });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain("Red Norte");
    const row = await t.platform.db
      .selectFrom("organisations")
      .select("id")
      .where("slug", "=", "red-norte")
      .executeTakeFirstOrThrow();
    expect((await organisationSettings(t.platform, row.id)).countries).toEqual(["AD", "PT"]);
    expect((await audit("organisation.create")).map((r) => r.target_id)).toEqual([row.id]);
    const taken = await post(cookies, "/staff/admin/organisations", {
      slug: "red-norte",
      name: "Again",
      countries: "",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("That short name is already taken.");
  });

  it("changes one's own password only with the current one, and only to a strong one", async () => {
    const user = await buildUser(t.platform, org.slug, "coordinator");
    const cookies = await signIn(t.app, user.email);
    const wrong = await post(cookies, "/staff/account/password", {
      current: "not my password",
      password: "lanterns by the river",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Your current password is not right.");
    const common = await post(cookies, "/staff/account/password", {
      current: TEST_PASSWORD,
      password: "Password1234",
    });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain("That password is on the list of common passwords.");
    const mine = await post(cookies, "/staff/account/password", {
      current: TEST_PASSWORD,
      password: user.email,
    });
    expect(mine.body).toContain("The password cannot be your email address");
    const ok = await post(cookies, "/staff/account/password", {
      current: TEST_PASSWORD,
      password: "lanterns by the river",
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Your password has been changed.");
    expect((await audit("staff.password_changed")).map((r) => r.target_id)).toContain(user.id);
  });

  it("shows admins the staff links, and others only their account", async () => {
    const page = await t.app.inject({ method: "GET", url: "/staff/account", cookies: adminCookies });
    for (const href of ["/staff/account", "/staff/admin/users", "/staff/admin/organisation", "/staff/audit"])
      expect(page.body).toContain(`href="${href}"`);
    const caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
    const theirs = await t.app.inject({ method: "GET", url: "/staff/account", cookies: caseworker });
    expect(theirs.body).toContain('href="/staff/account"');
    expect(theirs.body).not.toContain('href="/staff/admin/users"');
    expect(theirs.body).not.toContain('href="/staff/admin/organisation"');
  });
});
