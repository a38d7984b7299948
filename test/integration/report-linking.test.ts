import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blindIndex } from "../../src/modules/linking/link-keys.ts";
import { graphKeys, ingestAds } from "../../src/modules/linking/linking.service.ts";
import { linkPendingReports } from "../../src/modules/linking/report-linking.service.ts";
import { buildOrganisation, buildUser, sendReport, signIn } from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

// Fictional numbers only (UK Ofcom drama range 07700 900xxx), example.com addresses.
describe.each(dialects())("reports in the identifier graph (%s)", (dialect) => {
  let t: TestApp;
  let alba: Record<string, string>;
  let brise: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const a = await buildOrganisation(t.platform, { countries: ["GB"], name: "Alba Hotline" });
    const b = await buildOrganisation(t.platform, { countries: ["IE"], name: "Brise Shelter" });
    alba = await signIn(t.app, (await buildUser(t.platform, a.slug, "caseworker")).email);
    brise = await signIn(t.app, (await buildUser(t.platform, b.slug, "caseworker")).email);
    await ingestAds(t.platform, [
      { id: "ad1", site: "ads.example.com", title: "New girl", text: "call 07700 900555", country: "GB" },
      { id: "ad2", site: "ads.example.com", title: "Sweet", text: "whatsapp +44 7700 900555", country: "GB" },
      { id: "ad3", site: "ads.example.com", title: "Other", text: "only lou@example.com", country: "GB" },
    ]);
  });
  afterAll(() => t.close());

  const page = async (id: string, cookies: Record<string, string>) =>
    decodeEntities((await t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies })).body);
  const clusterOfAd = async (sourceId: string) =>
    (
      await t.platform.db
        .selectFrom("ads")
        .select("cluster_id")
        .where("source_id", "=", sourceId)
        .executeTakeFirstOrThrow()
    ).cluster_id;
  const stored = async (type: string, value: string) =>
    t.platform.db
      .selectFrom("identifiers")
      .select(["item_count", "cluster_id"])
      .where("blind_index", "=", blindIndex(graphKeys(t.platform).blind, { type: type as "phone", value }))
      .executeTakeFirst();

  it("links a report to the ads that share a number it names, never through the reporter's own contact", async () => {
    const report = await sendReport(t.app, t.platform, {
      country: "GB",
      area: "Leeds",
      online: "The ad gives 07700 900 555 on ads.example.com",
      narrative: "They also write to mia (at) example (dot) com",
      contactPreference: "contact",
      contact: "07700 900777",
    });
    expect(await page(report.id, alba)).not.toContain("Linked online activity");
    expect(await linkPendingReports(t.platform)).toMatchObject({ linked: 1, unlinked: 0 });
    expect(await linkPendingReports(t.platform)).toMatchObject({ linked: 0 });

    const html = await page(report.id, alba);
    expect(html).toContain("Linked online activity");
    expect(html).toContain("2 online ads and none of your other reports share a phone number");
    expect(html).toContain(`href="/staff/clusters/${await clusterOfAd("ad1")}"`);
    expect(await clusterOfAd("ad3")).not.toBe(await clusterOfAd("ad1"));
    const link = await t.platform.db.selectFrom("report_links").selectAll().executeTakeFirstOrThrow();
    expect(link.cluster_id).toBe(await clusterOfAd("ad1"));
    expect(Number((await stored("phone", "+447700900555"))?.item_count)).toBe(3);
    expect(await stored("email", "mia@example.com")).toBeDefined();
    expect(await stored("phone", "+447700900777")).toBeUndefined();
  });

  it("counts another organisation's reports in a cluster for no one but that organisation", async () => {
    const theirs = await sendReport(t.app, t.platform, {
      country: "IE",
      area: "Dublin",
      narrative: "He answers on +44 7700 900555 and takes their wages",
    });
    await linkPendingReports(t.platform);
    const html = await page(theirs.id, brise);
    expect(html).toContain("2 online ads and none of your other reports share");
    const ours = await t.platform.db
      .selectFrom("report_links")
      .select("report_id")
      .where("report_id", "<>", theirs.id)
      .executeTakeFirstOrThrow();
    expect(await page(ours.report_id, alba)).toContain("2 online ads and none of your other reports");
    // Alba cannot open Brise's report at all.
    expect(
      (await t.app.inject({ method: "GET", url: `/staff/reports/${theirs.id}`, cookies: alba })).statusCode,
    ).toBe(404);
  });

  it("lists on the cluster page only the reports the viewer's organisation holds, and counts ads only", async () => {
    const cluster = await clusterOfAd("ad1");
    const view = async (cookies: Record<string, string>) =>
      decodeEntities(
        (await t.app.inject({ method: "GET", url: `/staff/clusters/${cluster}`, cookies })).body,
      );
    const albaView = await view(alba);
    expect(albaView).toContain("Your organisation's reports in this cluster");
    const ours = await t.platform.db
      .selectFrom("report_links")
      .innerJoin("report_copies", "report_copies.report_id", "report_links.report_id")
      .innerJoin("organisations", "organisations.id", "report_copies.organisation_id")
      .select(["report_links.report_id", "organisations.name"])
      .execute();
    for (const r of ours) {
      if (r.name === "Alba Hotline") expect(albaView).toContain(`/staff/reports/${r.report_id}`);
      else expect(albaView).not.toContain(r.report_id);
    }
    const size = await t.platform.db
      .selectFrom("clusters")
      .select("size")
      .where("id", "=", cluster)
      .executeTakeFirstOrThrow();
    expect(Number(size.size)).toBe(2);
    const briseView = await view(brise);
    expect(briseView).toContain("Your organisation's reports in this cluster");
    for (const r of ours) if (r.name === "Alba Hotline") expect(briseView).not.toContain(r.report_id);
  });

  it("takes a purged report out of the graph and splits what only it held together", async () => {
    const bridge = await sendReport(t.app, t.platform, {
      country: "GB",
      area: "York",
      narrative: "Same man: 07700 900555 and lou@example.com",
    });
    await linkPendingReports(t.platform);
    expect(await clusterOfAd("ad3")).toBe(await clusterOfAd("ad1"));
    // Retention ends: the report and its copies are deleted (as report-retention does).
    await t.platform.db.deleteFrom("report_copies").where("report_id", "=", bridge.id).execute();
    await t.platform.db.deleteFrom("reports").where("id", "=", bridge.id).execute();
    expect(await linkPendingReports(t.platform)).toMatchObject({ unlinked: 1 });
    expect(await clusterOfAd("ad3")).not.toBe(await clusterOfAd("ad1"));
    expect(Number((await stored("email", "lou@example.com"))?.item_count)).toBe(1);
    const observed = await t.platform.db
      .selectFrom("observations")
      .select("item_id")
      .where("item_id", "=", bridge.id)
      .execute();
    expect(observed).toEqual([]);
  });
});
