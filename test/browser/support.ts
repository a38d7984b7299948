import type { AddressInfo } from "node:net";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Locator, type Page, type Response } from "playwright-core";
import {
  type Locale,
  type MessageKey,
  type MessageValues,
  translator,
} from "../../src/platform/i18n/i18n.ts";
import {
  buildOrganisation,
  buildUser,
  freshTotpCode,
  TEST_PASSWORD,
  TEST_TOTP_SECRET,
} from "../support/factories.ts";
import { type Dialect, startTestApp, type TestApp } from "../support/harness.ts";

/** Debian's Chromium, headless, on a closed network: nothing that phones home, no downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** The neutral site the test config's quick exit leaves for. */
export const QUICK_EXIT_URL = "https://weather.example.org/";

/** The app on a real socket, so a browser can reach it. */
export interface LiveApp {
  readonly t: TestApp;
  readonly origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Starts the app on a fresh database and listens on a free loopback port. */
export async function startLiveApp(dialect: Dialect): Promise<LiveApp> {
  const t = await startTestApp(dialect);
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { t, origin, url: (path) => `${origin}${path}`, close: () => t.close() };
}

/** A message as the app renders it in a locale (so assertions follow the catalogues, not copies of them). */
export function text(locale: Locale, key: MessageKey, values?: MessageValues): string {
  return translator(locale).t(key, values);
}

/** The report form's answers, as the values of its controls (independent of the page's language). */
export interface ReportAnswers {
  readonly categories: readonly string[];
  readonly country: string;
  readonly area: string;
  readonly place: string;
  readonly online: string;
  readonly when: string;
  readonly whenDetail: string;
  readonly peopleCount: string;
  readonly children: string;
  readonly danger: string;
  readonly signs: readonly string[];
  readonly narrative: string;
  readonly contactPreference: "anonymous" | "contact";
  readonly contact: string;
}

export const ANSWERS: ReportAnswers = {
  categories: ["forced_labour", "domestic_servitude"],
  country: "ES",
  area: "Sevilla",
  place: "A farm on the road to the coast",
  online: "",
  when: "this_week",
  whenDetail: "Every night after ten",
  peopleCount: "two_to_five",
  children: "no",
  danger: "no",
  signs: ["documents_held", "no_pay"],
  narrative: "Workers sleep in a barn and the boss keeps their passports.",
  contactPreference: "anonymous",
  contact: "",
};

/** Runs an action that submits a form or follows a link, and waits for the next document to load. */
export async function andWait(page: Page, action: () => Promise<unknown>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), action()]);
  return response;
}

/** Clicks a control that submits a form or follows a link, and waits for the next document. */
export function clickAndWait(page: Page, control: Locator): Promise<Response | null> {
  return andWait(page, () => control.click());
}

const choice = (page: Page, name: string, value: string) =>
  page.locator(`#report-form input[name="${name}"][value="${value}"]`);

/** Answers the questions of one step of the report form (nothing is submitted). */
export async function fillStep(page: Page, step: number, a: ReportAnswers): Promise<void> {
  switch (step) {
    case 1:
      for (const c of a.categories) await choice(page, "categories", c).check();
      return;
    case 2:
      await page.locator('select[name="country"]').selectOption(a.country);
      await page.locator('input[name="area"]').fill(a.area);
      await page.locator('textarea[name="place"]').fill(a.place);
      await page.locator('textarea[name="online"]').fill(a.online);
      await choice(page, "when", a.when).check();
      await page.locator('input[name="whenDetail"]').fill(a.whenDetail);
      return;
    case 3:
      await choice(page, "peopleCount", a.peopleCount).check();
      await choice(page, "children", a.children).check();
      await choice(page, "danger", a.danger).check();
      return;
    case 4:
      for (const s of a.signs) await choice(page, "signs", s).check();
      await page.locator('textarea[name="narrative"]').fill(a.narrative);
      return;
    default:
      await choice(page, "contactPreference", a.contactPreference).check();
      await page.locator('textarea[name="contact"]').fill(a.contact);
  }
}

