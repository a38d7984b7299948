import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestAds } from "../../src/modules/linking/linking.service.ts";
import { ANALYST_ADS, BITCOIN, IBAN } from "../support/analyst-ads.ts";
import { buildOrganisation, buildUser, signIn } from "../support/factories.ts";
import {
  decodeEntities,
  dialects,
  formEncode,
  inputValue,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

/**
 * The canonical form as the lead documents it, written again here from the documentation (RFC 8785 for
 * strings, integers, booleans and null): keys sorted, no white space, JSON.stringify's escaping.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest("hex");

describe.each(dialects())("the lead export (%s)", (dialect) => {
  let t: TestApp;
  let clusterA: string;
  let coordinator: Record<string, string>;
  let coordinatorId: string;
  let caseworker: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await ingestAds(t.platform, ANALYST_ADS);
    clusterA =
      (
        await t.platform.db
          .selectFrom("ads")
          .select("cluster_id")
          .where("source_id", "=", "a1")
          .executeTakeFirst()
      )?.cluster_id ?? "";
    const org = await buildOrganisation(t.platform, { countries: ["GB"] });
    const user = await buildUser(t.platform, org.slug, "coordinator", { name: "Rosa Export" });
    coordinatorId = user.id;
    coordinator = await signIn(t.app, user.email);
    caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
  });
  afterAll(() => t.close());

  /** Posts the cluster page's export form, as a browser would. */
  async function exportForm(path: "lead" | "lead.json", cookies: Record<string, string>) {
    const page = await t.app.inject({ method: "GET", url: `/staff/clusters/${clusterA}`, cookies });
    const csrf = inputValue(page.body, "_csrf");
    return t.app.inject({
      method: "POST",
      url: `/staff/clusters/${clusterA}/${path}`,
      cookies: { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: csrf }),
    });
  }

  it("downloads a JSON package whose item and package hashes match the documented canonical form", async () => {
    const res = await exportForm("lead.json", coordinator);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="lead-${clusterA}.json"`);
    const lead = res.json();
    expect(lead.format).toBe("lantern-lead/1");
    expect(lead.exportedBy).toMatchObject({ userId: coordinatorId, name: "Rosa Export" });
    expect(lead.cluster).toMatchObject({ id: clusterA, size: 4 });
    expect(lead.items.map((i: { id: string }) => i.id)).toEqual(["a4", "a3", "a2", "a1"]);
    // Each item carries its full text, url, site and posted time, and a hash a receiver can recompute.
    const a2 = lead.items.find((i: { id: string }) => i.id === "a2");
    expect(a2).toMatchObject({
      site: "ads.example.com",
      url: "https://ads.example.com/a2",
      postedAt: "2026-09-21T10:00:00Z",
      text: ANALYST_ADS[1]?.text,
    });
    for (const item of lead.items) {
      const { sha256: hash, ...rest } = item;
      expect(hash).toBe(sha256(canonical(rest)));
    }
    const { packageSha256, ...body } = lead;
    expect(packageSha256).toBe(sha256(canonical(body)));
    // The file is the canonical form itself.
    expect(sha256(canonical(lead))).toBe(sha256(res.body));
    // The facts travel with it: follow the money, places in order.
    const money = lead.facts.money.identifiers.map((i: { value: string }) => i.value);
    expect(money.sort()).toEqual([IBAN, BITCOIN].sort());
    expect(lead.facts.places.map((p: { city: string }) => p.city)).toEqual(["Leeds", "Manchester", "London"]);
    expect(lead.note).toContain("Reports made to Lantern are never included");
  });

  it("shows the same package as a printable page, with every hash", async () => {
    const res = await exportForm("lead", coordinator);
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-store");
    const text = decodeEntities(res.body);
    expect(text).toContain("Lead: cluster of 4 items");
    expect(text).toContain("Rosa Export");
    expect(text).toMatch(/<code class="hash">[0-9a-f]{64}<\/code>/);
    expect([...res.body.matchAll(/<code class="hash">[0-9a-f]{64}<\/code>/g)]).toHaveLength(5);
    expect(text).toContain(ANALYST_ADS[2]?.text);
    expect(text).toContain("Reports made to Lantern are never included in a lead");
  });

  it("audits each export with the cluster and counts, never content", async () => {
    const before = await t.platform.db
      .selectFrom("audit_log")
      .select("seq")
      .where("action", "=", "links.export")
      .execute();
    await exportForm("lead.json", coordinator);
    const rows = await t.platform.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "links.export")
      .orderBy("seq")
      .execute();
    expect(rows).toHaveLength(before.length + 1);
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({
      actor: `user:${coordinatorId}`,
      target_type: "cluster",
      target_id: clusterA,
    });
    expect(JSON.parse(last?.detail ?? "{}")).toEqual({
      items: 4,
      clusterSize: 4,
      identifiers: 4,
      paymentIdentifiers: 2,
    });
    expect(last?.detail).not.toContain(IBAN);
  });

  it("refuses the export to a role without links.export, and offers no export button to it", async () => {
    const page = await t.app.inject({
      method: "GET",
      url: `/staff/clusters/${clusterA}`,
      cookies: caseworker,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("/lead.json");
    expect((await exportForm("lead.json", caseworker)).statusCode).toBe(403);
    expect((await exportForm("lead", caseworker)).statusCode).toBe(403);
  });

  it("refuses an export without the form's token, and answers 404 for an unknown cluster", async () => {
    const noToken = await t.app.inject({
      method: "POST",
      url: `/staff/clusters/${clusterA}/lead.json`,
      cookies: coordinator,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(noToken.statusCode).toBe(403);
    const page = await t.app.inject({
      method: "GET",
      url: `/staff/clusters/${clusterA}`,
      cookies: coordinator,
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/staff/clusters/0123456789abcdef0123456789abcdef/lead.json",
      cookies: { ...coordinator, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) },
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: inputValue(page.body, "_csrf") }),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
