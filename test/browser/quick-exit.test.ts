import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { andWait, type LiveApp, launchChromium, QUICK_EXIT_URL, startLiveApp } from "./support.ts";

const NEUTRAL_PAGE =
  "<!doctype html><html><head><title>Weather</title></head><body><h1>Sunny</h1></body></html>";

describe("quick exit", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;
  /** Requests that reached the (stubbed) neutral site. */
  let neutralRequests: Request[] = [];

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

  /** A fresh profile where the neutral site is answered locally, so nothing leaves the machine. */
  async function freshPage(javaScriptEnabled = true): Promise<Page> {
    context = await browser.newContext({ javaScriptEnabled });
    neutralRequests = [];
    await context.route("https://weather.example.org/**", (route) => {
      neutralRequests.push(route.request());
      return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: NEUTRAL_PAGE });
    });
    const page = await context.newPage();
    await page.goto(live.url("/"));
    await page.goto(live.url("/report"));
    return page;
  }

  /** After leaving, "Back" must not show the page the visitor left. */
  async function expectBackSkipsReportPage(page: Page): Promise<void> {
    expect(page.url()).toBe(QUICK_EXIT_URL);
    expect(await page.locator("h1").textContent()).toBe("Sunny");
    await page.goBack({ waitUntil: "load" });
    expect(new URL(page.url()).pathname).not.toBe("/report");
    expect(page.url()).toBe(live.url("/"));
  }

  it("leaves for the neutral site when Escape is pressed, replacing the page in history", async () => {
    const page = await freshPage();
    await andWait(page, () => page.keyboard.press("Escape"));
    await expectBackSkipsReportPage(page);
  });

  it("leaves on Escape even while the visitor is typing in a field", async () => {
    const page = await freshPage();
    await page.goto(live.url("/follow-up"));
    const field = page.locator('input[name="receiptCode"]');
    await field.fill("1234");
    await andWait(page, () => field.press("Escape"));
    expect(page.url()).toBe(QUICK_EXIT_URL);
    await page.goBack({ waitUntil: "load" });
    expect(new URL(page.url()).pathname).not.toBe("/follow-up");
  });

  it("leaves the same way when the button is clicked", async () => {
    const page = await freshPage();
    const exit = page.locator("a.quick-exit[data-quick-exit]");
    expect(await exit.textContent()).toContain("Leave this site");
    await andWait(page, () => exit.click());
    await expectBackSkipsReportPage(page);
  });

  it("does not tell the neutral site where the visitor came from", async () => {
    const page = await freshPage();
    await andWait(page, () => page.keyboard.press("Escape"));
    expect(neutralRequests).toHaveLength(1);
    expect(neutralRequests[0]?.headers().referer).toBeUndefined();
  });

  it("is a plain link to the neutral site when JavaScript is off", async () => {
    const page = await freshPage(false);
    const exit = page.locator("a.quick-exit[data-quick-exit]");
    expect(await exit.getAttribute("href")).toBe(QUICK_EXIT_URL);
    expect(await exit.getAttribute("rel")).toContain("noreferrer");
    await andWait(page, () => exit.click());
    expect(page.url()).toBe(QUICK_EXIT_URL);
    expect(await page.locator("h1").textContent()).toBe("Sunny");
    expect(neutralRequests[0]?.headers().referer).toBeUndefined();
  });
});
