import * as OTPAuth from "otpauth";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildReport, buildUser, TEST_PASSWORD } from "../support/factories.ts";
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
  seriousViolations,
  signInStaff,
  startLiveApp,
  text,
} from "./support.ts";

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

  it("the staff inbox and a report with its reply form", async () => {
    const sent = await live.t.app.inject({ method: "POST", url: "/api/v1/reports", payload: buildReport() });
    expect(sent.statusCode).toBe(201);
    const page = await freshPage();
    await signInStaff(page, live, coordinator.email);
    const problems = await seriousViolations(page, "/staff/reports");
    await clickAndWait(page, page.locator("tr[data-inbox-row] a[data-inbox-open]").first());
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

  // ---- the staff console ----

  /** Sends a report through the public API (country and answers as given). */
  async function apiReport(overrides: Parameters<typeof buildReport>[0]): Promise<void> {
    const sent = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport(overrides),
    });
    expect(sent.statusCode).toBe(201);
  }

  /** A staff member of a fresh organisation that receives the reports about `country`. */
  async function staffMember(
    country: string,
    role: "admin" | "coordinator" | "caseworker" = "coordinator",
    name?: string,
  ): Promise<{ email: string }> {
    const organisation = await buildOrganisation(live.t.platform, { countries: [country], name });
    return buildUser(live.t.platform, organisation.slug, role);
  }

  /** A fresh profile, signed in as the staff member; the page is on their landing page. */
  async function signedIn(staff: { email: string }): Promise<Page> {
    const page = await freshPage();
    await signInStaff(page, live, staff.email);
    return page;
  }

  it("the inbox with reports, and with an error from a bad filter value", async () => {
    const staff = await staffMember("DE");
    await apiReport({ country: "DE", area: "Hamburg", danger: "yes" });
    await apiReport({ country: "DE", area: "Köln", children: "yes" });
    await apiReport({ country: "DE", area: "Bremen" });
    const page = await signedIn(staff);
    expect(await page.locator("tr[data-inbox-row]").count()).toBe(3);
    const problems = await seriousViolations(page, "/staff/reports");

    // The shortcut help, opened as a details element (no script needed).
    await page.locator("details.inbox-shortcuts summary").click();
    problems.push(...(await seriousViolations(page, "/staff/reports with the shortcut list open")));

    const bad = await page.goto(live.url("/staff/reports?status=new&urgency=extreme&country=ES"));
    expect(bad?.status()).toBe(400);
    const summary = page.locator("[data-error-summary]");
    expect(await summary.locator("a").allTextContents()).toEqual([
      text("en", "inbox.invalid", { field: text("en", "inbox.urgency") }),
    ]);
    expect(await summary.locator("a").getAttribute("href")).toBe("#f-urgency");
    expect(await page.locator("#f-urgency").getAttribute("aria-invalid")).toBe("true");
    problems.push(...(await seriousViolations(page, "/staff/reports with a bad filter")));

    // Filters that match nothing: the empty message instead of the table.
    await page.goto(live.url("/staff/reports?status=closed"));
    expect(await page.locator(".inbox-empty").textContent()).toBe(text("en", "inbox.empty"));
    problems.push(...(await seriousViolations(page, "/staff/reports with nothing to show")));
    expect(problems).toEqual([]);
  });

  it("a report page with a note, a reply, a reporter's message and a timeline, and with an error", async () => {
    const staff = await staffMember("AT");
    const code = await (async () => {
      const sent = await live.t.app.inject({
        method: "POST",
        url: "/api/v1/reports",
        payload: buildReport({ country: "AT", area: "Graz", danger: "yes", children: "yes" }),
      });
      expect(sent.statusCode).toBe(201);
      return sent.json().receiptCode as string;
    })();
    const page = await signedIn(staff);
    await clickAndWait(page, page.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    await page.locator('textarea[name="note"]').fill("The address matches an earlier police report.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "workflow.addNote") }));
    await clickAndWait(page, page.getByRole("button", { name: text("en", "workflow.assignMe") }));
    await page.locator('select[name="status"]').selectOption("in_review");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "workflow.changeStatus") }));
    await page.locator('textarea[name="message"]').fill("Thank you. We are looking into it now.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "staff.detail.send") }));
    const answered = await live.t.app.inject({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "They are still there tonight." },
    });
    expect(answered.statusCode).toBe(201);
    await page.reload();
    expect(await page.locator("ol.notes li").count()).toBe(1);
    expect(await page.locator("ol.thread li").count()).toBe(2);
    expect(await page.locator("ol.timeline li").count()).toBeGreaterThanOrEqual(5);
    const problems = await seriousViolations(page, "/staff/reports/:id with notes and timeline");

    // Closing without a reason: the page again, with the error beside the field.
    await page.locator('select[name="status"]').selectOption("closed");
    const refused = await clickAndWait(
      page,
      page.getByRole("button", { name: text("en", "workflow.changeStatus") }),
    );
    expect(refused?.status()).toBe(400);
    expect(await page.locator("[data-error-summary] a").getAttribute("href")).toBe("#f-closeReason");
    problems.push(...(await seriousViolations(page, "/staff/reports/:id with an error")));
    expect(problems).toEqual([]);
  });

  it("the intake form, with errors, and the saved page", async () => {
    const page = await signedIn(await staffMember("BE", "caseworker"));
    await page.goto(live.url("/staff/reports/new"));
    const problems = await seriousViolations(page, "/staff/reports/new");

    const form = page.locator('main form[action="/staff/reports/new"]');
    const refused = await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(refused?.status()).toBe(400);
    expect(await page.locator("[data-error-summary] a").count()).toBeGreaterThan(2);
    problems.push(...(await seriousViolations(page, "/staff/reports/new with errors")));

    const choose = (name: string, value: string) => form.locator(`input[name="${name}"][value="${value}"]`);
    await choose("channel", "in_person").check();
    await choose("categories", "sexual_exploitation").check();
    await form.locator('select[name="country"]').selectOption("BE");
    await choose("when", "earlier").check();
    await choose("peopleCount", "unknown").check();
    await choose("children", "unknown").check();
    await choose("danger", "no").check();
    await form
      .locator('textarea[name="narrative"]')
      .fill("She came to the office and told us about the bar.");
    const saved = await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(saved?.status()).toBe(201);
    problems.push(...(await seriousViolations(page, "intake saved")));
    expect(problems).toEqual([]);
  });

  it("the shares page, empty and with a report offered", async () => {
    const receiverName = `Receiver ${Math.random().toString(36).slice(2, 8)}`;
    const receiver = { page: await signedIn(await staffMember("IE", "coordinator", receiverName)) };
    await receiver.page.goto(live.url("/staff/shares"));
    expect(await receiver.page.locator("h1").textContent()).toBe(text("en", "workflow.shares.title"));
    const problems = await seriousViolations(receiver.page, "/staff/shares (empty)");

    const sharing = await staffMember("DK");
    await apiReport({ country: "DK", area: "Aarhus" });
    const sharer = { page: await signedIn(sharing) };
    await clickAndWait(sharer.page, sharer.page.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    await sharer.page.locator('select[name="organisation"]').selectOption({ label: receiverName });
    await clickAndWait(sharer.page, sharer.page.getByRole("button", { name: text("en", "workflow.share") }));
    expect(await sharer.page.locator('[role="status"]').textContent()).toBe(
      text("en", "workflow.done.shared"),
    );
    problems.push(...(await seriousViolations(sharer.page, "/staff/reports/:id with a share")));

    await receiver.page.goto(live.url("/staff/shares"));
    expect(await receiver.page.locator("tr[data-share]").count()).toBe(1);
    problems.push(...(await seriousViolations(receiver.page, "/staff/shares (one offer)")));
    expect(problems).toEqual([]);
  });

  it("the account page, password page and API tokens (with a new token and with an error)", async () => {
    const page = await signedIn(await staffMember("FI"));
    const problems: string[] = [];
    for (const path of ["/staff/account", "/staff/account/password", "/staff/account/tokens"]) {
      const response = await page.goto(live.url(path));
      expect(response?.status(), path).toBe(200);
      problems.push(...(await seriousViolations(page, path)));
    }
    // A token without a name: refused, with the error beside the field.
    const form = page.locator('main form[action="/staff/account/tokens"]');
    const refused = await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(refused?.status()).toBe(400);
    problems.push(...(await seriousViolations(page, "/staff/account/tokens with an error")));
    await form.locator('input[name="name"]').fill("Monthly statistics script");
    await form.locator('input[name="access"][value="read"]').check();
    await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(await page.locator("main").textContent()).toContain(text("en", "staff.tokens.created"));
    problems.push(...(await seriousViolations(page, "/staff/account/tokens with a new token")));
    expect(problems).toEqual([]);
  });

  it("the admin's staff page (with an invitation link) and organisation settings (and with an error)", async () => {
    const page = await signedIn(await staffMember("SE", "admin"));
    await page.goto(live.url("/staff/admin/users"));
    const problems = await seriousViolations(page, "/staff/admin/users");
    const invite = page.locator('main form[action="/staff/admin/users/invite"]');
    await invite.locator('input[name="email"]').fill("new.colleague@example.org");
    await invite.locator('input[name="name"]').fill("New Colleague");
    await invite.locator('select[name="role"]').selectOption("caseworker");
    await clickAndWait(page, invite.locator('button[type="submit"]'));
    expect(await page.locator("main input.secret-value").inputValue()).toContain("/staff/invite/");
    problems.push(...(await seriousViolations(page, "/staff/admin/users with an invitation link")));

    const settings = await page.goto(live.url("/staff/admin/organisation"));
    expect(settings?.status()).toBe(200);
    problems.push(...(await seriousViolations(page, "/staff/admin/organisation")));
    const form = page.locator('main form[action="/staff/admin/organisation"]');
    await form.locator('input[name="retentionDays"]').fill("5");
    const refused = await clickAndWait(page, form.locator('button[type="submit"]'));
    expect(refused?.status()).toBe(400);
    expect(await page.locator("[data-error-summary] a").allTextContents()).toContain(
      text("en", "staff.org.retentionInvalid"),
    );
    problems.push(...(await seriousViolations(page, "/staff/admin/organisation with an error")));
    expect(problems).toEqual([]);
  });

  it("two-factor pages: enrolment (and with a wrong code), recovery codes, the code page (and with a wrong code)", async () => {
    const org = await buildOrganisation(live.t.platform, { countries: ["NO"] });
    const { email } = await buildUser(live.t.platform, org.slug, "caseworker", { totp: false });
    const page = await freshPage();
    const password = async () => {
      await page.goto(live.url("/staff/login"));
      await page.locator('input[name="email"]').fill(email);
      await page.locator('input[name="password"]').fill(TEST_PASSWORD);
      await clickAndWait(page, page.locator('main form button[type="submit"]'));
    };
    await password();
    expect(new URL(page.url()).pathname).toBe("/staff/enrol");
    const problems = await seriousViolations(page, "/staff/enrol");

    const key = ((await page.locator("code.totp-secret").textContent()) ?? "").replace(/ /g, "");
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) }).generate();
    const wrong = `${(Number(code[0]) + 5) % 10}${code.slice(1)}`;
    const enrolButton = page.locator('form[action="/staff/enrol"] button[type="submit"]');
    await page.locator('input[name="code"]').fill(wrong);
    expect((await clickAndWait(page, enrolButton))?.status()).toBe(400);
    problems.push(...(await seriousViolations(page, "/staff/enrol with a wrong code")));

    await page.locator('input[name="code"]').fill(code);
    expect((await clickAndWait(page, enrolButton))?.status()).toBe(200);
    expect(await page.locator("[data-recovery-code]").count()).toBe(10);
    problems.push(...(await seriousViolations(page, "recovery codes")));

    await page.context().clearCookies();
    await password();
    expect(new URL(page.url()).pathname).toBe("/staff/login/code");
    problems.push(...(await seriousViolations(page, "/staff/login/code")));
    await page.locator('input[name="code"]').fill(wrong);
    const refused = await clickAndWait(
      page,
      page.locator('form:has(input[name="code"]) button[type="submit"]'),
    );
    expect(refused?.status()).toBe(401);
    problems.push(...(await seriousViolations(page, "/staff/login/code with a wrong code")));

    // And the sign-in page with its error.
    await page.goto(live.url("/staff/login"));
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill("not the right password at all");
    expect((await clickAndWait(page, page.locator('main form button[type="submit"]')))?.status()).toBe(401);
    problems.push(...(await seriousViolations(page, "/staff/login with an error")));
    expect(problems).toEqual([]);
  });
});
