import { Secret, TOTP } from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FAILED_LOGINS } from "../../src/modules/accounts/accounts.service.ts";
import {
  buildOrganisation,
  buildUser,
  enrolmentSecretOf,
  freshTotpCode,
  signIn,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
} from "../support/factories.ts";
import {
  cookiesOf,
  dialects,
  formEncode,
  inputValue,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

const codeAt = (secret: string, at: number) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at });

describe.each(dialects())("two-factor sign-in (%s)", (dialect) => {
  let t: TestApp;
  let orgSlug: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    orgSlug = (await buildOrganisation(t.platform, { countries: ["ES"] })).slug;
  });
  afterAll(() => t.close());

  /** A browser-like visitor: keeps its cookies and the last CSRF token it was given. */
  function visitor() {
    let cookies: Record<string, string> = {};
    let csrf = "";
    return {
      get cookies() {
        return cookies;
      },
      async get(url: string) {
        const res = await t.app.inject({ method: "GET", url, cookies });
        cookies = { ...cookies, ...cookiesOf(res) };
        csrf = inputValue(res.body, "_csrf") ?? csrf;
        return res;
      },
      async post(url: string, fields: Record<string, string>) {
        if (!csrf) await this.get("/staff/login");
        const res = await t.app.inject({
          method: "POST",
          url,
          cookies,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: formEncode({ _csrf: csrf, ...fields }),
        });
        cookies = { ...cookies, ...cookiesOf(res) };
        csrf = inputValue(res.body, "_csrf") ?? csrf;
        return res;
      },
    };
  }

  async function passwordStep(email: string) {
    const v = visitor();
    await v.get("/staff/login");
    const res = await v.post("/staff/login", { email, password: TEST_PASSWORD });
    return { v, res };
  }

  /** What a half-signed-in session can reach: nothing but its own next step. */
  async function expectNoConsole(v: ReturnType<typeof visitor>) {
    for (const url of ["/staff/reports", "/staff/account", "/staff/account/tokens", "/staff/admin/users"]) {
      const res = await v.get(url);
      expect([url, res.statusCode, res.headers.location]).toEqual([url, 303, "/staff/login"]);
    }
    const api = await v.get("/api/v1/me");
    expect(api.statusCode).toBe(401);
  }

  const auditActions = async (userId: string) =>
    (
      await t.platform.db
        .selectFrom("audit_log")
        .select(["action", "detail", "actor", "target_id"])
        .where((eb) => eb.or([eb("actor", "=", `user:${userId}`), eb("target_id", "=", userId)]))
        .orderBy("seq")
        .execute()
    ).map((r) => `${r.action} ${r.detail}`);

  it("asks an enrolled coordinator for a code, and gives no console access before it", async () => {
    const user = await buildUser(t.platform, orgSlug, "coordinator");
    const { v, res } = await passwordStep(user.email);
    expect([res.statusCode, res.headers.location]).toEqual([303, "/staff/login/code"]);
    await expectNoConsole(v);
    const page = await v.get("/staff/login/code");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Enter your sign-in code");

    const wrong = await v.post("/staff/login/code", {
      code: codeAt(TEST_TOTP_SECRET, Date.now() + 10 * 60_000),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain("That code is not right");
    await expectNoConsole(v);

    const right = await v.post("/staff/login/code", {
      code: await freshTotpCode(TEST_TOTP_SECRET, user.email),
    });
    expect([right.statusCode, right.headers.location]).toEqual([303, "/staff/reports"]);
    expect((await v.get("/staff/reports")).statusCode).toBe(200);
    expect(JSON.parse((await v.get("/api/v1/me")).body)).toMatchObject({
      role: "coordinator",
      scopes: ["read", "write"],
    });
    expect(await auditActions(user.id)).toEqual([
      'staff.login_failed {"reason":"wrong_code"}',
      'staff.login {"method":"totp"}',
      'report.list {"count":0}',
    ]);
  });

  it("accepts the code of the previous time step, and refuses a code already used (replay)", async () => {
    const user = await buildUser(t.platform, orgSlug, "caseworker");
    const previous = codeAt(TEST_TOTP_SECRET, Date.now() - 30_000);
    const first = await passwordStep(user.email);
    const ok = await first.v.post("/staff/login/code", { code: previous });
    expect(ok.statusCode).toBe(303);

    const second = await passwordStep(user.email);
    const replay = await second.v.post("/staff/login/code", { code: previous });
    expect(replay.statusCode).toBe(401);
    await expectNoConsole(second.v);
    // A code two steps old is refused too (outside the ±1 window).
    const old = await second.v.post("/staff/login/code", {
      code: codeAt(TEST_TOTP_SECRET, Date.now() - 90_000),
    });
    expect(old.statusCode).toBe(401);
  });

  it(`counts wrong codes with wrong passwords: ${MAX_FAILED_LOGINS} in all lock the account`, async () => {
    const user = await buildUser(t.platform, orgSlug, "coordinator");
    const wrongPassword = visitor();
    await wrongPassword.get("/staff/login");
    for (let i = 0; i < 2; i++) {
      expect(
        (await wrongPassword.post("/staff/login", { email: user.email, password: `nope nope nope ${i}` }))
          .statusCode,
      ).toBe(401);
    }
    const { v } = await passwordStep(user.email);
    const bad = codeAt(TEST_TOTP_SECRET, Date.now() + 10 * 60_000);
    for (let i = 0; i < MAX_FAILED_LOGINS - 3; i++) {
      expect((await v.post("/staff/login/code", { code: bad })).statusCode).toBe(401);
    }
    // The 5th failure locks the account and ends the half-signed-in session.
    const locked = await v.post("/staff/login/code", { code: bad });
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toContain("Wrong email or password");
    const after = await v.post("/staff/login/code", {
      code: await freshTotpCode(TEST_TOTP_SECRET, user.email),
    });
    expect([after.statusCode, after.headers.location]).toEqual([303, "/staff/login"]);
    const again = await passwordStep(user.email);
    expect(again.res.statusCode).toBe(401);
  });

  it("makes a content role enrol before anything else, then shows ten recovery codes once", async () => {
    const user = await buildUser(t.platform, orgSlug, "caseworker", { totp: false });
    const { v, res } = await passwordStep(user.email);
    expect([res.statusCode, res.headers.location]).toEqual([303, "/staff/enrol"]);
    await expectNoConsole(v);
    const page = await v.get("/staff/enrol");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /<figure class="qr-code" role="img" aria-label="[^"]+"><div class="qr-code-image"><svg /,
    );
    const secret = enrolmentSecretOf(page.body) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The same pending secret is shown again until confirmed.
    expect(enrolmentSecretOf((await v.get("/staff/enrol")).body)).toBe(secret);
    // Stored sealed, never as the key itself.
    expect(await t.dumpAllRows()).not.toContain(secret);

    const wrong = await v.post("/staff/enrol", { code: codeAt(secret, Date.now() + 10 * 60_000) });
    expect(wrong.statusCode).toBe(400);
    expect(enrolmentSecretOf(wrong.body)).toBe(secret);
    await expectNoConsole(v);

    const done = await v.post("/staff/enrol", { code: await freshTotpCode(secret, user.email) });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code data-recovery-code[^>]*>([a-z0-9-]+)<\/code>/g)].map(
      (m) => m[1],
    );
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await v.get("/staff/reports")).statusCode).toBe(200);
    const dump = await t.dumpAllRows();
    for (const c of codes) expect(dump).not.toContain(c ?? "");

    // A recovery code signs in once.
    const withRecovery = await passwordStep(user.email);
    expect(withRecovery.res.headers.location).toBe("/staff/login/code");
    const ok = await withRecovery.v.post("/staff/login/code", { code: (codes[3] ?? "").toUpperCase() });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, "/staff/reports"]);
    const reuse = await passwordStep(user.email);
    expect((await reuse.v.post("/staff/login/code", { code: codes[3] ?? "" })).statusCode).toBe(401);

    const account = await withRecovery.v.get("/staff/account");
    expect(account.body).toContain("9 unused recovery codes left.");
    const actions = await auditActions(user.id);
    expect(actions).toContain("staff.totp_enrolled {}");
    expect(actions).toContain('staff.login {"method":"recovery"}');
    expect(actions.filter((a) => a.includes('"reason":"wrong_code"'))).toHaveLength(2);

    // New codes replace the old ones.
    const regenerated = await withRecovery.v.post("/staff/account/recovery-codes", {});
    expect(regenerated.statusCode).toBe(200);
    const fresh = [...regenerated.body.matchAll(/<code data-recovery-code[^>]*>([a-z0-9-]+)<\/code>/g)].map(
      (m) => m[1],
    );
    expect(fresh).toHaveLength(10);
    const old = await passwordStep(user.email);
    expect((await old.v.post("/staff/login/code", { code: codes[5] ?? "" })).statusCode).toBe(401);
    expect((await old.v.post("/staff/login/code", { code: fresh[0] ?? "" })).statusCode).toBe(303);
    expect(await auditActions(user.id)).toContain("staff.recovery_codes_regenerated {}");
  });

  it("lets someone half signed in start again: the pending session ends", async () => {
    const user = await buildUser(t.platform, orgSlug, "coordinator");
    const { v } = await passwordStep(user.email);
    const page = await v.get("/staff/login/code");
    expect(page.body).toContain('action="/staff/logout"');
    expect((await v.post("/staff/logout", {})).headers.location).toBe("/staff/login");
    const late = await v.post("/staff/login/code", {
      code: await freshTotpCode(TEST_TOTP_SECRET, user.email),
    });
    expect([late.statusCode, late.headers.location]).toEqual([303, "/staff/login"]);
    await expectNoConsole(v);
  });

  it.each([
    ["viewer", "/staff/account"],
    ["editor", "/staff/library"],
  ] as const)("does not require two-factor for the %s role (who lands on %s)", async (role, landing) => {
    const user = await buildUser(t.platform, orgSlug, role, { totp: false });
    const { v, res } = await passwordStep(user.email);
    expect([res.statusCode, res.headers.location]).toEqual([303, landing]);
    const account = await v.get("/staff/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Two-factor sign-in is off.");
    expect(await auditActions(user.id)).toEqual(['staff.login {"method":"password"}']);
  });

  it("lets an admin reset a colleague's two-factor: their sessions end and they enrol again", async () => {
    const admin = await buildUser(t.platform, orgSlug, "admin");
    const colleague = await buildUser(t.platform, orgSlug, "coordinator");
    const theirs = await signIn(t.app, colleague.email);
    const { v } = await passwordStep(admin.email);
    await v.post("/staff/login/code", { code: await freshTotpCode(TEST_TOTP_SECRET, admin.email) });
    const users = await v.get("/staff/admin/users");
    expect(users.body).toContain(colleague.email);
    const reset = await v.post(`/staff/admin/users/${colleague.id}/reset-2fa`, {});
    expect([reset.statusCode, reset.headers.location]).toEqual([303, "/staff/admin/users?done=saved"]);
    expect((await t.app.inject({ method: "GET", url: "/staff/reports", cookies: theirs })).statusCode).toBe(
      303,
    );
    const next = await passwordStep(colleague.email);
    expect(next.res.headers.location).toBe("/staff/enrol");
    expect(await auditActions(colleague.id)).toContain("user.totp_reset {}");
  });
});
