import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clickAndWait, type LiveApp, launchChromium, seriousViolations, startLiveApp } from "./support.ts";

describe("the glossary in a browser: axe finds no serious or critical violations, and it works with JavaScript off", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
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

  it("index, search results and term pages in English and Arabic pass axe", async () => {
    // axe runs as a script in the page, so this one check needs JavaScript.
    const page = await freshPage(true);
    const problems: string[] = [];
    for (const path of [
      "/learn/glossary",
      "/learn/glossary?lang=ar",
      "/learn/glossary?q=trata&lang=es",
      "/learn/glossary?q=zzzz",
      "/learn/glossary/trafficking-in-persons",
      "/learn/glossary/nordic-model?lang=ar",
      "/learn/glossary/purpose?lang=fr",
    ]) {
      const response = await page.goto(live.url(path));
      expect(response?.status(), path).toBe(200);
      problems.push(...(await seriousViolations(page, path)));
    }
    expect(problems).toEqual([]);
  });

  it("searches with the form, follows a result, jumps to a letter and switches language", async () => {
    const page = await freshPage();
    await page.goto(live.url("/learn/glossary?lang=es"));
    await page.getByLabel("Buscar un término").fill("trata");
    await clickAndWait(page, page.getByRole("button", { name: "Buscar" }));
    expect(page.url()).toContain("q=trata");
    await clickAndWait(page, page.getByRole("link", { name: "Trata de personas", exact: true }));
    expect(await page.locator("h1").textContent()).toBe("Trata de personas");
    await clickAndWait(page, page.getByRole("link", { name: "العربية: الاتجار بالأشخاص" }));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("h1").textContent()).toBe("الاتجار بالأشخاص");

    await page.goto(live.url("/learn/glossary"));
    await page.getByRole("navigation", { name: "Jump to a letter" }).getByRole("link", { name: "T" }).click();
    expect(page.url()).toMatch(/#letter-\d+$/);
    expect(await page.locator(":target").textContent()).toBe("T");
  });
});
