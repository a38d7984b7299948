import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

// JavaScript stays on here: axe runs as a script in the page (the forms' no-JS behaviour is covered by
// test/integration/library-workflow.test.ts, which posts them as a browser without scripts does).
describe("the library's editorial console in a browser", () => {
  let browser: Browser;
  let live: LiveApp;
  const contexts: BrowserContext[] = [];
  let editorA: string;
  let editorB: string;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    const org = await buildOrganisation(live.t.platform, { countries: ["ES"] });
    editorA = (await buildUser(live.t.platform, org.slug, "editor")).email;
    editorB = (await buildUser(live.t.platform, org.slug, "editor")).email;
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  async function editor(email: string): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInStaff(page, live, email, "/staff/library");
    return page;
  }

  it("writes an article, sends it to review, and a second editor publishes it; every page passes axe", async () => {
    const problems: string[] = [];
    const a = await editor(editorA);
    problems.push(...(await seriousViolations(a, "queue (empty)")));
    await clickAndWait(
      a,
      a.getByRole("link", { name: text("en", "library.console.new", { type: "Article" }) }),
    );
    // Saving an empty form: an error summary, each field named.
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.save") }));
    expect(await a.locator(".error-summary").textContent()).toContain(text("en", "library.error.title"));
    problems.push(...(await seriousViolations(a, "new article with errors")));

    await a.getByLabel(text("en", "library.field.title")).fill("Talking with a friend about a job offer");
    await a
      .getByLabel(text("en", "library.field.summary"))
      .fill("How to raise doubts about an offer without judging.");
    await a
      .getByLabel(text("en", "library.field.body"), { exact: true })
      .fill("## Listen first\n\nAsk what the job is, who pays for the journey, and who keeps the passport.");
    await a.getByLabel(text("en", "learn.level.first_steps")).check();
    await a.getByLabel(text("en", "learn.audience.youth")).check();
    await a.getByLabel(text("en", "learn.topic.prevention")).check();
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.save") }));
    expect(await a.locator('[role="status"]').textContent()).toBe(text("en", "library.done.created"));
    problems.push(...(await seriousViolations(a, "item page (draft)")));
    const itemUrl = a.url();

    // A second version, then the diff between them.
    await clickAndWait(a, a.getByRole("link", { name: text("en", "library.console.edit"), exact: true }));
    problems.push(...(await seriousViolations(a, "edit form")));
    await a
      .getByLabel(text("en", "library.field.summary"))
      .fill("How to raise doubts about a job offer, kindly.");
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.save") }));
    await clickAndWait(
      a,
      a.getByRole("link", { name: text("en", "library.console.diffLink", { from: 1, to: 2 }) }),
    );
    expect((await a.locator("ins").allTextContents()).join("")).toContain("kindly");
    expect((await a.locator("del").allTextContents()).join("")).toContain("without judging");
    problems.push(...(await seriousViolations(a, "diff page")));

    await a.goto(itemUrl);
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.submit") }));
    expect(await a.locator("[data-approve-blocker]").textContent()).toBe(
      text("en", "library.blocker.own_work"),
    );
    problems.push(...(await seriousViolations(a, "item page (in review, own work)")));

    const b = await editor(editorB);
    expect(await b.locator("[data-library-row]").count()).toBe(1);
    problems.push(...(await seriousViolations(b, "queue (in review)")));
    await clickAndWait(b, b.getByRole("link", { name: "Talking with a friend about a job offer" }));
    await clickAndWait(b, b.getByRole("button", { name: text("en", "library.console.approve") }));
    expect(await b.locator('[role="status"]').textContent()).toBe(text("en", "library.done.approved"));
    expect(await b.locator("[data-status]").getAttribute("data-status")).toBe("published");
    expect(problems).toEqual([]);
  });

  it("shows a story's consent form and the anonymisation check with no serious axe problem", async () => {
    const a = await editor(editorA);
    await a.goto(live.url("/staff/library/new?type=story"));
    await a.getByLabel(text("en", "library.field.title")).fill("Leaving the farm");
    await a
      .getByLabel(text("en", "library.field.summary"))
      .fill("A survivor of forced labour tells how she left.");
    await a
      .getByLabel(text("en", "library.field.body"), { exact: true })
      .fill("We worked from dawn and were never paid.");
    await a.getByLabel(text("en", "learn.audience.rural_communities")).check();
    await a.getByLabel(text("en", "learn.topic.labour_trafficking")).check();
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.save") }));
    await clickAndWait(a, a.getByRole("button", { name: text("en", "library.console.submit") }));
    const itemUrl = a.url().replace(/\?.*$/, "");

    const b = await editor(editorB);
    await b.goto(itemUrl);
    const problems = await seriousViolations(b, "story without consent");
    await b.getByLabel(text("en", "library.consent.method.written")).check();
    await b.getByLabel(text("en", "library.consent.givenOn")).fill("2026-05-02");
    await b.getByLabel(text("en", "library.consent.reference")).fill("Casa file 88");
    await clickAndWait(b, b.getByRole("button", { name: text("en", "library.consent.record") }));
    expect(await b.locator('[data-consent="given"]').count()).toBe(1);
    problems.push(...(await seriousViolations(b, "story with consent")));
    await b.getByLabel(text("en", "library.console.anonymisationChecked")).check();
    await clickAndWait(b, b.getByRole("button", { name: text("en", "library.console.approve") }));
    expect(await b.locator("[data-status]").getAttribute("data-status")).toBe("published");
    expect(problems).toEqual([]);
  });
});
