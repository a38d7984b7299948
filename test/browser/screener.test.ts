import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../src/platform/i18n/i18n.ts";
import { clickAndWait, type LiveApp, launchChromium, startLiveApp, text } from "./support.ts";

/** What the visitor answers, question by question (option values, independent of the language). */
const STORY: Readonly<Record<string, readonly string[]>> = {
  age: ["adult"],
  purpose: ["labour", "domestic"],
  work: ["unpaid", "hours"],
  act: ["recruited", "moved", "harboured"],
  border: ["yes"],
  crossing: ["paid_helper"],
  arrival: ["held"],
  means: ["documents", "debt"],
  consent: ["yes"],
};

let browser: Browser;
let live: LiveApp;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
});
afterAll(async () => {
  await browser?.close();
  await live?.close();
});
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

async function newPage(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled });
  contexts.push(context);
  return context.newPage();
}

/** Serious and critical axe violations of a page, one line each. */
async function seriousViolations(page: Page, url: string): Promise<string[]> {
  const response = await page.goto(url);
  expect(response?.status(), url).toBe(200);
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${url}: ${v.id} ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

/** The question on screen: the name of its radios or checkboxes. */
const currentQuestion = (page: Page) =>
  page.locator("#screener-form fieldset input").first().getAttribute("name");

/** Answers every question with scripts off, from the first question to the result; returns the pages seen. */
async function answerAll(page: Page, locale: Locale, onQuestion?: (name: string) => Promise<void>) {
  const seen: string[] = [];
  for (let i = 0; i < 12 && new URL(page.url()).pathname === "/learn/screener/step"; i++) {
    seen.push(page.url());
    const name = (await currentQuestion(page)) ?? "";
    expect(await page.locator("h1").textContent()).toMatch(
      new RegExp(
        `^${text(locale, "screener.progress", { number: i + 1, total: 99 }).replace("99", "\\d+")}$`,
      ),
    );
    for (const value of STORY[name] ?? []) {
      await page.locator(`#screener-form input[name="${name}"][value="${value}"]`).check();
    }
    await onQuestion?.(name);
    await clickAndWait(page, page.locator('#screener-form button[name="go"][value="next"]'));
  }
  expect(new URL(page.url()).pathname).toBe("/learn/screener/result");
  seen.push(page.url());
  return seen;
}

describe("the screener end to end with JavaScript off", () => {
  it("in English: intro, every question, the result with its reasons and the country's numbers", async () => {
    const page = await newPage(false);
    await page.goto(live.url("/"));
    await clickAndWait(page, page.getByRole("link", { name: text("en", "screener.link.cta") }));
    expect(await page.locator("h1").textContent()).toBe(text("en", "screener.intro.heading"));
    await clickAndWait(page, page.getByRole("link", { name: text("en", "screener.intro.start") }));

    // Back from the second question returns to the first with the answer kept.
    await page.locator('input[name="age"][value="adult"]').check();
    await clickAndWait(page, page.getByRole("button", { name: text("en", "screener.next"), exact: true }));
    await clickAndWait(page, page.getByRole("button", { name: text("en", "screener.back") }));
    expect(await page.locator('input[name="age"][value="adult"]').isChecked()).toBe(true);

    const seen = await answerAll(page, "en");
    expect(seen.length).toBe(10); // nine questions, then the result
    expect(await page.locator("h1").textContent()).toBe(
      text("en", "screener.outcome.smuggling_then_trafficking.title"),
    );
    expect(await page.getByText(text("en", "screener.reason.smuggling_held")).count()).toBe(1);
    expect(await page.locator(".notice").textContent()).toBe(text("en", "screener.result.notLegal"));

    await page.locator("#screener-country").selectOption("ES");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "help.show") }));
    expect(await page.locator('a[href="tel:112"]').count()).toBe(1);
    // The answers rode along: still the same result.
    expect(await page.locator("h1").textContent()).toBe(
      text("en", "screener.outcome.smuggling_then_trafficking.title"),
    );

    // Changing language on the result keeps the answers and the country.
    await clickAndWait(page, page.getByRole("button", { name: "Français" }));
    expect(await page.locator("h1").textContent()).toBe(
      text("fr", "screener.outcome.smuggling_then_trafficking.title"),
    );
    expect(await page.locator('a[href="tel:112"]').count()).toBe(1);

    // Accessibility of every page the visitor saw (axe needs scripts, so in a second profile).
    const checker = await newPage(true);
    const problems: string[] = [];
    for (const url of [live.url("/learn/screener"), ...seen, page.url()]) {
      problems.push(...(await seriousViolations(checker, url)));
    }
    expect(problems).toEqual([]);
  });

  it("in Spanish, switching language on a question without losing its answer", async () => {
    const page = await newPage(false);
    await page.goto(live.url("/learn/screener/step"));
    await page.locator('input[name="age"][value="child"]').check();
    await clickAndWait(page, page.getByRole("button", { name: text("en", "screener.next"), exact: true }));
    await page.locator('input[name="purpose"][value="begging"]').check();
    await clickAndWait(page, page.getByRole("button", { name: "Español" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator('input[name="purpose"][value="begging"]').isChecked()).toBe(true);
    expect(await page.locator("legend").textContent()).toBe(text("es", "screener.q.purpose"));

    const story = {
      ...STORY,
      age: ["child"],
      purpose: ["begging"],
      act: ["moved", "harboured"],
      border: ["no"],
    };
    const seen: string[] = [];
    for (let i = 0; i < 12 && new URL(page.url()).pathname === "/learn/screener/step"; i++) {
      seen.push(page.url());
      const name = (await currentQuestion(page)) ?? "";
      expect(name).not.toBe("means"); // a child's path skips the means
      for (const value of story[name as keyof typeof story] ?? []) {
        await page.locator(`#screener-form input[name="${name}"][value="${value}"]`).check();
      }
      await clickAndWait(page, page.getByRole("button", { name: text("es", "screener.next"), exact: true }));
    }
    seen.push(page.url());
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("h1").textContent()).toBe(
      text("es", "screener.outcome.likely_trafficking.title"),
    );
    expect(await page.getByText(text("es", "screener.reason.child")).count()).toBe(1);
    expect(await page.getByRole("link", { name: text("es", "screener.result.reportLink") }).count()).toBe(1);

    const checker = await newPage(true);
    const problems: string[] = [];
    for (const url of seen) problems.push(...(await seriousViolations(checker, url)));
    expect(problems).toEqual([]);
  });

  it("in Arabic, right to left", async () => {
    const page = await newPage(false);
    await page.goto(live.url("/learn/screener/step?lang=ar"));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await page.locator("legend").textContent()).toBe(text("ar", "screener.q.age"));
  });
});
