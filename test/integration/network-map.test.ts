import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdInput, ingestAds } from "../../src/modules/linking/linking.service.ts";
import { buildOrganisation, buildReport, buildUser, signIn } from "../support/factories.ts";
import { type Dialect, decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

// Fictional numbers only: UK Ofcom drama range 07700 900xxx, FR +33 6 39 98 xx xx, example.com sites.
const ad = (id: string, text: string, extra: Partial<AdInput> = {}): AdInput => ({
  id,
  site: "ads.example.com",
  title: `Ad ${id}`,
  text,
  country: "GB",
  city: "Leeds",
  posted_at: "2026-11-01T10:00:00Z",
  ...extra,
});

interface GraphJson {
  clusterId: string;
  totalAds: number;
  truncated: boolean;
  nodes: { id: string; kind: string; type: string; label: string; hub?: boolean; community: number }[];
  edges: { source: string; target: string }[];
  communities: { id: number; size: number }[];
}

describe.each(dialects())("network graph and hotspot map (%s)", (dialect: Dialect) => {
  let t: TestApp;
  let analyst: Record<string, string>;
  let viewer: Record<string, string>;
  let editor: Record<string, string>;
  let clusterId: string;
  let bigClusterId: string;
  let northReport: string;
  let southReport: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { slug: "north", countries: ["GB"] });
    const south = await buildOrganisation(t.platform, { slug: "south", countries: ["FR"] });
    // Reports: three to "north" (GB), one to "south" (FR) that north must never count.
    for (const [country, area] of [
      ["GB", "leeds"],
      ["GB", "Manchester, Greater Manchester"],
      ["GB", "a farm near the coast"],
      ["FR", "Paris"],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/reports",
        payload: buildReport({ country, area }),
      });
      expect(res.statusCode).toBe(201);
    }
    analyst = await signIn(t.app, (await buildUser(t.platform, org.slug, "analyst")).email);
    viewer = await signIn(t.app, (await buildUser(t.platform, org.slug, "viewer")).email);
    editor = await signIn(t.app, (await buildUser(t.platform, org.slug, "editor")).email);
    await ingestAds(t.platform, [
      ad("n1", "Sweet girl, call 07700 900123"),
      ad("n2", "New here. 07700 900123 or mia@example.com", { city: "Manchester" }),
      ad("n3", "Write to mia (at) example (dot) com", { country: "FR", city: "Paris" }),
      ad("n4", "Someone else entirely: 07700 900456", { city: "Leeds" }),
      ad("n5", "An old one: 07700 900789", {
        country: "FR",
        city: "LYON",
        posted_at: "2020-01-05T10:00:00Z",
      }),
    ]);
    const row = await t.platform.db
      .selectFrom("ads")
      .select("cluster_id")
      .where("source_id", "=", "n1")
      .executeTakeFirstOrThrow();
    clusterId = row.cluster_id;
    // Reports as items of the graph: one of north's and south's report share the cluster's phone.
    const phoneRow = await t.platform.db
      .selectFrom("observations")
      .select("identifier_id")
      .where("item_type", "=", "ad")
      .where("item_id", "=", t.platform.db.selectFrom("ads").select("id").where("source_id", "=", "n1"))
      .executeTakeFirstOrThrow();
    const copyOf = async (organisationId: string) =>
      (
        await t.platform.db
          .selectFrom("report_copies")
          .select("report_id")
          .where("organisation_id", "=", organisationId)
          .orderBy("received_at")
          .executeTakeFirstOrThrow()
      ).report_id;
    northReport = await copyOf(org.id);
    southReport = await copyOf(south.id);
    await t.platform.db
      .insertInto("observations")
      .values(
        [northReport, southReport].map((item_id) => ({
          identifier_id: phoneRow.identifier_id,
          item_type: "report" as const,
          item_id,
          first_seen: "2026-11-20T10:00:00Z",
          last_seen: "2026-11-20T10:00:00Z",
        })),
      )
      .execute();
    // A big synthetic cluster: 30 groups of 8 ads around their own phone, each group tied to the next by
    // one ad that carries both groups' numbers (a chain of communities).
    const big: AdInput[] = [];
    const phone = (g: number) => `07700 900${String(200 + g).padStart(3, "0")}`;
    for (let g = 0; g < 30; g++) {
      for (let i = 0; i < 8; i++) big.push(ad(`big-${g}-${i}`, `Call ${phone(g)} now, room ${g}-${i}`));
      if (g > 0) big.push(ad(`bridge-${g}`, `Call ${phone(g - 1)} or ${phone(g)}`));
    }
    await ingestAds(t.platform, big);
    bigClusterId = (
      await t.platform.db
        .selectFrom("ads")
        .select("cluster_id")
        .where("source_id", "=", "big-0-0")
        .executeTakeFirstOrThrow()
    ).cluster_id;
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const graph = async (id: string, cookies = analyst) =>
    t.app.inject({ method: "GET", url: `/api/v1/clusters/${id}/graph`, cookies });

  it("returns the ads and the decrypted identifiers of a cluster, an edge per observation", async () => {
    const res = await graph(clusterId);
    expect(res.statusCode).toBe(200);
    const body = res.json() as GraphJson;
    expect(body.totalAds).toBe(3);
    const ads = body.nodes.filter((n) => n.kind === "ad").map((n) => n.label);
    expect(ads.sort()).toEqual(["Ad n1", "Ad n2", "Ad n3"]);
    const identifiers = body.nodes.filter((n) => n.kind === "identifier").map((n) => `${n.type}:${n.label}`);
    expect(identifiers.sort()).toEqual(["email:mia@example.com", "phone:+447700900123"]);
    expect(identifiers.join()).not.toContain("900456");
    // The report north holds is in its graph, tied to the phone; south's report never is.
    const reports = body.nodes.filter((n) => n.kind === "report").map((n) => n.id);
    expect(reports).toEqual([`report:${northReport}`]);
    expect(JSON.stringify(body)).not.toContain(southReport);
    expect(body.edges).toHaveLength(5);
    expect(body.communities).toEqual([{ id: 0, size: 6 }]);
    const audit = await t.platform.db
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("action", "=", "links.graph")
      .execute();
    expect(audit.map((a) => a.target_id)).toContain(clusterId);
  });

  it("splits a big cluster into communities, the same ones on every call", async () => {
    const first = (await graph(bigClusterId)).json() as GraphJson;
    expect(first.totalAds).toBe(30 * 8 + 29);
    expect(first.communities.length).toBeGreaterThan(3);
    expect(first.communities.reduce((n, c) => n + c.size, 0)).toBe(first.nodes.length);
    // The ads around one phone land in one community.
    const groupOf = (g: number) =>
      new Set(
        first.nodes
          .filter((n) => n.kind === "ad" && n.label.startsWith("Ad big-") && n.label.split("-")[1] === `${g}`)
          .map((n) => n.community),
      );
    expect(groupOf(7).size).toBe(1);
    const again = (await graph(bigClusterId)).json() as GraphJson;
    expect(again.nodes.map((n) => n.community)).toEqual(first.nodes.map((n) => n.community));
  });

  it("caps a huge cluster at 2,000 nodes, the newest ads first, and says so", async () => {
    const huge = Array.from({ length: 2050 }, (_, i) =>
      ad(`huge-${i}`, `Room ${i}, call 07700 900999`, {
        posted_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      }),
    );
    await ingestAds(t.platform, huge);
    const id = (
      await t.platform.db
        .selectFrom("ads")
        .select("cluster_id")
        .where("source_id", "=", "huge-0")
        .executeTakeFirstOrThrow()
    ).cluster_id;
    const body = (await graph(id)).json() as GraphJson;
    expect(body.totalAds).toBe(2050);
    expect(body.truncated).toBe(true);
    expect(body.nodes).toHaveLength(2000);
    const labels = new Set(body.nodes.map((n) => n.label));
    expect(labels).toContain("Ad huge-2049");
    expect(labels).not.toContain("Ad huge-0");
  }, 60_000);

  it("shows the network page with a table of identifiers and the ads they tie (works without JavaScript)", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: `/staff/clusters/${clusterId}/network`,
      cookies: analyst,
    });
    expect(res.statusCode).toBe(200);
    const html = decodeEntities(res.body);
    expect(html).toContain("data-network-table");
    expect(html).toContain("+447700900123");
    expect(html).toMatch(/mia@example\.com[\s\S]*Ad n2[\s\S]*Ad n3/);
    // An analyst sees that a report of the organisation shares the phone, without a link to open it.
    expect(html).toContain("Report received");
    expect(html).not.toContain(`href="/staff/reports/${northReport}"`);
    expect(html).not.toContain(southReport);
    expect(html).toContain(`/assets/network.js?v=`);
  });

  it("refuses viewers and editors, and answers 404 for an unknown cluster", async () => {
    expect((await graph(clusterId, viewer)).statusCode).toBe(403);
    expect((await graph(clusterId, editor)).statusCode).toBe(403);
    expect((await graph("0000000000000000nosuchcluster")).statusCode).toBe(404);
    const page = await t.app.inject({ method: "GET", url: "/staff/clusters/nope/network", cookies: analyst });
    expect(page.statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/clusters/${clusterId}/graph` })).statusCode,
    ).toBe(401);
  });

  const map = async (query: string, cookies = analyst) => {
    const res = await t.app.inject({ method: "GET", url: `/staff/map?${query}`, cookies });
    return { status: res.statusCode, html: decodeEntities(res.body) };
  };
  /** The [reports, ads] of a row of the map's tables. */
  const row = (html: string, place: string): [number, number] | undefined => {
    const m = html.match(new RegExp(`<th scope="row">${place}</th><td>(\\d+)</td><td>(\\d+)</td>`));
    return m ? [Number(m[1]), Number(m[2])] : undefined;
  };

  it("counts the organisation's reports by country and by the city they name, never another's", async () => {
    const { status, html } = await map("items=reports&period=30");
    expect(status).toBe(200);
    expect(row(html, "United Kingdom")).toEqual([3, 0]);
    expect(row(html, "Leeds \\(United Kingdom\\)")).toEqual([1, 0]);
    expect(row(html, "Manchester \\(United Kingdom\\)")).toEqual([1, 0]);
    // The report sent to the French organisation is not north's to count.
    expect(row(html, "France")).toBeUndefined();
    expect(row(html, "Paris \\(France\\)")).toBeUndefined();
    expect(html).toContain("1 item names no known city");
    const audit = await t.platform.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "links.map")
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("draws an SVG world map with the counts in the countries' and cities' labels and a legend", async () => {
    const { html } = await map("items=both&period=30");
    expect(html).toMatch(/<svg class="map-svg" viewBox="0 0 960 470"/);
    expect(html).toMatch(/<path class="country level-4"[^>]*data-label="United Kingdom: 3 reports, 272 ads"/);
    expect(html).toMatch(/<circle class="city"[^>]*data-label="Paris: 0 reports, 1 ad"/);
    expect(html).toMatch(/<circle class="city"[^>]*data-label="Leeds: 1 report, 271 ads"/);
    expect(html).toContain("1 to 69");
    expect(row(html, "France")).toEqual([0, 1]);
  });

  it("filters ads by period: an ad posted years ago shows only over all time", async () => {
    expect(row((await map("items=ads&period=365")).html, "Lyon \\(France\\)")).toBeUndefined();
    expect(row((await map("items=ads&period=all")).html, "Lyon \\(France\\)")).toEqual([0, 1]);
    // A filter the form does not offer falls back to the default instead of failing.
    expect((await map("items=everything&period=7")).status).toBe(200);
  });

  it("refuses the map to viewers and editors", async () => {
    expect((await map("", viewer)).status).toBe(403);
    expect((await map("", editor)).status).toBe(403);
  });
});
