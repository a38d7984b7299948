import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ingestAds } from "../../src/modules/linking/linking.service.ts";
import { buildCoordinator, type LiveApp, launchChromium, signInStaff, startLiveApp } from "./support.ts";

/** Serious and critical axe violations on the page (empty when there are none). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

describe("the network and map islands in a real browser", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;
  let coordinator: { email: string };
  let clusterId: string;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    coordinator = await buildCoordinator(live, ["GB"]);
    // Fictional numbers only (Ofcom drama range), example.com sites.
    await ingestAds(live.t.platform, [
      {
        id: "i1",
        site: "ads.example.com",
        title: "Ad one",
        text: "Call 07700 900123",
        country: "GB",
        city: "Leeds",
      },
      {
        id: "i2",
        site: "ads.example.com",
        title: "Ad two",
        text: "07700 900123 or mia@example.com",
        country: "GB",
        city: "London",
      },
      {
        id: "i3",
        site: "ads.example.com",
        title: "Ad three",
        text: "mia (at) example (dot) com",
        country: "FR",
      },
    ]);
    clusterId = (
      await live.t.platform.db
        .selectFrom("ads")
        .select("cluster_id")
        .where("source_id", "=", "i1")
        .executeTakeFirstOrThrow()
    ).cluster_id;
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  /** A signed-in page; every request it makes and every console error it logs are recorded. */
  async function signedIn(javaScriptEnabled = true) {
    context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await signInStaff(page, live, coordinator.email);
    return { page, requests, errors };
  }
  const foreign = (requests: readonly string[]) =>
    requests.filter((u) => !u.startsWith(live.origin) && !u.startsWith("data:"));

  it("draws the graph on a canvas and shows a node chosen from the list in the side panel", async () => {
    const { page, requests, errors } = await signedIn();
    await page.goto(live.url(`/staff/clusters/${clusterId}/network`));
    await page.locator("[data-network-island][data-ready]").waitFor({ timeout: 15_000 });
    expect(await page.locator("[data-network-canvas] canvas").count()).toBeGreaterThan(0);
    await page.locator("[data-network-nodes] summary").click();
    const phone = page.locator("[data-network-node-list] button", { hasText: "+447700900123" });
    await phone.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("[data-network-panel-title]").textContent()).toBe("+447700900123");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("network-panel-title");
    expect(await page.locator("[data-network-panel] dd").allTextContents()).toContain("Phone");
    expect(await phone.getAttribute("aria-pressed")).toBe("true");
    expect(foreign(requests)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows the same links as a table with JavaScript off", async () => {
    const { page } = await signedIn(false);
    await page.goto(live.url(`/staff/clusters/${clusterId}/network`));
    const table = page.locator("[data-network-table]");
    expect(await table.isVisible()).toBe(true);
    expect(await table.textContent()).toContain("mia@example.com");
    expect(await page.locator("[data-network-body]").isVisible()).toBe(false);
  });

  it("shows the hotspot map as SVG, with a tooltip on keyboard focus, no third-party request and no serious axe issue", async () => {
    const { page, requests, errors } = await signedIn();
    await page.goto(live.url("/staff/map?items=ads&period=all"));
    expect(await page.locator("svg.map-svg path.country").count()).toBeGreaterThan(150);
    expect(await page.locator("svg.map-svg circle.city").count()).toBe(2);
    const uk = page.locator('svg.map-svg path[data-label^="United Kingdom"]');
    await uk.focus();
    await expect.poll(() => page.locator(".map-tooltip").textContent()).toBe("United Kingdom: 2 ads");
    expect(await page.locator(".map-tooltip").isVisible()).toBe(true);
    await page.locator(".map-zoom button").first().click();
    expect(await page.locator("svg.map-svg").getAttribute("viewBox")).not.toBe("0 0 960 470");
    expect(foreign(requests)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
