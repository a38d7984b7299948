import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildReport, buildUser, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("routing reports to organisations, and keeping them apart (%s)", (dialect) => {
  let t: TestApp;
  let a: Record<string, string>;
  let b: Record<string, string>;
  let fallback: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const orgA = await buildOrganisation(t.platform, { slug: "org-a", countries: ["ES", "FR"] });
    const orgB = await buildOrganisation(t.platform, { slug: "org-b", countries: ["FR", "MA"] });
    const orgDefault = await buildOrganisation(t.platform, { slug: "org-default", isDefault: true });
    a = await signIn(t.app, (await buildUser(t.platform, orgA.slug)).email);
    b = await signIn(t.app, (await buildUser(t.platform, orgB.slug)).email);
    fallback = await signIn(t.app, (await buildUser(t.platform, orgDefault.slug)).email);
  });
  afterAll(() => t.close());

  const send = async (country: string, narrative: string) => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country, narrative }),
    });
    expect(res.statusCode).toBe(201);
  };
  const idsIn = async (cookies: Record<string, string>) => {
    const res = await t.app.inject({ method: "GET", url: "/staff/reports", cookies });
    return [...res.body.matchAll(/href="\/staff\/reports\/([0-9a-f]+)"/g)].map((m) => m[1] ?? "");
  };
  const narrativeOf = async (cookies: Record<string, string>, id: string) =>
    (await t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies })).body;

  it("sends a report to every organisation covering its country, each able to decrypt its copy", async () => {
    await send("FR", "Seen in Marseille: shared by A and B.");
    const [inA] = await idsIn(a);
    const [inB] = await idsIn(b);
    expect(inA).toBeDefined();
    expect(inA).toBe(inB);
    expect(await narrativeOf(a, inA ?? "")).toContain("Seen in Marseille: shared by A and B.");
    expect(await narrativeOf(b, inB ?? "")).toContain("Seen in Marseille: shared by A and B.");
    expect(await idsIn(fallback)).not.toContain(inA);
  });

  it("sends a report about a country nobody covers to the default organisation", async () => {
    await send("JP", "Seen in Osaka: nobody covers Japan.");
    const [latest] = await idsIn(fallback);
    expect(await narrativeOf(fallback, latest ?? "")).toContain("Seen in Osaka: nobody covers Japan.");
    expect(await idsIn(a)).not.toContain(latest);
    expect(await idsIn(b)).not.toContain(latest);
  });

  it("answers 404 when a user of organisation B opens organisation A's report, and shows nothing of it", async () => {
    await send("ES", "Only A covers Spain: a secret for A.");
    const [onlyA] = await idsIn(a);
    expect(await idsIn(b)).not.toContain(onlyA);
    const res = await t.app.inject({ method: "GET", url: `/staff/reports/${onlyA}`, cookies: b });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain("a secret for A");
    const reply = await t.app.inject({
      method: "POST",
      url: `/staff/reports/${onlyA}/reply`,
      cookies: b,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "message=hello",
    });
    // No CSRF token: refused before anything else.
    expect(reply.statusCode).toBe(403);
    const page = await t.app.inject({ method: "GET", url: "/staff/reports", cookies: b });
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const withToken = await t.app.inject({
      method: "POST",
      url: `/staff/reports/${onlyA}/reply`,
      cookies: { ...b, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${encodeURIComponent(token)}&message=hello`,
    });
    expect(withToken.statusCode).toBe(404);
    expect(await narrativeOf(a, onlyA ?? "")).not.toContain("hello");
  });

  it("sends a reader with no session to the sign-in page", async () => {
    const res = await t.app.inject({ method: "GET", url: "/staff/reports" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/staff/login");
  });
});
