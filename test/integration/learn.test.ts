import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOSSARY } from "../../src/modules/library/glossary.ts";
import { createItem, type NewLibraryItem } from "../../src/modules/library/library.service.ts";
import { loadSeedContent } from "../../src/modules/library/library-seed.ts";
import { loadSeedContent as readSeedFiles } from "../../src/modules/library/seed-content.ts";
import { recordStoryConsent } from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

/** The public library pages: hub, search, every item type, kits and their printable version. */
describe.each(dialects())("the public library (%s)", (dialect) => {
  let t: TestApp;
  let firstSeed: { added: number; skipped: number };

  const add = (item: Partial<NewLibraryItem> & Pick<NewLibraryItem, "type" | "slug" | "title">) =>
    createItem(t.platform, { language: "en", status: "published", summary: "", body: "", ...item });
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });
  const text = async (url: string, headers: Record<string, string> = {}) =>
    decodeEntities((await get(url, headers)).body);
  /** Result titles of a search page, in order. */
  const titles = (html: string) =>
    [...html.matchAll(/<h3[^>]*><a href="[^"]*">([^<]+)<\/a><\/h3>/g)].map((m) => decodeEntities(m[1] ?? ""));

  beforeAll(async () => {
    t = await startTestApp(dialect);
    firstSeed = await loadSeedContent(t.platform);
    // Ranking: the body-only match is created first, so recency cannot explain the order.
    await add({
      type: "article",
      slug: "body-only",
      title: "Field notes",
      body: "A word about the zebrafinch project.",
    });
    await add({
      type: "article",
      slug: "title-match",
      title: "Zebrafinch shelters",
      body: "Shelters in three towns.",
    });
    for (let i = 1; i <= 12; i++)
      await add({
        type: "guide",
        slug: `quokka-${i}`,
        title: `Quokka guide ${String(i).padStart(2, "0")}`,
        summary: "A numbered guide.",
        body: "Everything about the quokka method for outreach workers.",
        level: i <= 3 ? "expert" : "first_steps",
        audiences: i <= 3 ? ["journalists"] : ["youth"],
        countries: i === 1 ? ["ES"] : [],
      });
    const practice = await add({
      type: "best_practice",
      slug: "market-day-outreach",
      title: "Market-day outreach by rural women's groups",
      summary: "Volunteers at weekly markets.",
      body: "How the project started.",
      level: "practitioner",
      topics: ["prevention"],
      countries: ["BO"],
      details: {
        problem: "Recruiters posing as employers visited markets.",
        actions: "Women's groups held stalls with job-offer checklists.",
        where: "Three provinces",
        evidence: "Calls to the hotline from the region doubled.",
        contact: "outreach@example.org",
      },
    });
    await add({
      type: "best_practice",
      language: "es",
      slug: "alcance-en-dias-de-mercado",
      translationGroup: practice,
      title: "Alcance en los días de mercado",
      details: { problem: "Captadores en los mercados." },
    });
    await add({
      type: "resource",
      slug: "forced-labour-indicators",
      title: "Indicators of forced labour",
      details: {
        publisher: "International Labour Organization",
        year: 2012,
        resourceLanguage: "en",
        licence: "All rights reserved",
        url: "https://www.ilo.org/indicators",
      },
    });
    const story = await add({
      type: "story",
      slug: "a-new-start",
      title: "A new start",
      body: "I left the farm after two years.",
    });
    await recordStoryConsent(t.platform, story);
    await add({ type: "story", slug: "no-consent", title: "Without consent", body: "Never shown." });
    const withdrawn = await add({
      type: "story",
      slug: "withdrawn",
      title: "Withdrawn",
      body: "Not any more.",
    });
    await recordStoryConsent(t.platform, withdrawn);
    await t.platform.db
      .updateTable("library_consents")
      .set({ withdrawn_at: "2026-11-20T10:00:00.000Z", withdrawn_by: "test" })
      .where("item_id", "=", withdrawn)
      .execute();
    await add({ type: "article", slug: "still-a-draft", title: "Draft about quokka", status: "draft" });
    await add({ type: "article", slug: "archived-one", title: "Archived about quokka", status: "archived" });
  });
  afterAll(() => t.close());

  it("loads the seed once: a second run adds nothing", async () => {
    expect(firstSeed.added).toBeGreaterThan(300);
    expect(await loadSeedContent(t.platform)).toEqual({ added: 0, skipped: firstSeed.added });
  });

  it("opens the hub with a search box, audiences, topics, kits, the screener, the glossary and recent items", async () => {
    const res = await get("/learn");
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const html = decodeEntities(res.body);
    expect(html).toContain('action="/learn/search"');
    expect(html).toContain('href="/learn/search?audience=youth&language=en"');
    expect(html).toContain('href="/learn/search?topic=forced_marriage&language=en"');
    expect(html).toContain('<a href="/learn/kits/school">Starter kit for a school</a>');
    expect(html).toContain('href="/learn/screener"');
    expect(html).toContain('href="/learn/glossary"');
    expect(html).toContain("Recently published");
    const es = await text("/learn?lang=es");
    expect(es).toContain("Kit de inicio para un centro educativo");
  });

  it("ranks a title match above a body-only match and marks the words in snippets", async () => {
    const res = await get("/learn/search?q=zebrafinch");
    expect(res.statusCode).toBe(200);
    expect(titles(res.body)).toEqual(["Zebrafinch shelters", "Field notes"]);
    expect(res.body).toContain("<mark>zebrafinch</mark>");
    expect(res.body).toContain("2 items found");
  });

  it("finds seed articles and glossary terms, linking each to its page", async () => {
    const html = await text("/learn/search?q=sextortion&language=en");
    expect(html).toContain('href="/learn/glossary/sextortion"');
    expect(html).toMatch(/href="\/learn\/articles\/online-safety-and-sexting"/);
  });

  it("pages through results with next and previous links that keep the query and filters", async () => {
    const first = await text("/learn/search?q=quokka&type=guide");
    expect(titles(first)).toHaveLength(10);
    expect(first).toContain("12 items found");
    // The search looked in the visitor's language (none was named), and its pages keep doing so.
    expect(first).toContain('href="/learn/search?q=quokka&type=guide&language=en&page=2" rel="next"');
    expect(first).not.toContain('rel="prev"');
    const second = await text("/learn/search?q=quokka&type=guide&language=en&page=2");
    expect(titles(second)).toHaveLength(2);
    expect(second).toContain('href="/learn/search?q=quokka&type=guide&language=en" rel="prev"');
    expect(second).not.toContain('rel="next"');
    // Drafts and archived items are never found.
    expect([...titles(first), ...titles(second)].some((x) => /Draft|Archived/.test(x))).toBe(false);
  });

  it("looks in the visitor's language first, in every language when nothing is there, and in all when asked", async () => {
    // An Arabic reader searching a word only English items hold: the page says it widened the search.
    const arabic = await text("/learn/search?q=quokka&type=guide&lang=ar");
    expect(arabic).toContain("data-widened");
    expect(titles(arabic)).toHaveLength(10);
    // In English nothing needs widening.
    expect(await text("/learn/search?q=quokka&type=guide")).not.toContain("data-widened");
    // "Any language", chosen in the form, is kept from page to page.
    const any = await text("/learn/search?q=quokka&type=guide&language=");
    expect(any).toContain('href="/learn/search?q=quokka&type=guide&language=&page=2" rel="next"');
    expect(any).not.toContain("data-widened");
  });

  it("filters by level, audience and country, and keeps the chosen filters selected", async () => {
    const html = await text("/learn/search?q=quokka&level=expert&audience=journalists");
    expect(titles(html).sort()).toEqual(["Quokka guide 01", "Quokka guide 02", "Quokka guide 03"]);
    expect(html).toMatch(/<option value="expert" selected[^>]*>Expert<\/option>/);
    expect(html).toMatch(/<option value="journalists" selected[^>]*>Journalists<\/option>/);
    expect(titles(await text("/learn/search?q=quokka&country=ES"))).toEqual(["Quokka guide 01"]);
    // Filters alone browse (newest first), with the same filters kept.
    const browse = await text("/learn/search?type=guide&audience=journalists&level=expert");
    expect(titles(browse).sort()).toEqual(["Quokka guide 01", "Quokka guide 02", "Quokka guide 03"]);
    expect(browse).toContain("3 items found");
    expect(browse).toMatch(/<option value="guide" selected[^>]*>Guide<\/option>/);
  });

  it("shows the form and a hint, not an empty result, before anything is asked", async () => {
    const res = await get("/learn/search");
    expect(res.statusCode).toBe(200);
    expect(decodeEntities(res.body)).toContain("Type a few words, or choose a filter");
    expect(res.body).not.toContain("Nothing found");
  });

  it("shows a result's summary once: inside the marked snippet when the snippet starts with it", async () => {
    const inSummary = await text("/learn/search?q=numbered&type=guide");
    expect(inSummary.match(/A <mark>numbered<\/mark> guide\./g)).toHaveLength(10);
    expect(inSummary.match(/numbered<\/mark> guide|A numbered guide/g)).toHaveLength(10);
    const inBody = await text("/learn/search?q=outreach&type=guide&level=expert");
    expect(inBody.match(/A numbered guide/g)).toHaveLength(3);
    expect(inBody.match(/<mark>outreach<\/mark>/g)).toHaveLength(3);
  });

  it("shows a clear empty state with suggestions", async () => {
    const html = await text("/learn/search?q=nothingmatchesthisword");
    expect(html).toContain("Nothing found");
    expect(html).toContain('href="/learn/glossary?q=nothingmatchesthisword"');
    expect(html).toContain("remove a filter");
  });

  it("answers a filter value no form offers with a 400 page that says which filter", async () => {
    for (const url of [
      "/learn/search?q=quokka&type=poem",
      "/learn/search?q=quokka&level=%00",
      "/learn/search?q=quokka&country=spain",
      "/learn/search?q=quokka&page=-1",
      "/learn/search?q=quokka&page=abc",
      "/learn/search?q=a&q=b",
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.body).toContain('class="error-summary"');
    }
    expect(await text("/learn/search?q=quokka&type=poem")).toContain("The value chosen for “Kind of item”");
  });

  it("never writes a search query into a log line", async () => {
    t.logs.length = 0;
    await get("/learn/search?q=confidentialword&topic=demand");
    await get("/learn/search?q=confidentialword&type=poem");
    const logs = t.logs.join("\n");
    expect(logs).toContain("/learn/search");
    expect(logs).not.toContain("confidentialword");
  });

  it("shows an article with its level, audiences, topics, sources, last update and linked translations", async () => {
    const res = await get("/learn/articles/signs-to-recognise");
    expect(res.statusCode).toBe(200);
    const html = decodeEntities(res.body);
    expect(html).toContain(
      "<h1>Signs to recognise: sexual exploitation, forced labour, domestic servitude and children</h1>",
    );
    expect(html).toContain("<h2>Signs, not proof</h2>");
    expect(html).toContain("First steps");
    expect(html).toContain("Health workers");
    expect(html).toContain("Child trafficking");
    expect(html).toContain("ILO, Indicators of Forced Labour (2012)");
    expect(html).toContain("Last updated");
    expect(html).toMatch(
      /<a href="\/learn\/articles\/signs-to-recognise\?lang=es" hreflang="es" lang="es" dir="ltr">Español: /,
    );
    expect(html).toMatch(/hreflang="fr"/);
    const es = await text("/learn/articles/signs-to-recognise?lang=es");
    expect(es).toContain("<h1>Señales para reconocer la trata");
    expect(es).toMatch(/hreflang="en"/);
  });

  it("shows English with a notice when the visitor's language has no version", async () => {
    const html = await text("/learn/articles/signs-to-recognise?lang=ar");
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toContain("هذا المحتوى غير متوفر بلغتك بعد");
    expect(html).toMatch(/<h1 lang="en" dir="ltr">Signs to recognise/);
  });

  it("shows a best practice's structured parts, and its translation in the visitor's language", async () => {
    const html = await text("/learn/practices/market-day-outreach");
    for (const part of ["The problem", "What was done", "Where", "Evidence of results", "Who to contact"])
      expect(html).toContain(`>${part}</h2>`);
    expect(html).toContain("Calls to the hotline from the region doubled.");
    expect(html).toContain("Bolivia");
    const es = await text("/learn/practices/market-day-outreach?lang=es");
    expect(es).toContain("<h1>Alcance en los días de mercado</h1>");
    expect(es).toContain("Captadores en los mercados.");
  });

  it("shows a resource's publisher, year, language, licence and an external link", async () => {
    const html = await text("/learn/resources/forced-labour-indicators");
    for (const value of ["International Labour Organization", "2012", "English", "All rights reserved"])
      expect(html).toContain(`<dd>${value}</dd>`);
    expect(html).toContain('href="https://www.ilo.org/indicators" rel="noopener noreferrer"');
  });

  it("shows a story only while its consent is recorded", async () => {
    const html = await text("/learn/stories/a-new-start");
    expect(html).toContain("I left the farm after two years.");
    expect(html).toContain("published with the consent");
    expect((await get("/learn/stories/no-consent")).statusCode).toBe(404);
    expect((await get("/learn/stories/withdrawn")).statusCode).toBe(404);
  });

  it("answers 404 for a draft, an archived item, a wrong type or an unknown slug", async () => {
    for (const url of [
      "/learn/articles/still-a-draft",
      "/learn/articles/archived-one",
      "/learn/practices/signs-to-recognise",
      "/learn/articles/no-such-thing",
      "/learn/kits/signs-to-recognise",
      "/learn/kits/no-such-kit/print",
    ])
      expect([url, (await get(url)).statusCode]).toEqual([url, 404]);
  });

  it("shows a kit's introduction and its items in order, with a printable version", async () => {
    const html = await text("/learn/kits/school");
    expect(html).toContain("<h1>Starter kit for a school</h1>");
    expect(html).toContain("This kit helps a teacher");
    const links = [...html.matchAll(/<ol class="learn-kit-items">([\s\S]*?)<\/ol>/g)][0]?.[1] ?? "";
    expect(links.indexOf("/learn/articles/what-trafficking-is-and-is-not")).toBeLessThan(
      links.indexOf("/learn/glossary/trafficking-in-persons"),
    );
    expect(html).toContain('href="/learn/kits/school/print"');
  });

  it("prints the whole kit as one document holding every article's full text", async () => {
    const seed = readSeedFiles();
    for (const kit of seed.kits) {
      const res = await get(`/learn/kits/${kit.slug}/print`);
      expect(res.statusCode).toBe(200);
      const html = decodeEntities(res.body);
      expect(html).toContain('class="print-document"');
      for (const item of kit.items) {
        if (item.kind !== "article") continue;
        const article = seed.articles.find((a) => a.meta.slug === item.slug);
        const headings = (article?.bodies.en.match(/^## .+$/gm) ?? []).map((h) => h.slice(3));
        expect(headings.length).toBeGreaterThan(0);
        for (const heading of headings) expect(html).toContain(`>${heading}</h2>`);
      }
      expect(html.match(/class="print-part"/g)?.length).toBe(kit.items.length);
    }
  });
});

describe("lantern library seed", () => {
  it("prints how many items it added, and adds none the second time", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-seed-cli-"));
    const bin = path.resolve(import.meta.dirname, "../../bin/lantern.js");
    const seed = () =>
      promisify(execFile)("node", [bin, "library", "seed"], {
        env: {
          ...process.env,
          LANTERN_DATA_DIR: dir,
          LANTERN_DATABASE_URL: `sqlite:${path.join(dir, "l.db")}`,
        },
        timeout: 60_000,
      });
    try {
      const files = readSeedFiles();
      const total = (files.articles.length + files.kits.length) * 3 + GLOSSARY.entries.length * 4;
      expect((await seed()).stdout).toContain(`Library: added ${total} item(s); 0 already present`);
      expect((await seed()).stdout).toContain(`Library: added 0 item(s); ${total} already present`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
