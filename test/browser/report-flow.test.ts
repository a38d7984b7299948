import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "../support/harness.ts";
import {
  ANSWERS,
  andWait,
  buildCoordinator,
  clickAndWait,
  fillStep,
  formatCode,
  type LiveApp,
  launchChromium,
  mainButton,
  openFollowUp,
  progressText,
  sendReport,
  signInStaff,
  startLiveApp,
  text,
} from "./support.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(dialects())("the report flow with JavaScript off (%s)", (dialect) => {
  let live: LiveApp;
  let coordinator: { email: string; organisation: string };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    live = await startLiveApp(dialect);
    coordinator = await buildCoordinator(live, ["ES", "MA"]);
  });
  afterAll(() => live?.close());
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  /** A fresh profile with scripts disabled, like a reporter who turned JavaScript off. */
  async function noScriptPage(): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled: false });
    contexts.push(context);
    return context.newPage();
  }

  it("sends a report in English, staff reply, and the reporter reads the reply and answers", async () => {
    const reporter = await noScriptPage();
    const narrative = `The boss keeps their passports in a locked drawer (${dialect}).`;
    const code = await sendReport(reporter, live, {
      answers: { ...ANSWERS, narrative },
      onStep: async (page, step) => {
        expect(await progressText(page)).toBe(`Step ${step} of 5`);
        expect(await page.locator("html").getAttribute("lang")).toBe("en");
      },
    });
    expect(code).toMatch(/^\d{16}$/);
    expect(await reporter.locator("h1").textContent()).toBe("Your report has been sent");

    // Straight away the report is waiting to be read, with no messages.
    await openFollowUp(reporter, live, code);
    expect(await reporter.locator("[data-status]").textContent()).toBe("Received: waiting to be read");
    expect(await reporter.locator("ol.thread").count()).toBe(0);

    // The coordinator sees the report, decrypted, and replies.
    const staff = await noScriptPage();
    await signInStaff(staff, live, coordinator.email);
    // This is the first report in this database (the tests below send theirs later).
    // The inbox: one row per report, each opened by its link.
    const links = staff.locator("tr[data-inbox-row] a[data-inbox-open]");
    expect(await links.count()).toBe(1);
    await clickAndWait(staff, links.first());
    expect(await staff.locator("blockquote.narrative").textContent()).toBe(narrative);
    expect(await staff.locator("main").textContent()).toContain("Sevilla");
    const reply = "Thank you. We have passed this on to a team in Sevilla. Stay safe.";
    await staff.locator('textarea[name="message"]').fill(reply);
    await clickAndWait(staff, staff.getByRole("button", { name: "Send reply" }));
    expect(await staff.locator('[role="status"]').textContent()).toBe("Reply sent.");
    const reportUrl = staff.url().replace(/\?.*$/, "");

    // The reporter comes back later in a fresh browser, types the code as shown (with spaces).
    const later = await noScriptPage();
    const opened = await openFollowUp(later, live, formatCode(code));
    expect(opened?.status()).toBe(200);
    // A reply means someone is working on it.
    expect(await later.locator("[data-status]").textContent()).toBe("Being looked at");
    const thread = later.locator("ol.thread li");
    expect(await thread.count()).toBe(1);
    expect(await thread.first().locator(".message-body").textContent()).toBe(reply);
    expect(await thread.first().locator("strong").textContent()).toBe(coordinator.organisation);

    const answer = "The van comes back every Friday at six.";
    await later.locator('textarea[name="message"]').fill(answer);
    await clickAndWait(later, later.getByRole("button", { name: "Send", exact: true }));
    expect(await later.locator('[role="status"]').textContent()).toBe("Your message has been sent.");
    expect(await thread.count()).toBe(2);
    expect(await thread.last().locator(".message-body").textContent()).toBe(answer);
    expect(await thread.last().locator("strong").textContent()).toBe("You");
    // Nothing typed is left in the box after a successful send.
    expect(await later.locator('textarea[name="message"]').inputValue()).toBe("");

    // And the coordinator sees the reporter's answer.
    await staff.goto(reportUrl);
    expect(await staff.locator("ol.thread .message-body").allTextContents()).toEqual([reply, answer]);
  });

  it("sends a report and follows it up in Arabic, right to left on every page", async () => {
    const page = await noScriptPage();
    const expectArabic = async (where: string) => {
      const html = page.locator("html");
      expect(await html.getAttribute("dir"), where).toBe("rtl");
      expect(await html.getAttribute("lang"), where).toBe("ar");
    };
    const code = await sendReport(page, live, {
      query: "?lang=ar",
      answers: { ...ANSWERS, country: "MA", area: "طنجة", narrative: "يعمل الأطفال في الورشة طوال الليل." },
      onStep: async (p, step) => {
        await expectArabic(`step ${step}`);
        if (step === 1) {
          // The header mirrors: the name at the right, the exit button at the left.
          const brand = await p.locator(".brand").boundingBox();
          const exit = await p.locator(".quick-exit").boundingBox();
          expect(brand?.x ?? 0).toBeGreaterThan(exit?.x ?? 0);
        }
        expect(await progressText(p)).toBe(text("ar", "report.progress", { step, total: 5 }));
      },
    });
    await expectArabic("receipt");
    expect(await page.locator("h1").textContent()).toBe(text("ar", "receipt.heading"));
    expect(code).toMatch(/^\d{16}$/);
    // The digits stay left to right inside the right-to-left page.
    expect(await page.locator("[data-receipt-code] span").getAttribute("dir")).toBe("ltr");

    // The receipt's link to the follow-up page keeps the language.
    await clickAndWait(page, page.locator('main a[href^="/follow-up"]'));
    await expectArabic("follow-up");
    await page.locator('input[name="receiptCode"]').fill(code);
    await clickAndWait(page, page.locator('main form button[name="action"][value="open"]'));
    await expectArabic("thread");
    expect(await page.locator("[data-status]").textContent()).toBe(text("ar", "followUp.status.received"));
    await page.locator('textarea[name="message"]').fill("لقد رأيتهم مرة أخرى اليوم.");
    await clickAndWait(page, page.locator('main form button[name="action"][value="message"]'));
    await expectArabic("after sending");
    expect(await page.locator('[role="status"]').textContent()).toBe(text("ar", "followUp.sent"));
    expect(await page.locator("ol.thread .message-body").allTextContents()).toEqual([
      "لقد رأيتهم مرة أخرى اليوم.",
    ]);
  });

  it("continues to the next step when Enter is pressed in a text field, without switching language", async () => {
    const page = await noScriptPage();
    await page.goto(live.url("/report"));
    await fillStep(page, 1, ANSWERS);
    await clickAndWait(page, mainButton(page, 1));
    expect(await progressText(page)).toBe("Step 2 of 5");
    await page.locator('select[name="country"]').selectOption("ES");
    await page.locator('input[name="when"][value="today"]').check();
    await page.locator('input[name="area"]').fill("Málaga");

    const area = page.locator('input[name="area"]');
    await andWait(page, () => area.press("Enter"));
    expect(await progressText(page)).toBe("Step 3 of 5");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("[data-error-summary]").count()).toBe(0);
    // What was typed travels on with the form.
    expect(await page.locator('#report-form input[type="hidden"][name="area"]').getAttribute("value")).toBe(
      "Málaga",
    );
  });

  it("goes back a step with the Back button without losing any answer", async () => {
    const page = await noScriptPage();
    await page.goto(live.url("/report"));
    for (let step = 1; step <= 3; step++) {
      await fillStep(page, step, ANSWERS);
      await clickAndWait(page, mainButton(page, step));
    }
    expect(await progressText(page)).toBe("Step 4 of 5");
    const back = page.locator('#report-form button[name="action"][value="back"]');
    await clickAndWait(page, back);
    expect(await progressText(page)).toBe("Step 3 of 5");
    expect(await page.locator(`input[name="peopleCount"][value="${ANSWERS.peopleCount}"]`).isChecked()).toBe(
      true,
    );
    await clickAndWait(page, back);
    expect(await page.locator('input[name="area"]').inputValue()).toBe(ANSWERS.area);
    expect(await page.locator('input[name="whenDetail"]').inputValue()).toBe(ANSWERS.whenDetail);
    await clickAndWait(page, back);
    expect(await progressText(page)).toBe("Step 1 of 5");
    expect(await page.locator('input[name="categories"]:checked').count()).toBe(ANSWERS.categories.length);
  });

  it("asks to press again, keeping the answers, when the form's security cookie has gone", async () => {
    const page = await noScriptPage();
    await page.goto(live.url("/report"));
    await fillStep(page, 1, ANSWERS);
    await clickAndWait(page, mainButton(page, 1));
    await fillStep(page, 2, ANSWERS);
    // As if the browser had been closed and reopened on this page: the session cookie is gone.
    await page.context().clearCookies();
    await clickAndWait(page, mainButton(page, 2));
    expect(await progressText(page)).toBe("Step 2 of 5");
    expect(await page.locator("[data-error-summary] a").textContent()).toBe(
      "For your safety, please press the button again to confirm this step.",
    );
    expect(await page.locator('input[name="area"]').inputValue()).toBe(ANSWERS.area);
    await clickAndWait(page, mainButton(page, 2));
    expect(await progressText(page)).toBe("Step 3 of 5");
  });

  // The receipt and the follow-up thread are reached by posting a form; the header's language control must
  // not throw away what is on screen (a code shown only once, or a message being written).
  it("offers no control on the receipt page that would navigate away from the code shown once", async () => {
    const page = await noScriptPage();
    const code = await sendReport(page, live);
    expect(await page.locator("header .languages").count()).toBe(0);
    expect(await page.locator("[data-receipt-code] span").allTextContents()).toEqual([formatCode(code)]);
  });

  it("keeps the thread and the message being written when the language is switched on follow-up", async () => {
    const page = await noScriptPage();
    const code = await sendReport(page, live);
    await openFollowUp(page, live, code);
    const draft = "They moved the workers to a second farm last night.";
    await page.locator('textarea[name="message"]').fill(draft);
    await clickAndWait(page, page.locator("header .languages").getByText("Español"));
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("[data-status]").count()).toBe(1);
    const box = page.locator('textarea[name="message"]');
    expect(await box.count()).toBe(1);
    expect(await box.inputValue()).toBe(draft);
  });

  it("keeps everything typed when the language is switched in the middle of the form", async () => {
    const page = await noScriptPage();
    await page.goto(live.url("/report"));
    await fillStep(page, 1, ANSWERS);
    await clickAndWait(page, mainButton(page, 1));
    await fillStep(page, 2, ANSWERS);

    await clickAndWait(page, page.locator("header").getByRole("button", { name: "Español" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await progressText(page)).toBe(text("es", "report.progress", { step: 2, total: 5 }));
    expect(await page.locator('select[name="country"]').inputValue()).toBe(ANSWERS.country);
    expect(await page.locator('input[name="area"]').inputValue()).toBe(ANSWERS.area);
    expect(await page.locator('textarea[name="place"]').inputValue()).toBe(ANSWERS.place);
    expect(await page.locator(`input[name="when"][value="${ANSWERS.when}"]`).isChecked()).toBe(true);
    expect(await page.locator('input[name="whenDetail"]').inputValue()).toBe(ANSWERS.whenDetail);

    // Step 1's answers are still carried, so the form goes on without asking again.
    await clickAndWait(page, mainButton(page, 2));
    expect(await progressText(page)).toBe(text("es", "report.progress", { step: 3, total: 5 }));
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    const carried = await page
      .locator('#report-form input[type="hidden"][name="categories"]')
      .evaluateAll((inputs) => inputs.map((i) => i.getAttribute("value")));
    expect(carried).toEqual([...ANSWERS.categories]);

    // Back to English, then on to the receipt: the report is sent, nothing lost on the way.
    await clickAndWait(page, page.locator("header").getByRole("button", { name: "English" }));
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await progressText(page)).toBe("Step 3 of 5");
    for (let step = 3; step <= 5; step++) {
      await fillStep(page, step, ANSWERS);
      await clickAndWait(page, mainButton(page, step));
    }
    expect(await page.locator("h1").textContent()).toBe("Your report has been sent");
  });
});
