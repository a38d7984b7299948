import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createItem } from "../../src/modules/library/library.service.ts";
import { loadSeedContent } from "../../src/modules/library/library-seed.ts";
import { recordStoryConsent } from "../support/factories.ts";
import { clickAndWait, type LiveApp, launchChromium, seriousViolations, startLiveApp } from "./support.ts";

describe("the library in a browser: search and read with JavaScript off, and axe on every library page", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    const p = live.t.platform;
    await loadSeedContent(p);
    const base = { language: "en", status: "published" as const, summary: "A short summary." };
    await createItem(p, {
      ...base,
      type: "best_practice",
      slug: "market-day-outreach",
      title: "Market-day outreach",
      body: "How it started.",
      countries: ["BO"],
      details: {
        problem: "Recruiters at markets.",
        actions: "Stalls.",
        where: "Bolivia",
        evidence: "More calls.",
        contact: "Outreach team",
      },
    });
    await createItem(p, {
      ...base,
      type: "resource",
      slug: "ilo-forced-labour-indicators",
      title: "Indicators of forced labour",
      details: {
        publisher: "ILO",
        year: 2012,
        resourceLanguage: "en",
        licence: "All rights reserved",
        url: "https://www.ilo.org/x",
      },
    });
    await recordStoryConsent(
      p,
      await createItem(p, {
        ...base,
        type: "story",
        slug: "a-new-start",
        title: "A new start",
        body: "I left the farm after two years.",
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function freshPage(javaScriptEnabled = false): Promise<Page> {
    context = await browser.newContext({ javaScriptEnabled });
    return context.newPage();
  }

  it("searches from the hub, narrows with a filter and reads an article, all with JavaScript off", async () => {
    const page = await freshPage(false);
    await page.goto(live.url("/learn"));
    await page.getByLabel("Words to look for").fill("debt bondage");
    await clickAndWait(page, page.getByRole("button", { name: "Search" }));
    expect(new URL(page.url()).pathname).toBe("/learn/search");
    await expect.poll(() => page.locator("mark").count()).toBeGreaterThan(0);
    await page.getByLabel("Language", { exact: true }).selectOption("en");
    await page.getByLabel("Kind of item").selectOption("article");
    await clickAndWait(page, page.locator("form.learn-search button[type=submit]"));
    expect(new URL(page.url()).searchParams.get("language")).toBe("en");
    expect(await page.getByLabel("Language", { exact: true }).inputValue()).toBe("en");
    expect(await page.getByLabel("Kind of item").inputValue()).toBe("article");
    const first = page.locator(".learn-results h3 a").first();
    const title = (await first.textContent()) ?? "";
    await clickAndWait(page, first);
    expect(await page.locator("h1").textContent()).toBe(title);
    expect(await page.locator(".prose h2").count()).toBeGreaterThan(0);
    // The Spanish version is one link away, and opens in Spanish.
    await clickAndWait(page, page.locator('.learn-translations a[hreflang="es"]'));
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
  });

  it("every library page passes axe, in English and in Arabic", async () => {
    const page = await freshPage(true);
    const problems: string[] = [];
    const paths = [
      "/learn",
      "/learn/search?q=trafficking",
      "/learn/search?q=zzzzqqq",
      "/learn/search?audience=youth&language=en",
      "/learn/articles/signs-to-recognise",
      "/learn/articles/what-trafficking-is-and-is-not",
      "/learn/practices/market-day-outreach",
      "/learn/resources/ilo-forced-labour-indicators",
      "/learn/stories/a-new-start",
      "/learn/kits/school",
      "/learn/kits/volunteer-group/print",
    ];
    for (const path of paths)
      for (const lang of ["en", "ar"]) {
        const url = `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;
        const response = await page.goto(live.url(url));
        expect(response?.status(), url).toBe(200);
        problems.push(...(await seriousViolations(page, url)));
      }
    const bad = await page.goto(live.url("/learn/search?q=x&type=poem"));
    expect(bad?.status()).toBe(400);
    problems.push(...(await seriousViolations(page, "bad filter")));
    expect(problems).toEqual([]);
  });
});
