import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createCircle,
  createForum,
  setReportVisibility,
  setStatus,
} from "../../src/modules/circles/circles.service.ts";
import {
  circleForCode,
  join,
  participantOf,
  respond,
} from "../../src/modules/circles/participation.service.ts";
import type { StaffScope } from "../../src/platform/platform.ts";
import { buildOrganisation, buildUser } from "../support/factories.ts";
import {
  clickAndWait,
  type LiveApp,
  launchChromium,
  seriousViolations,
  signInStaff,
  startLiveApp,
  text,
} from "./support.ts";

const PHONE = { width: 360, height: 640 };

describe("conversation circles in a browser", () => {
  let browser: Browser;
  let live: LiveApp;
  const contexts: BrowserContext[] = [];
  let coordinator: { id: string; email: string };
  let scope: StaffScope;
  let forumId: string;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    const org = await buildOrganisation(live.t.platform, { countries: ["ES"] });
    coordinator = await buildUser(live.t.platform, org.slug, "coordinator");
    const row = await live.t.platform.db
      .selectFrom("organisations")
      .select("id")
      .where("slug", "=", org.slug)
      .executeTakeFirstOrThrow();
    scope = { userId: coordinator.id, organisationId: row.id, role: "coordinator" };
    forumId = await createForum(live.t.platform, scope, { title: "Regional CSW forum", language: "en" });
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  async function newPage(options: {
    javaScriptEnabled: boolean;
    phone?: boolean;
    locale?: string;
  }): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScriptEnabled,
      viewport: options.phone ? PHONE : undefined,
      locale: options.locale,
    });
    contexts.push(context);
    return context.newPage();
  }

  /** An open circle with one response from someone else already in it. */
  async function openCircle(title: string, languages: string[] = ["en", "es"]) {
    const p = live.t.platform;
    const id = await createCircle(p, scope, {
      title,
      topic: "Trafficking of women and girls",
      date: "2027-03-09",
      time: "14:30",
      place: "Community hall",
      online: false,
      moderatorName: "Amina",
      moderatorAffiliation: "Coalition of shelters",
      languages,
      questions: ["What needs to be addressed?", "How can we work together this year?"],
      forumId,
      reportVisibility: "members",
    });
    await setStatus(p, scope, id, "open");
    const row = await p.db
      .selectFrom("circles")
      .select("join_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const circle = await circleForCode(p, row.join_code);
    const token = await join(p, circle, { ageGroup: "25_34" });
    const other = await participantOf(p, circle, token);
    await respond(p, circle, other?.id ?? "", 1, { text: "Safe housing for survivors.", language: "en" });
    return { id, code: row.join_code };
  }

  /**
   * axe runs as a script in the page, so pages walked with JavaScript off are checked afterwards in a
   * second context with scripts on and the same cookies (the same participant).
   */
  async function axeLater(from: Page, urls: readonly string[]): Promise<string[]> {
    const state = await from.context().storageState();
    const context = await browser.newContext({
      javaScriptEnabled: true,
      viewport: PHONE,
      storageState: state,
    });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    for (const url of urls) {
      await page.goto(url);
      problems.push(...(await seriousViolations(page, url)));
    }
    return problems;
  }

  it("lets a participant join by code and answer on a phone with JavaScript off, with no serious axe issue", async () => {
    const { code } = await openCircle("Phone circle");
    const page = await newPage({ javaScriptEnabled: false, phone: true });
    const checked: string[] = [];
    await page.goto(live.url("/circles/join"));
    checked.push(page.url());
    await page.getByLabel(text("en", "circles.join.codeLabel")).fill(code.toLowerCase());
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.join.go") }));
    expect(page.url()).toBe(live.url(`/circles/${code}`));
    checked.push(page.url());
    await page.getByLabel(text("en", "circles.join.ageGroup")).selectOption("18_24");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.join.join") }));
    // Before answering, only the question; after, the others' responses and a +1.
    expect(await page.locator("[data-response]").count()).toBe(0);
    const landingAfterJoin = page.url();
    await page
      .getByLabel(text("en", "circles.q.yourResponse"), { exact: true })
      .fill("Teach girls about fake job offers online.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.q.add") }));
    expect(await page.locator('[role="status"]').textContent()).toBe(text("en", "circles.q.done.saved"));
    expect(await page.locator("[data-response]").count()).toBe(1);
    checked.push(page.url());
    await clickAndWait(page, page.locator("[data-response] button").first());
    expect(await page.locator("[data-supports]").first().getAttribute("data-supports")).toBe("1");
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await clickAndWait(page, page.getByRole("link", { name: text("en", "circles.q.next") }));
    await page
      .getByLabel(text("en", "circles.q.yourResponse"), { exact: true })
      .fill("Meet every month with the youth council.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.q.add") }));
    await clickAndWait(page, page.getByRole("link", { name: text("en", "circles.q.finish") }));
    expect(await page.locator("h1").textContent()).toBe(text("en", "circles.thanks.title"));
    checked.push(page.url());
    expect(landingAfterJoin).toContain("/q/1");
    expect(await axeLater(page, checked)).toEqual([]);
  });

  it("works the same in Arabic, right to left", async () => {
    const { code } = await openCircle("دائرة الحوار", ["ar", "en"]);
    const page = await newPage({ javaScriptEnabled: false, phone: true });
    await page.goto(live.url(`/circles/${code}?lang=ar`));
    expect(await page.locator("html").getAttribute("dir")).toBe("rtl");
    const checked = [page.url()];
    await clickAndWait(page, page.getByRole("button", { name: text("ar", "circles.join.join") }));
    await page
      .getByLabel(text("ar", "circles.q.yourResponse"), { exact: true })
      .fill("مزيد من الملاجئ الآمنة للناجيات.");
    await clickAndWait(page, page.getByRole("button", { name: text("ar", "circles.q.add") }));
    expect(await page.locator("[data-my-response]").textContent()).toContain("مزيد من الملاجئ");
    checked.push(page.url());
    expect(await axeLater(page, checked)).toEqual([]);
  });

  it("lets the facilitator group responses, sees new ones arrive without a reload, and every console page passes axe", async () => {
    const { id, code } = await openCircle("Facilitated circle");
    const p = live.t.platform;
    const circle = await circleForCode(p, code);
    for (const body of ["More shelters for survivors.", "Shelters in every province."]) {
      const who = await participantOf(p, circle, await join(p, circle, {}));
      await respond(p, circle, who?.id ?? "", 1, { text: body, language: "en" });
    }
    const context = await browser.newContext({ javaScriptEnabled: true });
    contexts.push(context);
    const page = await context.newPage();
    await signInStaff(page, live, coordinator.email);
    const problems: string[] = [];
    await page.goto(live.url("/staff/circles"));
    problems.push(...(await seriousViolations(page, "circles overview")));
    await page.goto(live.url("/staff/circles/new"));
    await page.getByLabel(text("en", "circles.field.title")).fill("");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.console.create") }));
    problems.push(...(await seriousViolations(page, "new circle with errors")));
    await page.goto(live.url(`/staff/circles/${id}/present`));
    expect(await page.locator("svg[data-join-qr]").count()).toBe(1);
    problems.push(...(await seriousViolations(page, "present")));

    await page.goto(live.url(`/staff/circles/${id}`));
    problems.push(...(await seriousViolations(page, "facilitator console")));
    // Tick the two shelter responses, name the group.
    for (const fragment of [/More shelters/, /Shelters in every/]) {
      await page.getByRole("checkbox", { name: fragment }).check();
    }
    await page.getByLabel(text("en", "circles.console.newGroup")).first().fill("Shelters");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "circles.console.group") }).first());
    expect(await page.locator('[data-cluster-status="accepted"]').count()).toBe(1);
    expect(await page.locator('[data-cluster-status="accepted"] li').count()).toBe(2);
    // A response's own moderation page.
    const rid = await page.locator("[data-response]").first().getAttribute("data-response");
    await page.goto(live.url(`/staff/circles/${id}/responses/${rid}`));
    expect(await page.locator("[data-response-text]").count()).toBe(1);
    problems.push(...(await seriousViolations(page, "response page")));
    await page.goto(live.url(`/staff/circles/${id}`));
    // A suggestion run, then the page again.
    await clickAndWait(
      page,
      page.getByRole("button", { name: text("en", "circles.console.suggest") }).first(),
    );
    problems.push(...(await seriousViolations(page, "facilitator console with groups")));

    // A response sent now shows up by itself (the live part refreshes every 10 s).
    const who = await participantOf(p, circle, await join(p, circle, {}));
    await respond(p, circle, who?.id ?? "", 1, { text: "Arrived while the page was open.", language: "en" });
    await page
      .getByRole("checkbox", { name: /Arrived while the page was open/ })
      .waitFor({ timeout: 20_000 });

    await page.goto(live.url(`/staff/circles/${id}/report`));
    expect(await page.locator("h1").textContent()).toBe("Facilitated circle");
    // The PDF, printed by the server's Chromium, from the same report.
    const pdf = await page.request.get(live.url(`/staff/circles/${id}/report.pdf`));
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    problems.push(...(await seriousViolations(page, "report")));
    await page.goto(live.url(`/staff/forums/${forumId}`));
    problems.push(...(await seriousViolations(page, "forum")));
    // The report made public: anyone with the link reads it, in a fresh browser with no session.
    await setReportVisibility(p, scope, id, "public");
    const visitor = await newPage({ javaScriptEnabled: true });
    await visitor.goto(live.url(`/circles/reports/${id}`));
    expect(await visitor.locator("h1").textContent()).toBe("Facilitated circle");
    problems.push(...(await seriousViolations(visitor, "public report")));
    expect(problems).toEqual([]);
  }, 60_000);
});
