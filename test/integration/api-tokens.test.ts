import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateOpenApi } from "../../scripts/openapi.ts";
import { buildOrganisation, buildUser, csrfFor, sendReport, signIn } from "../support/factories.ts";
import { decodeEntities, dialects, formEncode, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("personal API tokens (%s)", (dialect) => {
  let t: TestApp;
  let orgSlug: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    orgSlug = (await buildOrganisation(t.platform, { name: "Casa Segura", countries: ["ES"] })).slug;
  });
  afterAll(() => t.close());

  async function post(cookies: Record<string, string>, url: string, fields: Record<string, string>) {
    const { token, cookies: withCsrf } = await csrfFor(t.app, "/staff/account/tokens", cookies);
    return t.app.inject({
      method: "POST",
      url,
      cookies: withCsrf,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, ...fields }),
    });
  }

  async function createToken(cookies: Record<string, string>, fields: Record<string, string>) {
    const res = await post(cookies, "/staff/account/tokens", fields);
    const token = decodeEntities(res.body).match(/id="new-token"[^>]*value="(lt_[A-Za-z0-9_-]+)"/)?.[1];
    return { res, token: token ?? "" };
  }

  const me = (authorization?: string) =>
    t.app.inject({
      method: "GET",
      url: "/api/v1/me",
      headers: authorization === undefined ? {} : { authorization },
    });

  it("creates a token shown once and stored only as a hash, that answers as its user with its scopes", async () => {
    const user = await buildUser(t.platform, orgSlug, "coordinator");
    const cookies = await signIn(t.app, user.email);
    const { res, token } = await createToken(cookies, { name: "Case sync", access: "read", expiresOn: "" });
    expect(res.statusCode).toBe(200);
    expect(token).toMatch(/^lt_[A-Za-z0-9_-]{43}$/);
    expect(await t.dumpAllRows()).not.toContain(token.slice(3));
    const list = await t.app.inject({ method: "GET", url: "/staff/account/tokens", cookies });
    expect(list.body).toContain("Case sync");
    expect(list.body).not.toContain(token);

    const answer = await me(`Bearer ${token}`);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      name: "Test coordinator",
      organisation: { id: expect.any(String), name: "Casa Segura" },
      role: "coordinator",
      scopes: ["read"],
      authentication: "token",
    });
    const row = await t.platform.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("name", "=", "Case sync")
      .executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    const audit = await t.platform.db
      .selectFrom("audit_log")
      .select(["action", "actor", "detail"])
      .where("action", "=", "api_token.create")
      .execute();
    expect(audit).toEqual([
      { action: "api_token.create", actor: `user:${user.id}`, detail: '{"scopes":"read"}' },
    ]);
  });

  it("lets a read token look but not change (403 insufficient_scope); a write token and a session change", async () => {
    const user = await buildUser(t.platform, orgSlug, "caseworker");
    const cookies = await signIn(t.app, user.email);
    const read = (await createToken(cookies, { name: "Reader", access: "read" })).token;
    const write = (await createToken(cookies, { name: "Writer", access: "write" })).token;
    const { id } = await sendReport(t.app, t.platform, { country: "ES" });
    const note = (headers: Record<string, string>, c: Record<string, string> = {}) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/staff/reports/${id}/notes`,
        headers,
        cookies: c,
        payload: { note: "Called the shelter back." },
      });

    const look = await t.app.inject({
      method: "GET",
      url: `/api/v1/staff/reports/${id}`,
      headers: { authorization: `Bearer ${read}` },
    });
    expect(look.statusCode).toBe(200);
    const refused = await note({ authorization: `Bearer ${read}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.id).toBe("insufficient_scope");
    expect((await note({ authorization: `Bearer ${write}` })).statusCode).toBe(200);
    expect((await note({}, cookies)).statusCode).toBe(200);
    const notes = await t.platform.db
      .selectFrom("report_events")
      .select("id")
      .where("report_id", "=", id)
      .where("kind", "=", "note")
      .execute();
    expect(notes).toHaveLength(2);
    expect(JSON.parse((await me(`Bearer ${write}`)).body).scopes).toEqual(["read", "write"]);
  });

  it("enforces on every staff endpoint the token scope it declares, before looking at the body", async () => {
    const doc = JSON.parse(await generateOpenApi()) as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const admin = await buildUser(t.platform, orgSlug, "admin");
    const cookies = await signIn(t.app, admin.email);
    const read = (await createToken(cookies, { name: "Every endpoint", access: "read" })).token;
    const { id } = await sendReport(t.app, t.platform, { country: "ES" });
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith("/api/v1/staff/")) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const scopes = operation.security?.find((s) => s.apiToken)?.apiToken;
        // Looking needs `read`; every change (any method but GET) needs `write`.
        expect([method, path, scopes]).toEqual([method, path, [method === "get" ? "read" : "write"]]);
        const res = await t.app.inject({
          method: method.toUpperCase() as "GET" | "POST" | "PUT",
          url: path.replace(/\{id\}/g, id),
          headers: { authorization: `Bearer ${read}` },
          ...(method === "get" ? {} : { payload: {} }),
        });
        const refused = res.statusCode === 403 && res.json().error.id === "insufficient_scope";
        expect([method, path, refused]).toEqual([method, path, scopes?.[0] === "write"]);
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it("answers 401 invalid_token for a revoked, expired, unknown or disabled user's token", async () => {
    const user = await buildUser(t.platform, orgSlug, "coordinator");
    const cookies = await signIn(t.app, user.email);
    const revoked = await createToken(cookies, { name: "To revoke", access: "read" });
    const id = (
      await t.platform.db
        .selectFrom("api_tokens")
        .select("id")
        .where("name", "=", "To revoke")
        .executeTakeFirstOrThrow()
    ).id;
    expect((await me(`Bearer ${revoked.token}`)).statusCode).toBe(200);
    const revoke = await post(cookies, `/staff/account/tokens/${id}/revoke`, {});
    expect([revoke.statusCode, revoke.headers.location]).toEqual([303, "/staff/account/tokens?done=revoked"]);
    const afterRevoke = await me(`Bearer ${revoked.token}`);
    expect([afterRevoke.statusCode, JSON.parse(afterRevoke.body).error.id]).toEqual([401, "invalid_token"]);
    // Someone else cannot revoke it (404), nor can it be revoked twice.
    expect((await post(cookies, `/staff/account/tokens/${id}/revoke`, {})).statusCode).toBe(404);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const expiring = await createToken(cookies, { name: "Short lived", access: "read", expiresOn: tomorrow });
    expect((await me(`Bearer ${expiring.token}`)).statusCode).toBe(200);
    await t.platform.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("name", "=", "Short lived")
      .execute();
    expect(JSON.parse((await me(`Bearer ${expiring.token}`)).body).error.id).toBe("invalid_token");

    const past = await createToken(cookies, { name: "Past", access: "read", expiresOn: "2020-01-01" });
    expect(past.res.statusCode).toBe(400);
    expect(past.res.body).toContain("The expiry date must be a date in the future.");
    const unnamed = await createToken(cookies, { name: " ", access: "read" });
    expect(unnamed.res.statusCode).toBe(400);

    expect(JSON.parse((await me("Bearer lt_not-a-token")).body).error.id).toBe("invalid_token");
    expect(JSON.parse((await me("Basic abc")).body).error.id).toBe("invalid_token");
    const none = await me();
    expect([none.statusCode, JSON.parse(none.body).error.id]).toEqual([401, "not_signed_in"]);

    const live = await createToken(cookies, { name: "Live", access: "write" });
    const admin = await buildUser(t.platform, orgSlug, "admin");
    const adminCookies = await signIn(t.app, admin.email);
    const { token: csrf, cookies: c } = await csrfFor(t.app, "/staff/admin/users", adminCookies);
    const disabled = await t.app.inject({
      method: "POST",
      url: `/staff/admin/users/${user.id}/disable`,
      cookies: c,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: csrf }),
    });
    expect(disabled.statusCode).toBe(303);
    expect(JSON.parse((await me(`Bearer ${live.token}`)).body).error.id).toBe("invalid_token");
  });

  it("lets a session call the API too, with every scope", async () => {
    const user = await buildUser(t.platform, orgSlug, "viewer");
    const cookies = await signIn(t.app, user.email);
    const res = await t.app.inject({ method: "GET", url: "/api/v1/me", cookies });
    expect(JSON.parse(res.body)).toMatchObject({
      role: "viewer",
      scopes: ["read", "write"],
      authentication: "session",
    });
  });
});
