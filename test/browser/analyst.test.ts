import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingestAds } from "../../src/modules/linking/linking.service.ts";
import { ANALYST_ADS, BITCOIN, IBAN } from "../support/analyst-ads.ts";
import {
  buildCoordinator,
  clickAndWait,
  type LiveApp,
  launchChromium,
  seriousViolations,
  signInStaff,
  startLiveApp,
} from "./support.ts";

describe("the analyst console in a browser", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;
  let coordinator: { email: string };
  let clusterA: string;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    await ingestAds(live.t.platform, ANALYST_ADS);
    clusterA =
      (
        await live.t.platform.db
          .selectFrom("ads")
          .select("cluster_id")
          .where("source_id", "=", "a1")
          .executeTakeFirst()
      )?.cluster_id ?? "";
    coordinator = await buildCoordinator(live, ["GB"]);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function signedIn(javaScriptEnabled: boolean): Promise<Page> {
    context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signInStaff(page, live, coordinator.email);
    return page;
  }

  it("has no serious accessibility problem on the ads, ad, clusters, cluster and lead pages", async () => {
    const page = await signedIn(true);
    const problems: string[] = [];
    await clickAndWait(page, page.locator(".staff-bar").getByRole("link", { name: "Ads" }));
    problems.push(...(await seriousViolations(page, "/staff/ads")));
    await clickAndWait(page, page.getByRole("link", { name: "Sweet young girl" }));
    problems.push(...(await seriousViolations(page, "ad page")));
    await clickAndWait(page, page.locator(".staff-bar").getByRole("link", { name: "Clusters" }));
    problems.push(...(await seriousViolations(page, "/staff/clusters")));
    await page.goto(live.url(`/staff/clusters/${clusterA}`));
    problems.push(...(await seriousViolations(page, "cluster page")));
    await clickAndWait(page, page.getByRole("button", { name: "Printable lead" }));
    problems.push(...(await seriousViolations(page, "lead page")));
    expect(problems).toEqual([]);
  });

  it("shows the whole cluster page with JavaScript off, and the export works", async () => {
    const page = await signedIn(false);
    await page.goto(live.url(`/staff/clusters/${clusterA}`));
    await expect.poll(() => page.locator("h1").textContent()).toBe("Cluster of 4 items");
    for (const id of ["network", "places", "identifiers", "people", "indicators", "money", "items"]) {
      expect([id, await page.locator(`#${id}`).isVisible()]).toEqual([id, true]);
    }
    expect(await page.locator("#places li").allTextContents()).toEqual([
      expect.stringContaining("Leeds"),
      expect.stringContaining("Manchester"),
      expect.stringContaining("London"),
    ]);
    const money = (await page.locator("#money").textContent()) ?? "";
    expect(money).toContain(IBAN);
    expect(money).toContain(BITCOIN);
    // The chart is drawn by the server; its table opens without script.
    expect(await page.locator(".timeline-chart svg rect.chart-bar").count()).toBeGreaterThan(0);
    await page.locator(".chart-table summary").click();
    expect(await page.locator(".chart-table table").isVisible()).toBe(true);
    const response = await clickAndWait(page, page.getByRole("button", { name: "Printable lead" }));
    expect(response?.status()).toBe(200);
    expect(await page.locator("code.hash").count()).toBe(5);
  });

  it("marks the words that triggered each rule on the ranked ads page", async () => {
    const page = await signedIn(false);
    await page.goto(live.url("/staff/ads"));
    const first = page.locator(".ranked-ad").first();
    expect(await first.locator("h3").textContent()).toBe("Barely legal teen, fresh");
    expect(await first.locator("mark").allTextContents()).toContain("pay off my debt");
  });
});
