import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from "../../src/modules/accounts/accounts.service.ts";
import { buildOrganisation, buildUser, csrfFor, signIn, TEST_PASSWORD } from "../support/factories.ts";
import { dialects, formEncode, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("sign-in throttling per account (%s)", (dialect) => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform);
    email = (await buildUser(t.platform, org.slug)).email;
  });
  afterAll(() => t.close());

  async function attempt(password: string) {
    const { token, cookies } = await csrfFor(t.app, "/staff/login");
    return t.app.inject({
      method: "POST",
      url: "/staff/login",
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, email, password }),
    });
  }

  it(`locks the account for ${LOCK_MINUTES} minutes after ${MAX_FAILED_LOGINS} wrong passwords, saying the same thing`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const wrong = await attempt(`wrong password number ${i}`);
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).toContain("After 5 wrong attempts an account is locked for 15 minutes.");
    }
    const right = await attempt(TEST_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(right.cookies.find((c) => c.name === "lantern_session")).toBeUndefined();

    const user = await t.platform.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    const minutes = (Date.parse(user.locked_until ?? "") - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCK_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCK_MINUTES);
    const reasons = await t.platform.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "staff.login_failed")
      .orderBy("seq")
      .execute();
    expect(reasons.map((r) => JSON.parse(r.detail).reason)).toEqual([
      "wrong_password",
      "wrong_password",
      "wrong_password",
      "wrong_password",
      "wrong_password_locked",
      "locked",
    ]);
  });

  it("lets the right password in once the lock has ended, and starts counting afresh", async () => {
    await t.platform.db
      .updateTable("users")
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where("email", "=", email)
      .execute();
    const right = await attempt(TEST_PASSWORD);
    expect(right.statusCode).toBe(303);
    const user = await t.platform.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    expect(user.failed_logins).toBe(0);
    expect(user.locked_until).toBeNull();
  });
});

describe.each(dialects())("signing out (%s)", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it("ends the session on this device, or on every device", async () => {
    const org = await buildOrganisation(t.platform);
    const { email } = await buildUser(t.platform, org.slug);
    const phone = await signIn(t.app, email);
    const laptop = await signIn(t.app, email);
    const desk = await signIn(t.app, email);
    const open = async (cookies: Record<string, string>) =>
      (await t.app.inject({ method: "GET", url: "/staff/reports", cookies })).statusCode;
    expect([await open(phone), await open(laptop), await open(desk)]).toEqual([200, 200, 200]);

    const page = await t.app.inject({ method: "GET", url: "/staff/reports", cookies: phone });
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const phoneCookies = { ...phone, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) };
    const out = await t.app.inject({
      method: "POST",
      url: "/staff/logout",
      cookies: phoneCookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token }),
    });
    expect(out.statusCode).toBe(303);
    expect([await open(phone), await open(laptop), await open(desk)]).toEqual([303, 200, 200]);

    const lap = await t.app.inject({ method: "GET", url: "/staff/reports", cookies: laptop });
    const lapToken = lap.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const everywhere = await t.app.inject({
      method: "POST",
      url: "/staff/logout-everywhere",
      cookies: { ...laptop, ...Object.fromEntries(lap.cookies.map((c) => [c.name, c.value])) },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: lapToken }),
    });
    expect(everywhere.statusCode).toBe(303);
    expect([await open(laptop), await open(desk)]).toEqual([303, 303]);
  });
});
