import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestAds } from "../../src/modules/linking/linking.service.ts";
import { RULE_CARDS } from "../../src/modules/signals/rules.ts";
import { ANALYST_ADS, BITCOIN, IBAN, NEW_PHONE, OPERATOR_PHONE } from "../support/analyst-ads.ts";
import {
  buildOrganisation,
  buildUser,
  freshTotpCode,
  signIn,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
} from "../support/factories.ts";
import {
  cookiesOf,
  decodeEntities,
  dialects,
  formEncode,
  inputValue,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

const RULES = new Map(RULE_CARDS.map((card) => [card.id, card.description]));

/** The visible text of a page's main element (or of a piece of a page), tags removed and entities decoded. */
function mainText(html: string): string {
  const main = html.includes("<main") ? html.slice(html.indexOf("<main"), html.indexOf("</main>")) : html;
  return decodeEntities(main.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
}

describe.each(dialects())("the analyst console (%s)", (dialect) => {
  let t: TestApp;
  let analyst: Record<string, string>;
  let adIds: Map<string, string>;
  let clusterA: string;

  beforeAll(async () => {
    // A hub limit of 3: the "helpline" printed by five unrelated ads becomes a hub in the last tests.
    t = await startTestApp(dialect, { hubLimit: 3 });
    await ingestAds(t.platform, ANALYST_ADS);
    const rows = await t.platform.db.selectFrom("ads").select(["id", "source_id", "cluster_id"]).execute();
    adIds = new Map(rows.map((r) => [r.source_id, r.id]));
    clusterA = rows.find((r) => r.source_id === "a1")?.cluster_id ?? "";
    const org = await buildOrganisation(t.platform, { countries: ["GB"] });
    analyst = await signIn(t.app, (await buildUser(t.platform, org.slug, "analyst")).email);
  });
  afterAll(() => t.close());

  const get = (url: string, cookies = analyst) => t.app.inject({ method: "GET", url, cookies });

  it("ranks ads by score, highest first, and explains each score with the rule and the words that triggered it", async () => {
    const res = await get("/staff/ads");
    expect(res.statusCode).toBe(200);
    const scores = [...res.body.matchAll(/class="score">(\d+)</g)].map((m) => Number(m[1]));
    expect(scores.length).toBe(ANALYST_ADS.length);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // The most worrying ad comes first, with its rules in plain words and the span marked.
    const first = res.body.indexOf("Barely legal teen");
    expect(first).toBeGreaterThan(-1);
    expect(first).toBeLessThan(res.body.indexOf("Sweet young girl"));
    expect(res.body).toContain("Language presenting the person as very young");
    expect(res.body).toContain("<mark>pay off my debt</mark>");
    expect(mainText(res.body)).toContain("measured in research, weight 20");
    // Each row links to its cluster, with the cluster's size.
    expect(res.body).toContain(`href="/staff/clusters/${clusterA}"`);
    expect(mainText(res.body)).toContain("4 linked items");
  });

  it("filters by country, city and minimum score, and names a filter it did not understand", async () => {
    expect(mainText((await get("/staff/ads?country=fr")).body)).toContain("No ads match these filters.");
    const london = await get("/staff/ads?city=london");
    expect(london.body).toContain("London now");
    expect(london.body).not.toContain("Sweet young girl");
    const high = await get("/staff/ads?minScore=30");
    expect(high.body).toContain("Barely legal teen");
    expect(high.body).not.toContain("Massage studio");
    const bad = await get("/staff/ads?minScore=lots&city=Leeds");
    expect(bad.statusCode).toBe(400);
    expect(mainText(bad.body)).toContain("“Minimum score (0–100)” was not understood");
    // The filter that was understood still applies.
    expect(bad.body).toContain("Sweet young girl");
    expect(bad.body).not.toContain("London now");
  });

  it("shows an ad's full text with its spans marked and its identifiers opened", async () => {
    const res = await get(`/staff/ads/${adIds.get("a3")}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<mark>GB82 WEST 1234 5698 7654 32</mark>");
    expect(res.body).toContain(IBAN);
    expect(res.body).toContain(OPERATOR_PHONE);
    expect(res.body).toContain(NEW_PHONE);
    expect(res.body).toContain(`href="/staff/clusters/${clusterA}"`);
  });

  it("shows the cluster: places in order, identifiers added and dropped, names and ages per phone, the money", async () => {
    const res = await get(`/staff/clusters/${clusterA}`);
    expect(res.statusCode).toBe(200);
    const text = mainText(res.body);
    expect(text).toContain("Cluster of 4 items");
    // Movement: Leeds, then Manchester, then London.
    const places = res.body.slice(res.body.indexOf('id="places"'), res.body.indexOf('id="identifiers"'));
    const order = ["Leeds", "Manchester", "London"].map((city) => places.indexOf(city));
    expect(order.every((at) => at > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The old phone was dropped, the new one added.
    const identifiers = mainText(
      res.body.slice(res.body.indexOf('id="identifiers"'), res.body.indexOf('id="people"')),
    );
    expect(identifiers).toMatch(new RegExp(`\\${OPERATOR_PHONE} .*? dropped`));
    expect(identifiers).toMatch(new RegExp(`\\${NEW_PHONE} .*? added`));
    // Names and ages per phone.
    const people = mainText(
      res.body.slice(res.body.indexOf('id="people"'), res.body.indexOf('id="indicators"')),
    );
    expect(people).toContain(`${OPERATOR_PHONE} Ana, Mia 21, 23`);
    expect(people).toContain(`${NEW_PHONE} Mia 21`);
    // Follow the money: the IBAN and the bitcoin address, with the ads they appear in, and the red flags.
    const money = mainText(res.body.slice(res.body.indexOf('id="money"'), res.body.indexOf('id="items"')));
    expect(money).toContain(IBAN);
    expect(money).toContain(BITCOIN);
    expect(money).toContain("a2");
    expect(money).toContain(RULES.get("crypto-payment"));
    expect(res.body.slice(res.body.indexOf('id="money"'))).toContain("<mark>Bitcoin</mark>");
    // A timeline chart with its table, the items, and the place for the network island.
    expect(res.body).toContain('class="chart-bar"');
    expect(res.body).toContain("<table>");
    expect(res.body).toContain(`href="/staff/clusters/${clusterA}/network"`);
    expect(res.body).toContain('<section id="network"');
    for (const id of ["a1", "a2", "a3", "a4"]) expect(res.body).toContain(`/staff/ads/${adIds.get(id)}`);
  });

  it("answers the cluster of an ad by its imported id, and a cluster's facts, in the API", async () => {
    const res = await get("/api/v1/ads/a2/cluster");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.clusterId).toBe(clusterA);
    expect([...body.itemIds].sort()).toEqual(["a1", "a2", "a3", "a4"]);
    expect(body.next).toBe(null);
    const facts = await get(`/api/v1/clusters/${clusterA}`);
    expect(facts.statusCode).toBe(200);
    const json = facts.json();
    expect(json.places.map((p: { city: string }) => p.city)).toEqual(["Leeds", "Manchester", "London"]);
    expect(json.money.identifiers.map((i: { value: string }) => i.value).sort()).toEqual(
      [IBAN, BITCOIN].sort(),
    );
    expect(json.items.rows.map((r: { sourceId: string }) => r.sourceId)).toEqual(["a4", "a3", "a2", "a1"]);
  });

  it("asks for the site when an imported id came from two sites", async () => {
    await ingestAds(t.platform, [{ id: "a2", site: "other.example.com", text: "Call 07700 900888" }]);
    expect((await get("/api/v1/ads/a2/cluster")).statusCode).toBe(409);
    const named = await get("/api/v1/ads/a2/cluster?site=ads.example.com");
    expect(named.json().clusterId).toBe(clusterA);
  });

  it("answers 404, never 500, for ids that are malformed or unknown", async () => {
    for (const url of [
      "/staff/ads/zzz",
      "/staff/ads/0123456789abcdef0123456789abcdef",
      "/staff/clusters/not-a-cluster",
      "/staff/clusters/0123456789abcdef0123456789abcdef",
      "/api/v1/clusters/0123456789abcdef0123456789abcdef",
      "/api/v1/clusters/nope",
      "/api/v1/ads/no-such-ad/cluster",
    ]) {
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
    }
  });

  it("lets a caseworker of another organisation read ads, and refuses viewers and editors", async () => {
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    const caseworker = await signIn(t.app, (await buildUser(t.platform, other.slug, "caseworker")).email);
    expect((await get("/staff/ads", caseworker)).statusCode).toBe(200);
    const cluster = await get(`/staff/clusters/${clusterA}`, caseworker);
    expect(cluster.statusCode).toBe(200);
    // Reading is not exporting: no export form for a caseworker.
    expect(cluster.body).not.toContain("/lead.json");
    for (const role of ["viewer", "editor"] as const) {
      const cookies = await signIn(t.app, (await buildUser(t.platform, other.slug, role)).email);
      expect((await get("/staff/ads", cookies)).statusCode).toBe(403);
      expect((await get(`/staff/clusters/${clusterA}`, cookies)).statusCode).toBe(403);
      expect((await get(`/api/v1/clusters/${clusterA}`, cookies)).statusCode).toBe(403);
      // The staff bar offers the links only to those who may follow them.
      expect((await get("/staff/account", cookies)).body).not.toContain('href="/staff/ads"');
    }
    expect((await get("/staff/account", caseworker)).body).toContain('href="/staff/ads"');
  });

  it("lands an analyst on the ranked ads after signing in", async () => {
    const org = await buildOrganisation(t.platform, { countries: ["GB"] });
    const user = await buildUser(t.platform, org.slug, "analyst");
    const page = await t.app.inject({ method: "GET", url: "/staff/login" });
    const cookies = cookiesOf(page);
    const post = (url: string, fields: Record<string, string>, extra: Record<string, string> = {}) =>
      t.app.inject({
        method: "POST",
        url,
        cookies: { ...cookies, ...extra },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formEncode({ _csrf: inputValue(page.body, "_csrf"), ...fields }),
      });
    const password = await post("/staff/login", { email: user.email, password: TEST_PASSWORD });
    expect(password.headers.location).toBe("/staff/login/code");
    const code = await post(
      "/staff/login/code",
      { code: await freshTotpCode(TEST_TOTP_SECRET, user.email) },
      cookiesOf(password),
    );
    expect([code.statusCode, code.headers.location]).toEqual([303, "/staff/ads"]);
  });

  it("audits every read with the target's id and never an identifier's value", async () => {
    await get(`/staff/clusters/${clusterA}`);
    await get(`/staff/ads/${adIds.get("a1")}`);
    const log = await t.platform.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "links.read")
      .execute();
    expect(log.some((r) => r.target_type === "cluster" && r.target_id === clusterA)).toBe(true);
    expect(log.some((r) => r.target_type === "ad" && r.target_id === adIds.get("a1"))).toBe(true);
    expect(log.some((r) => r.target_type === "ads")).toBe(true);
    const everything = JSON.stringify(await t.platform.db.selectFrom("audit_log").selectAll().execute());
    for (const secret of ["7700900123", "900 123", IBAN, BITCOIN, "Mia"])
      expect(everything).not.toContain(secret);
  });

  it("marks a number printed by unrelated ads as shared, not linking", async () => {
    // Six people advertise with their own numbers; then each also prints the same helpline (limit 3).
    await ingestAds(
      t.platform,
      [1, 2, 3, 4, 5, 6].map((n) => ({
        id: `own${n}`,
        site: "h.example.com",
        country: "GB",
        text: `Call me: 07700 90030${n}`,
      })),
    );
    await ingestAds(
      t.platform,
      [1, 2, 3, 4, 5, 6].map((n) => ({
        id: `h${n}`,
        site: "h.example.com",
        country: "GB",
        text: `Helpline 07700 900999. Me: 07700 90030${n}`,
      })),
    );
    const id = (
      await t.platform.db.selectFrom("ads").select("id").where("source_id", "=", "h6").executeTakeFirst()
    )?.id;
    const res = await get(`/staff/ads/${id}`);
    expect(mainText(res.body)).toMatch(/\+447700900999 .*?shared by unrelated ads — does not link/);
  });

  it("pages through the ranking with a cursor, and refuses a forged cursor without failing", async () => {
    // Enough originals for two pages (each text is different, so none is a repost).
    const more = Array.from({ length: 24 }, (_, i) => {
      const a = ANALYST_ADS[i % ANALYST_ADS.length] as (typeof ANALYST_ADS)[number];
      return { ...a, id: `p${i}`, site: "p.example.com", text: `${a.text} page ${i}` };
    });
    await ingestAds(t.platform, more);
    const first = await get("/staff/ads");
    const next = decodeEntities(first.body.match(/href="([^"]+)" rel="next"/)?.[1] ?? "");
    expect(next).toContain("cursor=");
    const second = await get(next);
    expect(second.statusCode).toBe(200);
    const titlesOf = (html: string) => [...html.matchAll(/<h3 id="ad-([0-9a-f]+)"/g)].map((m) => m[1]);
    const overlap = titlesOf(first.body).filter((id) => titlesOf(second.body).includes(id));
    expect(overlap).toEqual([]);
    const forged = await get("/staff/ads?cursor=not-a-cursor");
    expect(forged.statusCode).toBe(400);
    expect(mainText(forged.body)).toContain("That page link has expired");
  });
});
