import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AdInput,
  ingestAds,
  listAdClusters,
  openIdentifierValue,
} from "../../src/modules/linking/linking.service.ts";
import { resplitAdClusters } from "../../src/modules/linking/resplit.service.ts";
import { type Dialect, dialects, startTestApp, type TestApp } from "../support/harness.ts";

// Fictional numbers only: UK Ofcom drama range 07700 900xxx, example.com / .invalid sites.
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

const clusterOf = (clusters: { clusterId: string; itemIds: string[] }[], id: string) =>
  clusters.find((c) => c.itemIds.includes(id))?.itemIds ?? [id];

describe.each(dialects())("linking ads (%s)", (dialect: Dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(dialect, { hubLimit: 3 });
  });
  afterEach(async () => {
    await t.close();
  });

  it("joins ads that share a phone however it is written, and keeps others apart", async () => {
    await ingestAds(t.platform, [
      ad("a1", "Sweet girl, call 07700 900123"),
      ad("a2", "New here. zero seven seven zero zero 9 0 0 one two three"),
      ad("a3", "Different person: 07700 900456"),
    ]);
    const clusters = await listAdClusters(t.platform);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.itemIds).toEqual(["a1", "a2"]);
  });

  it("merges two clusters when a later ad carries identifiers of both, across batches", async () => {
    await ingestAds(t.platform, [ad("b1", "call 07700 900111"), ad("b2", "mail mia@example.com")]);
    await ingestAds(t.platform, [ad("b3", "07700 900111 or mia (at) example (dot) com")]);
    await ingestAds(t.platform, [ad("b4", "whatsapp +44 7700 900 111")]);
    const clusters = await listAdClusters(t.platform);
    expect(clusters.map((c) => c.itemIds)).toEqual([["b1", "b2", "b3", "b4"]]);
    const sizes = await t.platform.db.selectFrom("clusters").select("size").where("size", ">=", 2).execute();
    expect(sizes.map((s) => Number(s.size))).toEqual([4]);
  });

  it("stops linking through a number printed by more unrelated groups of ads than the hub limit, flags it and splits what it joined", async () => {
    // Five people each advertised with their own number; then each prints a shared help line too (limit 3).
    const people = ["ana", "bea", "cat", "dee", "eve"];
    await ingestAds(
      t.platform,
      people.map((name, i) => ad(`p${i + 1}`, `${name} 07700 90000${i + 1}`)),
    );
    const hotline = "Help line 07700 900999.";
    const summary = await ingestAds(
      t.platform,
      people.map((name, i) => ad(`h${i + 1}`, `${hotline} ${name} 07700 90000${i + 1}`)),
    );
    expect(summary.newHubs).toBe(1);
    const clusters = await listAdClusters(t.platform);
    expect(clusters.map((c) => c.itemIds)).toEqual(
      expect.arrayContaining(people.map((_, i) => [`h${i + 1}`, `p${i + 1}`])),
    );
    expect(clusters).toHaveLength(5);
    const hubs = await t.platform.db.selectFrom("identifiers").selectAll().where("is_hub", "=", 1).execute();
    expect(hubs).toHaveLength(1);
    expect(openIdentifierValue(t.platform, hubs[0]!.id, hubs[0]!.display_sealed)).toBe("+447700900999");
    expect(Number(hubs[0]!.item_count)).toBe(5);
    const sizes = await t.platform.db.selectFrom("clusters").select("size").where("size", ">=", 2).execute();
    expect(sizes.map((s) => Number(s.size))).toEqual([2, 2, 2, 2, 2]);
    // Later ads through it stay apart; an ad with a person's own number still joins that person.
    await ingestAds(t.platform, [
      ad("h6", `${hotline} fay 07700 900006`),
      ad("h7", "eve again: 07700 900005"),
    ]);
    const after = await listAdClusters(t.platform);
    expect(clusterOf(after, "h6")).toEqual(["h6"]);
    expect(clusterOf(after, "h5")).toEqual(["h5", "h7", "p5"]);
    // Deciding hubs afresh over the whole graph agrees.
    expect(await resplitAdClusters(t.platform)).toMatchObject({ moved: 0, hubs: 1 });
  });

  it("keeps linking through a busy operator's own number, however many ads print it", async () => {
    // One operator, ten ads on one number with two emails that also meet without it (limit 3).
    const own = "07700 900777";
    await ingestAds(t.platform, [
      ad("o0", "mia@example.com or lou@example.com"),
      ...Array.from({ length: 10 }, (_, i) =>
        ad(`o${i + 1}`, `call ${own}, ${i % 2 ? "mia" : "lou"}@example.com, ad ${i}`),
      ),
      ...Array.from({ length: 6 }, (_, i) => ad(`q${i}`, `new number 07700 90020${i} or ${own}`)),
    ]);
    const clusters = await listAdClusters(t.platform);
    expect(clusters).toHaveLength(1);
    expect(clusters[0]?.itemIds).toHaveLength(17);
    expect(
      await t.platform.db.selectFrom("identifiers").select("id").where("is_hub", "=", 1).execute(),
    ).toEqual([]);
  });

  it("links a word-for-word repost to its original without extracting it again, and skips stored ids", async () => {
    const first = await ingestAds(t.platform, [
      ad("r1", "call 07700 900321"),
      ad("r2", "CALL  07700 900321", { title: "AD R1" }),
    ]);
    expect(first).toMatchObject({ imported: 2, reposts: 1, alreadyStored: 0 });
    const again = await ingestAds(
      t.platform,
      [ad("r1", "call 07700 900321"), ad("r3", "call 07700 900321 ", { title: "Ad r1" })],
      {},
    );
    expect(again).toMatchObject({ imported: 1, reposts: 1, alreadyStored: 1 });
    const rows = await t.platform.db
      .selectFrom("ads")
      .select(["source_id", "repost_of"])
      .orderBy("source_id")
      .execute();
    expect(rows.filter((r) => r.repost_of !== null).map((r) => r.source_id)).toEqual(["r2", "r3"]);
    expect(clusterOf(await listAdClusters(t.platform), "r1")).toEqual(["r1", "r2", "r3"]);
  });

  it("keeps no identifier value in the clear anywhere in the database, and no card number", async () => {
    await ingestAds(t.platform, [
      ad("p1", "Call O7700 9OO 777 or mail ana (at) example (dot) com; pay GB82 WEST 1234 5698 7654 32", {
        title: "Card 4111 1111 1111 1111 accepted",
      }),
      ad("p2", "seven seven zero zero 900777 - ana (at) example (dot) com"),
    ]);
    const dump = await t.dumpAllRows();
    for (const value of [
      "+447700900777",
      "447700900777",
      "ana@example.com",
      "GB82WEST12345698765432",
      "4111111111111111",
      "4111 1111 1111 1111",
    ]) {
      expect(dump).not.toContain(value);
    }
    expect(dump).toContain("1111"); // the card's last four digits stay, masked
    expect(clusterOf(await listAdClusters(t.platform), "p1")).toEqual(["p1", "p2"]);
  });
});

describe.each(dialects())("re-splitting clusters (%s)", (dialect: Dialect) => {
  it("keeps ads joined by their own numbers and reposts, and keeps the cluster's id", async () => {
    const t = await startTestApp(dialect);
    try {
      await ingestAds(t.platform, [
        ad("k1", "call 07700 900401"),
        ad("k2", "call 07700 900401 or 07700 900402"),
        ad("k3", "only 07700 900402"),
        ad("k4", "call 07700 900401", { title: "Ad k1" }),
      ]);
      const before = await listAdClusters(t.platform);
      expect(before.map((c) => c.itemIds)).toEqual([["k1", "k2", "k3", "k4"]]);
      expect(await resplitAdClusters(t.platform)).toMatchObject({ moved: 0 });
      expect(await listAdClusters(t.platform)).toEqual(before);
    } finally {
      await t.close();
    }
  });
});
