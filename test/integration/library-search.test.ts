import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createItem, searchLibrary } from "../../src/modules/library/library.service.ts";
import { searchIndexFor } from "../../src/modules/library/library-search.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("library search (%s)", (dialect) => {
  let t: TestApp;
  const titles = async (q: string, filters: Parameters<typeof searchLibrary>[2] = {}) =>
    (await searchLibrary(t.platform, q, filters)).map((r) => r.title);

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const p = t.platform;
    await createItem(p, {
      type: "article",
      language: "en",
      slug: "body-only",
      status: "published",
      title: "Working abroad safely",
      summary: "Questions to ask before you accept a job.",
      body: "Some recruiters lie about the job. Debt bondage keeps workers who were trafficked from leaving.",
      audiences: ["rural_communities"],
      topics: ["labour_trafficking"],
    });
    await createItem(p, {
      type: "article",
      language: "en",
      slug: "title-match",
      status: "published",
      title: "Debt bondage explained",
      summary: "How a debt is used to control someone.",
      body: "A short explainer for new volunteers.",
      level: "practitioner",
      audiences: ["ngo_staff"],
      topics: ["labour_trafficking", "money_supply_chains"],
    });
    await createItem(p, {
      type: "guide",
      language: "en",
      slug: "summary-match",
      status: "published",
      title: "Recognising exploitation at work",
      summary: "Signs of debt bondage, forced labour and servitude.",
      body: "Look for confiscated passports and wages that never arrive.",
      audiences: ["officials_police"],
      topics: ["labour_trafficking"],
      countries: ["ES"],
    });
    await createItem(p, {
      type: "article",
      language: "es",
      slug: "trata-o-trafico",
      status: "published",
      title: "Trata de personas o tráfico de migrantes",
      summary: "Dos delitos distintos que a menudo se confunden.",
      body: "La trata busca explotar a la persona; el tráfico ilícito de migrantes cruza una frontera.",
      audiences: ["youth"],
      topics: ["law_policy"],
    });
    await createItem(p, {
      type: "article",
      language: "en",
      slug: "draft",
      status: "draft",
      title: "Debt bondage draft",
      summary: "Not published yet.",
      body: "Debt bondage.",
    });
  });
  afterAll(() => t.close());

  it("ranks a title match above a summary match above a body match, and never shows drafts", async () => {
    expect(await titles("debt bondage")).toEqual([
      "Debt bondage explained",
      "Recognising exploitation at work",
      "Working abroad safely",
    ]);
  });

  it("matches the last word as a prefix, and stems English words", async () => {
    expect(await titles("recognis")).toEqual(["Recognising exploitation at work"]);
    expect(await titles("passport")).toEqual(["Recognising exploitation at work"]);
    expect(await titles("traffick")).toContain("Working abroad safely");
  });

  it("finds Spanish text with or without its accents", async () => {
    expect(await titles("trafico migrantes", { language: "es" })).toEqual([
      "Trata de personas o tráfico de migrantes",
    ]);
    expect(await titles("tráfico")).toEqual(["Trata de personas o tráfico de migrantes"]);
  });

  it("filters by type, level, language, audience, topic and country", async () => {
    expect(await titles("debt", { type: "guide" })).toEqual(["Recognising exploitation at work"]);
    expect(await titles("debt", { level: "practitioner" })).toEqual(["Debt bondage explained"]);
    expect(await titles("debt", { audience: "rural_communities" })).toEqual(["Working abroad safely"]);
    expect(await titles("debt", { topic: "money_supply_chains" })).toEqual(["Debt bondage explained"]);
    expect(await titles("debt", { country: "ES" })).toEqual(["Recognising exploitation at work"]);
    expect(await titles("debt", { language: "es" })).toEqual([]);
  });

  it("marks the matched words in a snippet, as parts a page escapes, never as HTML", async () => {
    const [hit] = await searchLibrary(t.platform, "passports");
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase())).toContain("passports");
    expect(hit?.snippet.map((s) => s.text).join("")).toContain("confiscated");
  });

  it("replaces an item's text when it is indexed again, and forgets it when removed", async () => {
    const index = searchIndexFor(t.platform.dialect.name);
    const id = await createItem(t.platform, {
      type: "article",
      language: "en",
      slug: "edited",
      status: "published",
      title: "Zebra crossing",
      body: "Old words.",
    });
    const doc = { itemId: id, language: "en", type: "article", level: "first_steps", summary: "" };
    await index.put(t.platform.db, { ...doc, title: "Quokka meadow", body: "New words." });
    await index.put(t.platform.db, { ...doc, title: "Quokka meadow", body: "Newer words." });
    expect(await titles("zebra")).toEqual([]);
    expect(await searchLibrary(t.platform, "quokka")).toHaveLength(1);
    await index.remove(t.platform.db, id);
    expect(await searchLibrary(t.platform, "quokka")).toEqual([]);
  });

  it("pages through title and summary matches, then body-only matches, without repeating or losing one", async () => {
    for (const [slug, title, body] of [
      ["w1", "Wombat shelters", "x"],
      ["w2", "Rural wombat guide", "y"],
      ["w3", "Other one", "a wombat in the body"],
      ["w4", "Other two", "the wombat again"],
      ["w5", "Other three", "one more wombat"],
    ] as const) {
      await createItem(t.platform, {
        type: "article",
        language: "en",
        slug,
        status: "published",
        title,
        body,
      });
    }
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2)
      pages.push((await searchLibrary(t.platform, "wombat", {}, { limit: 2, offset })).map((r) => r.title));
    expect(pages[0]?.sort()).toEqual(["Rural wombat guide", "Wombat shelters"]);
    expect(pages.flat().sort()).toEqual([
      "Other one",
      "Other three",
      "Other two",
      "Rural wombat guide",
      "Wombat shelters",
    ]);
  });

  it("treats search syntax and odd input as plain words, never an error", async () => {
    for (const q of [
      '"',
      "debt AND",
      "NEAR(debt",
      "*",
      "debt:*",
      "'; drop table library_items; --",
      "",
      "   ",
    ]) {
      await expect(searchLibrary(t.platform, q)).resolves.toBeInstanceOf(Array);
    }
    // The words filters are made of are not searchable text.
    expect(await titles("flanguagees")).toEqual([]);
    // "OR" is a word (or a stop word), never an operator that widens the search.
    const debt = await titles("debt");
    for (const title of await titles("debt OR passports")) expect(debt).toContain(title);
    expect(await titles("debt OR passports")).not.toContain("Debt bondage explained");
  });
});
