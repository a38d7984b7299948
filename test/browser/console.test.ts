import * as OTPAuth from "otpauth";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildReport, buildUser, TEST_PASSWORD } from "../support/factories.ts";
import { dialects } from "../support/harness.ts";
import {
  ANSWERS,
  andWait,
  buildCoordinator,
  clickAndWait,
  type LiveApp,
  launchChromium,
  openFollowUp,
  QUICK_EXIT_URL,
  receiptCode,
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

/** The 6-digit code an authenticator app shows for a key typed in by hand (base32, spaces allowed). */
function codeFor(key: string, timestamp = Date.now()): string {
  return new OTPAuth.TOTP({
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(key.replace(/\s/g, "")),
  }).generate({ timestamp });
}

/** Types the email and password on the sign-in page and presses the button. */
async function signInWithPassword(page: Page, live: LiveApp, email: string): Promise<void> {
  await page.goto(live.url("/staff/login"));
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  await clickAndWait(page, page.locator('main form button[type="submit"]'));
}

/** Types a code on the two-factor code page and presses "Continue". */
function submitCode(page: Page, code: string) {
  return andWait(page, async () => {
    await page.locator('input[name="code"]').fill(code);
    await page.locator('form:has(input[name="code"]) button[type="submit"]').click();
  });
}

/** The staff bar's "Sign out" button (a one-button form, no script needed). */
function signOut(page: Page) {
  return clickAndWait(
    page,
    page.locator('.staff-bar form[action="/staff/logout"]').getByRole("button", { name: "Sign out" }),
  );
}

/** Whether the page went to the quick exit's neutral site within a moment. */
function leftTheSite(page: Page): Promise<boolean> {
  return page.waitForURL(QUICK_EXIT_URL, { timeout: 1500 }).then(
    () => true,
    () => false,
  );
}

/** The inbox row whose cells contain `text` (one row expected). */
function rowWith(page: Page, content: string | RegExp): Locator {
  return page.locator("tr[data-inbox-row]", { hasText: content });
}

describe.each(dialects())("the staff console (%s)", (dialect) => {
  let live: LiveApp;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    live = await startLiveApp(dialect);
  });
  afterAll(() => live?.close());
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  /** A fresh profile; JavaScript off unless asked, since the console must work without it. */
  async function freshPage(javaScriptEnabled = false): Promise<Page> {
    const context = await browser.newContext({ javaScriptEnabled });
    // The quick exit's neutral site is answered locally, so nothing leaves the machine.
    await context.route(`${QUICK_EXIT_URL}**`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Sunny</h1>" }),
    );
    contexts.push(context);
    return context.newPage();
  }

  it("enrols in two-factor sign-in at the first sign-in, then asks for a code; a recovery code works once (JavaScript off)", async () => {
    const org = await buildOrganisation(live.t.platform, { countries: ["IT"] });
    const { email } = await buildUser(live.t.platform, org.slug, "coordinator", { totp: false });
    const page = await freshPage();

    // First sign-in: the password leads to the mandatory enrolment, not to the inbox.
    await signInWithPassword(page, live, email);
    expect(new URL(page.url()).pathname).toBe("/staff/enrol");
    expect(await page.locator("h1").textContent()).toBe(text("en", "staff.tfa.enrolTitle"));
    // The QR code is an inline SVG drawn on the server (no image request, works without script).
    const qr = page.locator("figure.qr-code");
    expect(await qr.getAttribute("role")).toBe("img");
    expect(await qr.getAttribute("aria-label")).toBe(text("en", "staff.tfa.qrLabel"));
    expect(await qr.locator("svg").count()).toBe(1);
    expect(await qr.locator("svg path").count()).toBeGreaterThan(0);
    // The key as text, in groups of four, for typing into an app by hand.
    const shownKey = (await page.locator("code.totp-secret").textContent()) ?? "";
    expect(shownKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const key = shownKey.replace(/ /g, "");
    expect(key.length).toBeGreaterThanOrEqual(26);

    // A wrong first code is refused, and the same key is offered again.
    const right = codeFor(key);
    const wrong = `${(Number(right[0]) + 5) % 10}${right.slice(1)}`;
    await page.locator('input[name="code"]').fill(wrong);
    const refused = await clickAndWait(
      page,
      page.locator('form[action="/staff/enrol"] button[type="submit"]'),
    );
    expect(refused?.status()).toBe(400);
    expect(await page.locator("[data-error-summary] a").textContent()).toBe(
      text("en", "staff.tfa.wrongCode"),
    );
    expect((await page.locator("code.totp-secret").textContent())?.replace(/ /g, "")).toBe(key);

    // The app's code confirms the enrolment; ten recovery codes are shown, this once.
    await page.locator('input[name="code"]').fill(codeFor(key));
    const confirmed = await clickAndWait(
      page,
      page.locator('form[action="/staff/enrol"] button[type="submit"]'),
    );
    expect(confirmed?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe(text("en", "staff.tfa.codesTitle"));
    const recovery = (await page.locator("[data-recovery-code]").allTextContents()).map((c) => c.trim());
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    for (const c of recovery) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await clickAndWait(page, page.getByRole("link", { name: text("en", "staff.tfa.codesContinue") }));
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
    expect(await page.locator("h1").textContent()).toBe(text("en", "staff.list.title"));
    // The recovery codes page is not shown again: it was the answer to the enrolment form only.
    await page.goto(live.url("/staff/enrol"));
    expect(new URL(page.url()).pathname).not.toBe("/staff/enrol");

    // Sign out, and in again: now the password leads to the code page.
    await page.goto(live.url("/staff/reports"));
    await signOut(page);
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    await signInWithPassword(page, live, email);
    expect(new URL(page.url()).pathname).toBe("/staff/login/code");
    expect(await page.locator("h1").textContent()).toBe(text("en", "staff.tfa.codeTitle"));
    expect(await page.locator('label[for="f-code"]').textContent()).toContain(
      text("en", "staff.tfa.codeLabel"),
    );

    // A wrong code: refused with a visible message beside the field, still on the code page.
    const wrongAgain = await submitCode(page, wrong);
    expect(wrongAgain?.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe("/staff/login/code");
    const message = text("en", "staff.tfa.wrongCode");
    expect(await page.locator("[data-error-summary] a").textContent()).toBe(message);
    expect(await page.locator("#f-code-error").textContent()).toContain(message);
    expect(await page.locator("#f-code").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#f-code").isVisible()).toBe(true);

    // A recovery code (typed in capitals, as people do) signs in.
    const used = recovery[3] ?? "";
    const accepted = await submitCode(page, used.toUpperCase());
    expect(accepted?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");

    // Only once: the same recovery code is refused next time.
    await signOut(page);
    await signInWithPassword(page, live, email);
    expect(new URL(page.url()).pathname).toBe("/staff/login/code");
    const again = await submitCode(page, used);
    expect(again?.status()).toBe(401);
    expect(new URL(page.url()).pathname).toBe("/staff/login/code");
    expect(await page.locator("[data-error-summary] a").textContent()).toBe(message);
    // Not signed in: the inbox sends the visitor back to sign in.
    await page.goto(live.url("/staff/reports"));
    expect(new URL(page.url()).pathname).toBe("/staff/login");

    // Another unused recovery code still works, and the account page counts what is left.
    await signInWithPassword(page, live, email);
    await submitCode(page, recovery[7] ?? "");
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
    await page.goto(live.url("/staff/account"));
    expect(await page.locator("main").textContent()).toContain(
      text("en", "staff.account.codesLeft", { count: 8 }),
    );
  });

  it("triages an urgent report end to end, and the reporter sees the reply but never the note (JavaScript off)", async () => {
    const coordinator = await buildCoordinator(live, ["PT"]);
    const me = "Test coordinator";

    // A report that is not urgent, sent before: the filters must leave it out.
    const calm = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country: "PT", area: "Braga", danger: "no", children: "no" }),
    });
    expect(calm.statusCode).toBe(201);

    // A reporter sends a report through the public form, saying someone is in danger now.
    const reporter = await freshPage();
    const narrative = `Two girls are locked in a flat above the bakery in Porto (${dialect}).`;
    const code = await sendReport(reporter, live, {
      answers: { ...ANSWERS, country: "PT", area: "Porto", danger: "yes", narrative },
    });

    const staff = await freshPage();
    await signInStaff(staff, live, coordinator.email);
    const rows = staff.locator("tr[data-inbox-row]");
    expect(await rows.count()).toBe(2);
    // The urgent report is marked in words (the "!!" is decoration, hidden from screen readers).
    const urgentRow = rowWith(staff, text("en", "inbox.urgency.urgent"));
    expect(await urgentRow.count()).toBe(1);
    expect(await urgentRow.locator(".urgency").textContent()).toContain(text("en", "inbox.urgency.urgent"));
    expect(await urgentRow.locator('.urgency [aria-hidden="true"]').textContent()).toContain("!!");
    expect(await urgentRow.textContent()).toContain(text("en", "staff.status.new"));
    expect(await urgentRow.textContent()).toContain(text("en", "inbox.marker.unread"));
    expect(await rowWith(staff, text("en", "inbox.urgency.normal")).count()).toBe(1);

    // Filter with the GET form: the "New" tab, then urgency "urgent".
    await clickAndWait(
      staff,
      staff.locator("nav.inbox-tabs a", {
        hasText: text("en", "inbox.tabCount", { label: text("en", "staff.status.new"), count: 2 }),
      }),
    );
    expect(new URL(staff.url()).searchParams.get("status")).toBe("new");
    await staff.locator('select[name="urgency"]').selectOption("urgent");
    await clickAndWait(staff, staff.locator("form.inbox-filters button[type='submit']"));
    const filtered = new URL(staff.url());
    expect(filtered.pathname).toBe("/staff/reports");
    expect(filtered.searchParams.get("status")).toBe("new");
    expect(filtered.searchParams.get("urgency")).toBe("urgent");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(text("en", "inbox.urgency.urgent"));
    // The form shows the filters in force.
    expect(await staff.locator('select[name="urgency"]').inputValue()).toBe("urgent");
    expect(await staff.locator('nav.inbox-tabs a[aria-current="page"]').textContent()).toContain(
      text("en", "staff.status.new"),
    );

    // Open the report.
    await clickAndWait(staff, rows.first().locator("a[data-inbox-open]"));
    const reportUrl = staff.url();
    expect(new URL(reportUrl).pathname).toMatch(/^\/staff\/reports\/[^/]+$/);
    expect(await staff.locator("blockquote.narrative").textContent()).toBe(narrative);
    const facts = staff.locator("dl.summary").first();
    expect(await facts.textContent()).toContain(text("en", "workflow.urgency.urgent"));
    expect(await facts.textContent()).toContain(text("en", "staff.flag.danger"));

    // An internal note.
    const note = "Called the local police liaison; the officer on duty knows the address.";
    await staff.locator('textarea[name="note"]').fill(note);
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "workflow.addNote") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.note"));
    expect(await staff.locator("ol.notes .message-body").allTextContents()).toEqual([note]);

    // Assign it to me.
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "workflow.assignMe") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.assigned"));
    expect(await facts.textContent()).toContain(me);
    // Once it is mine, the page no longer offers to assign it to me.
    expect(await staff.getByRole("button", { name: text("en", "workflow.assignMe") }).count()).toBe(0);

    // Status: referred.
    await staff.locator('select[name="status"]').selectOption("referred");
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "workflow.changeStatus") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.status"));
    expect(await facts.textContent()).toContain(text("en", "staff.status.referred"));

    // Reply to the reporter.
    const reply = "We have passed your report to a team in Porto. If you can, stay away from the flat.";
    await staff.locator('textarea[name="message"]').fill(reply);
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "staff.detail.send") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "staff.detail.sent"));
    expect(await staff.locator("ol.thread .message-body").allTextContents()).toEqual([reply]);

    // The timeline shows every change, in words.
    const timeline = (await staff.locator("ol.timeline li").allInnerTexts()).join("\n");
    for (const line of [
      text("en", "workflow.event.received", { channel: text("en", "workflow.channel.web") }),
      text("en", "workflow.event.note"),
      text("en", "workflow.event.assigned", { name: me }),
      text("en", "workflow.event.status", {
        from: text("en", "staff.status.new"),
        to: text("en", "staff.status.referred"),
      }),
      text("en", "workflow.event.reply"),
    ]) {
      expect(timeline).toContain(line);
    }
    // The timeline names the change, never the note's words.
    expect(timeline).not.toContain(note);

    // The reporter comes back with the receipt code: the reply and the status, not the internal note.
    const later = await freshPage();
    await openFollowUp(later, live, code);
    expect(await later.locator("[data-status]").textContent()).toBe(text("en", "followUp.status.referred"));
    expect(await later.locator("ol.thread .message-body").allTextContents()).toEqual([reply]);
    expect(await later.content()).not.toContain(note);
    expect(await later.content()).not.toContain("police liaison");

    // The reporter writes back.
    const answer = "They moved one of the girls to a car this morning, a grey van.";
    await later.locator('textarea[name="message"]').fill(answer);
    await clickAndWait(later, later.locator('main form button[name="action"][value="message"]'));
    expect(await later.locator('[role="status"]').textContent()).toBe(text("en", "followUp.sent"));

    // The inbox marks the report as having an unread message from the reporter.
    await staff.goto(live.url("/staff/reports"));
    const marked = rowWith(staff, text("en", "inbox.marker.message"));
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toContain(me);
    expect(await marked.textContent()).toContain(text("en", "staff.status.referred"));
    // And the filter for unread messages finds it, and only it.
    await staff.locator('input[name="unreadMessages"]').check();
    await clickAndWait(staff, staff.locator("form.inbox-filters button[type='submit']"));
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(text("en", "inbox.marker.message"));

    // Open it: the message is there; close the report with a reason.
    await clickAndWait(staff, rows.first().locator("a[data-inbox-open]"));
    expect(staff.url()).toBe(reportUrl);
    expect(await staff.locator("ol.thread .message-body").allTextContents()).toEqual([reply, answer]);
    await staff.locator('select[name="status"]').selectOption("closed");
    await staff.locator('select[name="closeReason"]').selectOption("referred_to_police");
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "workflow.changeStatus") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.status"));
    const closedFacts = await staff.locator("dl.summary").first().textContent();
    expect(closedFacts).toContain(text("en", "staff.status.closed"));
    expect(closedFacts).toContain(text("en", "workflow.reason.referred_to_police"));
    expect((await staff.locator("ol.timeline li").allInnerTexts()).join("\n")).toContain(
      text("en", "workflow.event.closed", { reason: text("en", "workflow.reason.referred_to_police") }),
    );
    // Opening it read the message: no more unread marker in the inbox ("All" tab, since it is closed).
    await staff.goto(live.url("/staff/reports?status=all"));
    expect(await rowWith(staff, text("en", "inbox.marker.message")).count()).toBe(0);
    expect(await rowWith(staff, text("en", "staff.status.closed")).count()).toBe(1);

    // The reporter sees it closed, still without the note.
    await openFollowUp(later, live, code);
    expect(await later.locator("[data-status]").textContent()).toBe(text("en", "followUp.status.closed"));
    expect(await later.content()).not.toContain(note);
  });

  it("closing without a reason is refused beside the field, keeping the choice (JavaScript off)", async () => {
    const coordinator = await buildCoordinator(live, ["GR"]);
    const sent = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country: "GR", area: "Patras" }),
    });
    expect(sent.statusCode).toBe(201);
    const staff = await freshPage();
    await signInStaff(staff, live, coordinator.email);
    await clickAndWait(staff, staff.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    await staff.locator('select[name="status"]').selectOption("closed");
    const refused = await clickAndWait(
      staff,
      staff.getByRole("button", { name: text("en", "workflow.changeStatus") }),
    );
    expect(refused?.status()).toBe(400);
    expect(await staff.locator("[data-error-summary] a").textContent()).toBe(
      text("en", "workflow.error.close_reason_required"),
    );
    expect(await staff.locator("[data-error-summary] a").getAttribute("href")).toBe("#f-closeReason");
    expect(await staff.locator('select[name="status"]').inputValue()).toBe("closed");
    expect(await staff.locator("dl.summary").first().textContent()).toContain(text("en", "staff.status.new"));
  });

  it("moves through the inbox with j and k, shows the help with ?, and assigns with a (JavaScript on)", async () => {
    const coordinator = await buildCoordinator(live, ["FR"]);
    for (const area of ["Lyon", "Lille", "Nantes"]) {
      const sent = await live.t.app.inject({
        method: "POST",
        url: "/api/v1/reports",
        payload: buildReport({ country: "FR", area }),
      });
      expect(sent.statusCode).toBe(201);
    }
    const page = await freshPage(true);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await signInStaff(page, live, coordinator.email);
    const rows = page.locator("tr[data-inbox-row]");
    expect(await rows.count()).toBe(3);
    /** Which row (0-based) holds the focused element, -1 when none does. */
    const focusedRow = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        const all = Array.from(document.querySelectorAll("[data-inbox-row]"));
        if (!active?.hasAttribute("data-inbox-open")) return -1;
        return all.findIndex((r) => r.contains(active));
      });

    // Focus starts nowhere in particular (the body).
    expect(await focusedRow()).toBe(-1);
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe(0);
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe(1);
    await page.keyboard.press("k");
    expect(await focusedRow()).toBe(0);
    await page.keyboard.press("k");
    expect(await focusedRow()).toBe(0);
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe(2);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");

    // ? opens the help; Escape closes it and does not leave the site (Escape is the public quick exit).
    const help = page.locator("dialog#inbox-help");
    expect(await help.isVisible()).toBe(false);
    await page.keyboard.press("?");
    expect(await help.isVisible()).toBe(true);
    expect(await help.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await help.locator("h2").textContent()).toBe(text("en", "inbox.shortcuts.title"));
    expect(await help.locator("kbd").allTextContents()).toEqual(["j", "k", "Enter", "a", "?"]);
    // While the help is open, j does not move behind it.
    await page.keyboard.press("j");
    await page.keyboard.press("Escape");
    expect(await leftTheSite(page)).toBe(false);
    expect(page.url().startsWith(live.origin)).toBe(true);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
    expect(await help.isVisible()).toBe(false);
    expect(await page.locator("h1").textContent()).toBe(text("en", "staff.list.title"));
    // The help can be opened again, and closed with its button.
    await page.keyboard.press("?");
    expect(await help.isVisible()).toBe(true);
    await help.getByRole("button", { name: text("en", "inbox.shortcuts.close") }).click();
    expect(await help.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");

    // a on a focused row assigns that report to me.
    await page.keyboard.press("k");
    await page.keyboard.press("k");
    await page.keyboard.press("j");
    expect(await focusedRow()).toBe(1);
    const target = await rows.nth(1).locator("a[data-inbox-open]").getAttribute("href");
    await andWait(page, () => page.keyboard.press("a"));
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
    await page.reload();
    const assigned = page.locator("tr[data-inbox-row]", {
      has: page.locator(`a[href="${target}"]`),
    });
    expect(await assigned.textContent()).toContain("Test coordinator");
    expect(await assigned.locator("form[data-assign-me]").count()).toBe(0);
    // Only that one: the others are still unassigned.
    expect(await page.locator("tr[data-inbox-row]", { hasText: "Test coordinator" }).count()).toBe(1);

    // Typing j in a filter field types a j; focus stays in the field.
    const country = page.locator('input[name="country"]');
    await country.focus();
    await page.keyboard.press("j");
    expect(await country.inputValue()).toBe("j");
    expect(await country.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusedRow()).toBe(-1);
    // ? in a field is a character too, not the help.
    await country.fill("");
    await page.keyboard.press("?");
    expect(await help.isVisible()).toBe(false);
    // And a typed a assigns nothing.
    await page.keyboard.press("a");
    await page.waitForTimeout(200);
    expect(new URL(page.url()).pathname).toBe("/staff/reports");
    expect(await page.locator("tr[data-inbox-row]", { hasText: "Test coordinator" }).count()).toBe(1);
    expect(errors).toEqual([]);

    // The control: without the help open, Escape is the quick exit here too (so "did not leave" above
    // means the help's Escape was kept from it, not that the exit was missing).
    await country.blur();
    await page.keyboard.press("Escape");
    expect(await leftTheSite(page)).toBe(true);
  });

  it("on a report page, a assigns the report to me and ? shows the help, Escape closing it (JavaScript on)", async () => {
    const coordinator = await buildCoordinator(live, ["RO"]);
    const sent = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country: "RO", area: "Cluj" }),
    });
    expect(sent.statusCode).toBe(201);
    const page = await freshPage(true);
    await signInStaff(page, live, coordinator.email);
    await clickAndWait(page, page.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    const reportPath = new URL(page.url()).pathname;

    const help = page.locator("dialog#inbox-help");
    await page.keyboard.press("?");
    expect(await help.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await leftTheSite(page)).toBe(false);
    expect(await help.isVisible()).toBe(false);

    // Typing an a in the note box types it; nothing is submitted. Escape while writing a note does not
    // throw it away by leaving the site (in the console only: a reporter's Escape always leaves).
    const note = page.locator('textarea[name="note"]');
    await note.focus();
    await page.keyboard.press("a");
    expect(await note.inputValue()).toBe("a");
    expect(new URL(page.url()).pathname).toBe(reportPath);
    await page.keyboard.press("Escape");
    expect(await leftTheSite(page)).toBe(false);
    expect(await note.inputValue()).toBe("a");
    await note.fill("");
    await note.blur();

    await andWait(page, () => page.keyboard.press("a"));
    expect(new URL(page.url()).pathname).toBe(reportPath);
    expect(await page.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.assigned"));
    expect(await page.locator("dl.summary").first().textContent()).toContain("Test coordinator");
  });

  // A caseworker takes reports from the inbox like anyone who reads them (assigning others is not theirs).
  it("lets a caseworker assign a report to themselves from the inbox with a (JavaScript on)", async () => {
    const org = await buildOrganisation(live.t.platform, { countries: ["CZ"] });
    const caseworker = await buildUser(live.t.platform, org.slug, "caseworker");
    const sent = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country: "CZ", area: "Brno" }),
    });
    expect(sent.statusCode).toBe(201);
    const page = await freshPage(true);
    await signInStaff(page, live, caseworker.email);
    // The shortcut is documented on this caseworker's inbox.
    expect(await page.locator("details.inbox-shortcuts").textContent()).toContain(
      text("en", "inbox.shortcuts.assign"),
    );
    const row = page.locator("tr[data-inbox-row]");
    expect(await row.count()).toBe(1);
    // As on the report page, the row offers "Assign to me" (without script too).
    expect(await row.locator("form[data-assign-me]").count()).toBe(1);
    await page.keyboard.press("j");
    await andWait(page, () => page.keyboard.press("a"));
    expect(await page.locator("tr[data-inbox-row]").textContent()).toContain("Test caseworker");
    // Back on the same inbox, focus on the row just taken, so j and a carry on from there.
    expect(await page.evaluate(() => document.activeElement?.closest("tr")?.id)).toMatch(/^report-/);
  });

  // The inbox is where everyone lands after signing in: an offer must not go unnoticed there.
  it("shows the number of shares waiting for an answer in the staff bar of the inbox (JavaScript off)", async () => {
    const receiverName = `Refugio ${Math.random().toString(36).slice(2, 8)}`;
    const receiver = await buildOrganisation(live.t.platform, { countries: ["HU"], name: receiverName });
    const receiving = await buildUser(live.t.platform, receiver.slug, "coordinator");
    const sharer = await buildCoordinator(live, ["SK"]);
    const sent = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ country: "SK", area: "Košice" }),
    });
    expect(sent.statusCode).toBe(201);

    const staff = await freshPage();
    await signInStaff(staff, live, sharer.email);
    await clickAndWait(staff, staff.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    await staff.locator('select[name="organisation"]').selectOption({ label: receiverName });
    await clickAndWait(staff, staff.getByRole("button", { name: text("en", "workflow.share") }));
    expect(await staff.locator('[role="status"]').textContent()).toBe(text("en", "workflow.done.shared"));

    const other = await freshPage();
    await signInStaff(other, live, receiving.email);
    const pending = text("en", "workflow.shares.link", { count: 1 });
    // The shares page counts it…
    await other.goto(live.url("/staff/shares"));
    expect(await other.locator('.staff-bar a[href="/staff/shares"]').textContent()).toBe(pending);
    // …and so must the inbox, where the day starts.
    await other.goto(live.url("/staff/reports"));
    expect(await other.locator('.staff-bar a[href="/staff/shares"]').textContent()).toBe(pending);
  });

  it("records a report taken by phone; the receipt code is shown and the inbox lists it (JavaScript off)", async () => {
    const org = await buildOrganisation(live.t.platform, { countries: ["NL"] });
    const caseworker = await buildUser(live.t.platform, org.slug, "caseworker");
    const page = await freshPage();
    await signInStaff(page, live, caseworker.email);
    await clickAndWait(page, page.locator(".staff-bar a[href='/staff/reports/new']"));
    expect(await page.locator("h1").textContent()).toBe(text("en", "workflow.intake.title"));

    const form = page.locator('main form[action="/staff/reports/new"]');
    const choose = (name: string, value: string) => form.locator(`input[name="${name}"][value="${value}"]`);
    // Phone is the usual channel, chosen already.
    expect(await choose("channel", "phone").isChecked()).toBe(true);
    const narrative = "A caller says her cousin's employer in Rotterdam took her passport and pays nothing.";
    await choose("channel", "phone").check();
    await choose("categories", "domestic_servitude").check();
    await form.locator('select[name="country"]').selectOption("NL");
    await form.locator('input[name="area"]').fill("Rotterdam");
    await choose("when", "this_month").check();
    await choose("peopleCount", "one").check();
    await choose("children", "no").check();
    await choose("danger", "unknown").check();
    await choose("signs", "documents_held").check();
    await form.locator('textarea[name="narrative"]').fill(narrative);
    await choose("contactPreference", "anonymous").check();
    const saved = await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(saved?.status()).toBe(201);
    expect(await page.locator("h1").textContent()).toBe(text("en", "workflow.intake.savedTitle"));
    const code = await receiptCode(page);
    expect(code).toMatch(/^\d{16}$/);

    // The inbox lists it, with the channel.
    await page.goto(live.url("/staff/reports"));
    const rows = page.locator("tr[data-inbox-row]");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(text("en", "inbox.channel.phone"));
    // Filtering by channel "phone" keeps it.
    await page.locator('select[name="channel"]').selectOption("phone");
    await clickAndWait(page, page.locator("form.inbox-filters button[type='submit']"));
    expect(await rows.count()).toBe(1);
    await clickAndWait(page, rows.first().locator("a[data-inbox-open]"));
    expect(await page.locator("blockquote.narrative").textContent()).toBe(narrative);
    expect(await page.locator("dl.summary").first().textContent()).toContain(
      text("en", "workflow.recordedBy", { name: "Test caseworker" }),
    );

    // The code works at follow-up, for the person who called.
    const reporter = await freshPage();
    const opened = await openFollowUp(reporter, live, code);
    expect(opened?.status()).toBe(200);
    expect(await reporter.locator("[data-status]").count()).toBe(1);
  });
});
