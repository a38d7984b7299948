import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildUser, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("POST /api/v1/ads (%s)", (dialect) => {
  let t: TestApp;
  let analyst: Record<string, string>;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["GB"] });
    analyst = await signIn(t.app, (await buildUser(t.platform, org.slug, "analyst")).email);
    caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
  });
  afterAll(() => t.close());

  const post = (cookies: Record<string, string>, payload: unknown) =>
    t.app.inject({ method: "POST", url: "/api/v1/ads", cookies, payload: payload as object });

  const ads = [
    { id: "a1", site: "ads.example.com", city: "Leeds", country: "GB", text: "New girl, call 07700 900123" },
    {
      id: "a2",
      site: "ads.example.com",
      city: "York",
      country: "GB",
      text: "Ring oh seven seven oh oh nine oh oh one two three, card 4111 1111 1111 1111",
    },
  ];

  it("imports a batch, links ads sharing a phone however written, redacts cards, and audits counts", async () => {
    const res = await post(analyst, { ads });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2, reposts: 0, alreadyStored: 0, newHubs: 0 });
    const rows = await t.platform.db.selectFrom("ads").select(["source_id", "cluster_id", "text"]).execute();
    expect(new Set(rows.map((r) => r.cluster_id)).size).toBe(1);
    expect(JSON.stringify(rows)).not.toContain("4111 1111 1111 1111");
    const audit = await t.platform.db
      .selectFrom("audit_log")
      .select(["action", "detail"])
      .where("action", "=", "ads.import")
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([
      { imported: 2, reposts: 0, alreadyStored: 0, newHubs: 0 },
    ]);
  });

  it("makes a retried batch harmless: nothing is stored twice", async () => {
    const res = await post(analyst, { ads });
    expect(res.json()).toEqual({ imported: 0, reposts: 0, alreadyStored: 2, newHubs: 0 });
    const count = await t.platform.db.selectFrom("ads").select("id").execute();
    expect(count).toHaveLength(2);
  });

  it("refuses roles without ads.import (403), bad batches (400) and anonymous callers (401)", async () => {
    const forbidden = await post(caseworker, { ads: [{ id: "x", text: "hello" }] });
    expect([forbidden.statusCode, forbidden.json().error.id]).toEqual([403, "forbidden"]);
    for (const bad of [{ ads: [] }, { ads: [{ text: "no id" }] }, { ads: "nope" }, {}]) {
      const res = await post(analyst, bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.id).toBeTypeOf("string");
    }
    const tooMany = await post(analyst, {
      ads: Array.from({ length: 1001 }, (_, i) => ({ id: `n${i}`, text: "x" })),
    });
    expect(tooMany.statusCode).toBe(400);
    const anonymous = await t.app.inject({ method: "POST", url: "/api/v1/ads", payload: { ads } });
    expect(anonymous.statusCode).toBe(401);
    expect(await t.platform.db.selectFrom("ads").select("id").execute()).toHaveLength(2);
  });
});