/** The visible main button of the current step ("Continue", or "Send report" on the last step). */
export function mainButton(page: Page, step: number): Locator {
  return page.locator(`#report-form button[name="action"][value="${step === 5 ? "submit" : "next"}"]`);
}

/** The "Step n of 5" line of the form page on screen. */
export function progressText(page: Page): Promise<string | null> {
  return page.locator(".progress-text").textContent();
}

export interface WalkOptions {
  readonly answers?: ReportAnswers;
  /** Appended to /report, e.g. "?lang=ar". */
  readonly query?: string;
  /** Called on each step page after it loads, before it is filled in. */
  readonly onStep?: (page: Page, step: number) => Promise<void>;
}

/** Fills in and sends the report form, step by step, from /report; leaves the page on the receipt. */
export async function sendReport(page: Page, live: LiveApp, options: WalkOptions = {}): Promise<string> {
  const answers = options.answers ?? ANSWERS;
  await page.goto(live.url(`/report${options.query ?? ""}`));
  for (let step = 1; step <= 5; step++) {
    await options.onStep?.(page, step);
    await fillStep(page, step, answers);
    const response = await clickAndWait(page, mainButton(page, step));
    const expected = step === 5 ? 201 : 200;
    if (response?.status() !== expected) {
      const problem = await page.locator("[data-error-summary]").textContent();
      throw new Error(`step ${step} answered ${response?.status()}: ${problem ?? "(no error summary)"}`);
    }
  }
  return receiptCode(page);
}

/** The receipt code shown on the receipt page, digits only; fails unless it shows as four groups of four. */
export async function receiptCode(page: Page): Promise<string> {
  const shown = (await page.locator("[data-receipt-code] span").textContent())?.trim() ?? "";
  if (!/^\d{4} \d{4} \d{4} \d{4}$/.test(shown)) throw new Error(`receipt code shown as "${shown}"`);
  return shown.replace(/ /g, "");
}

/** A receipt code the way the receipt page shows it: four groups of four digits. */
export function formatCode(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** Opens a report at /follow-up by typing its receipt code; leaves the page on the thread. */
export async function openFollowUp(
  page: Page,
  live: LiveApp,
  code: string,
  query = "",
): Promise<Response | null> {
  await page.goto(live.url(`/follow-up${query}`));
  await page.locator('input[name="receiptCode"]').fill(code);
  return clickAndWait(page, page.locator('main form button[name="action"][value="open"]'));
}

/** A coordinator of a fresh organisation that receives reports for the given countries. */
export async function buildCoordinator(
  live: LiveApp,
  countries: readonly string[],
): Promise<{ email: string; organisation: string }> {
  const name = `Casa Segura ${Math.random().toString(36).slice(2, 8)}`;
  const org = await buildOrganisation(live.t.platform, { name, countries: [...countries] });
  const user = await buildUser(live.t.platform, org.slug, "coordinator");
  return { email: user.email, organisation: name };
}

/**
 * Signs a staff member in through the login form and the two-factor code page (users built by `buildUser`
 * are enrolled with `TEST_TOTP_SECRET`); leaves the page where the role lands (the inbox by default).
 */
export async function signInStaff(
  page: Page,
  live: LiveApp,
  email: string,
  landing = "/staff/reports",
): Promise<void> {
  await page.goto(live.url("/staff/login"));
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(TEST_PASSWORD);
  let response = await clickAndWait(page, page.locator('main form button[type="submit"]'));
  if (page.url().endsWith("/staff/login/code")) {
    await page.locator('input[name="code"]').fill(await freshTotpCode(TEST_TOTP_SECRET, email, true));
    response = await clickAndWait(page, page.locator('form:has(input[name="code"]) button[type="submit"]'));
  }
  if (!page.url().endsWith(landing)) {
    throw new Error(`sign-in ended on ${page.url()} with status ${response?.status()}`);
  }
}

/** Serious and critical axe violations on the page, one readable line each (empty when there are none). */
export async function seriousViolations(page: Page, label: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    );
}
