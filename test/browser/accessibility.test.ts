import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildReport, buildUser } from "../support/factories.ts";
import {
  ANSWERS,
  buildCoordinator,
  clickAndWait,
  fillStep,
  type LiveApp,
  launchChromium,
  mainButton,
  openFollowUp,
  progressText,
  sendReport,
  signInStaff,
  startLiveApp,
} from "./support.ts";

/** Serious and critical axe violations on the page, one readable line each (empty when there are none). */
async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    );
}

describe("accessibility of every public page (axe: no serious or critical violations)", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext | undefined;
  let coordinator: { email: string };

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    coordinator = await buildCoordinator(live, ["ES"]);
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function freshPage(): Promise<Page> {
    context = await browser.newContext();
    return context.newPage();
  }

  /** Checks each path as it is reached by plain navigation. */
  async function checkPaths(paths: readonly string[]): Promise<string[]> {
    const page = await freshPage();
    const problems: string[] = [];
    for (const path of paths) {
      const response = await page.goto(live.url(path));
      expect(response?.status(), path).toBe(200);
      problems.push(...(await seriousViolations(page, path)));
    }
    return problems;
  }

  it("home, help, learn, privacy, follow-up and staff sign-in", async () => {
    const problems = await checkPaths([
      "/",
      "/help",
      "/help?country=ES",
      "/learn",
      "/privacy",
      "/follow-up",
      "/staff/login",
    ]);
    expect(problems).toEqual([]);
  });

  it("each step of the report form, the receipt and the follow-up thread", async () => {
    const page = await freshPage();
    const problems: string[] = [];
    const code = await sendReport(page, live, {
      onStep: async (p, step) => {
        problems.push(...(await seriousViolations(p, `/report step ${step}`)));
      },
    });
    problems.push(...(await seriousViolations(page, "receipt")));
    await openFollowUp(page, live, code);
    problems.push(...(await seriousViolations(page, "follow-up thread")));
    await page.locator('textarea[name="message"]').fill("More: they moved to another farm.");
    await clickAndWait(page, page.locator('main form button[name="action"][value="message"]'));
    problems.push(...(await seriousViolations(page, "follow-up thread after sending")));
    expect(problems).toEqual([]);
  });

  it("pages with errors: a summary that links to each field and takes focus, and the not-found page", async () => {
    const page = await freshPage();
    await page.goto(live.url("/report"));
    await fillStep(page, 1, ANSWERS);
    await clickAndWait(page, mainButton(page, 1));
    // Step 2 sent without a country or "when" (the browser's region may have preselected a country).
    await page.locator('select[name="country"]').selectOption("");
    const response = await clickAndWait(page, mainButton(page, 2));
    expect(response?.status()).toBe(400);
    expect(await progressText(page)).toBe("Step 2 of 5");
    const summary = page.locator("[data-error-summary]");
    expect(await summary.getAttribute("role")).toBe("alert");
    expect(await summary.locator("a").allTextContents()).toEqual([
      "Choose a country",
      'Choose when this happened, or "I do not know"',
    ]);
    // Screen readers announce the problems first: the script moves focus to the summary.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-error-summary"))).toBe(true);
    // Every link leads to a field that exists and is described by its error message.
    for (const href of await summary
      .locator("a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
      const target = page.locator(href ?? "#missing");
      expect(await target.count(), `${href}`).toBe(1);
    }
    expect(await page.locator("#f-country").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#f-country").getAttribute("aria-describedby")).toContain("f-country-error");
    const problems = await seriousViolations(page, "step 2 with errors");

    const wrong = await openFollowUp(page, live, "1234 5678 9012 3456");
    expect(wrong?.status()).toBe(404);
    expect(await page.locator("[data-error-summary] a").getAttribute("href")).toBe("#f-receiptCode");
    problems.push(...(await seriousViolations(page, "follow-up with a wrong code")));

    const missing = await page.goto(live.url("/no-such-page"));
    expect(missing?.status()).toBe(404);
    problems.push(...(await seriousViolations(page, "not-found page")));
    expect(problems).toEqual([]);
  });

  it("the staff report list and a report with its reply form", async () => {
    const sent = await live.t.app.inject({ method: "POST", url: "/api/v1/reports", payload: buildReport() });
    expect(sent.statusCode).toBe(201);
    const page = await freshPage();
    await signInStaff(page, live, coordinator.email);
    const problems = await seriousViolations(page, "/staff/reports");
    await clickAndWait(page, page.locator('main a[href^="/staff/reports/"]').first());
    problems.push(...(await seriousViolations(page, "/staff/reports/:id")));
    expect(problems).toEqual([]);
  });

  it("the audit log an admin browses", async () => {
    const org = await buildOrganisation(live.t.platform, { countries: ["PT"] });
    const admin = await buildUser(live.t.platform, org.slug, "admin");
    const page = await freshPage();
    await signInStaff(page, live, admin.email);
    await clickAndWait(page, page.locator('a[href="/staff/audit"]'));
    expect(await page.locator("h1").textContent()).toBe("Audit log");
    expect(await page.locator("td", { hasText: "staff.login" }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page, "/staff/audit")).toEqual([]);
  });

  it("the Arabic home page, report form and receipt", async () => {
    const problems = await checkPaths(["/?lang=ar", "/help?country=MA&lang=ar", "/follow-up?lang=ar"]);
    const page = await freshPage();
    await sendReport(page, live, {
      query: "?lang=ar",
      onStep: async (p, step) => {
        expect(await p.locator("html").getAttribute("dir")).toBe("rtl");
        if (step === 1 || step === 5)
          problems.push(...(await seriousViolations(p, `/report?lang=ar step ${step}`)));
      },
    });
    problems.push(...(await seriousViolations(page, "receipt (ar)")));
    expect(problems).toEqual([]);
  });
});
