import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildReport, buildUser } from "../support/factories.ts";
import {
  andWait,
  clickAndWait,
  type LiveApp,
  launchChromium,
  openFollowUp,
  QUICK_EXIT_URL,
  sendReport,
  signInStaff,
  startLiveApp,
  text,
} from "./support.ts";

const LOCAL_HOSTS: ReadonlySet<string> = new Set(["127.0.0.1", "localhost"]);

/** What a page's markup does that a strict CSP would block, or that loads from elsewhere (empty when clean). */
function scriptAndStyleProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const s of Array.from(document.scripts)) {
      if (!s.src) problems.push(`inline <script>: ${s.textContent?.slice(0, 80)}`);
      else if (new URL(s.src).origin !== location.origin) problems.push(`script from ${s.src}`);
    }
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const a of Array.from(el.attributes)) {
        if (a.name.startsWith("on")) problems.push(`inline handler ${a.name} on <${el.localName}>`);
        if (a.name === "style") problems.push(`style attribute on <${el.localName}>`);
      }
    }
    return problems;
  });
}

describe("what the browser sends and keeps during a whole report (JavaScript on)", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const documents: { url: string; csp: string | undefined }[] = [];
  const consoleErrors: string[] = [];
  const markupProblems: string[] = [];
  let cookiesBeforeSending: { name: string; httpOnly: boolean; sameSite: string; session: boolean }[] = [];
  let documentCookieBeforeSending: string | undefined;

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    context = await browser.newContext();
    context.on("request", (request) => requested.push(request.url()));
    context.on("response", (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.resourceType() === "document") {
        documents.push({ url: response.url(), csp: response.headers()["content-security-policy"] });
      }
    });
    context.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page = await context.newPage();
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    const inspect = async (label: string) => {
      for (const problem of await scriptAndStyleProblems(page)) markupProblems.push(`${label}: ${problem}`);
    };

    for (const path of ["/", "/help?country=ES", "/learn", "/privacy"]) {
      await page.goto(live.url(path));
      await inspect(path);
    }
    const code = await sendReport(page, live, {
      onStep: async (p, step) => {
        await inspect(`/report step ${step}`);
        if (step === 5) {
          cookiesBeforeSending = (await context.cookies()).map((c) => ({
            name: c.name,
            httpOnly: c.httpOnly,
            sameSite: c.sameSite,
            session: c.expires === -1,
          }));
          documentCookieBeforeSending = await p.evaluate(() => document.cookie);
        }
      },
    });
    await inspect("receipt");
    await openFollowUp(page, live, code);
    await inspect("follow-up thread");
    await page.locator('textarea[name="message"]').fill("One more thing: there is a dog at the gate.");
    await clickAndWait(page, page.locator('main form button[name="action"][value="message"]'));
    await inspect("follow-up after sending");
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  it("asks nothing of any host but the Lantern server", () => {
    const elsewhere = requested.filter((url) => {
      const u = new URL(url);
      return u.protocol !== "data:" && !LOCAL_HOSTS.has(u.hostname);
    });
    expect(elsewhere).toEqual([]);
    // The recording saw the pages and their assets, so an empty list above means something.
    expect(requested).toContain(live.url("/report"));
    expect(requested.some((url) => url.startsWith(live.url("/assets/lantern.css")))).toBe(true);
    expect(requested.some((url) => url.startsWith(live.url("/assets/lantern.js")))).toBe(true);
  });

  it("serves every page with a content security policy that allows only its own scripts", () => {
    expect(documents.length).toBeGreaterThanOrEqual(11);
    for (const d of documents) {
      expect(d.csp, d.url).toContain("script-src 'self'");
      expect(d.csp, d.url).toContain("default-src 'none'");
      expect(d.csp, d.url).not.toContain("unsafe-inline");
    }
  });

  it("has no inline script, inline handler or style attribute that the policy would block", () => {
    expect(markupProblems).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("holds only the HttpOnly, same-site form token cookie before the report is sent, and after", async () => {
    // A session cookie: gone when the browser closes, as the privacy page promises.
    expect(cookiesBeforeSending).toEqual([
      { name: "lantern_csrf", httpOnly: true, sameSite: "Strict", session: true },
    ]);
    expect(documentCookieBeforeSending).toBe("");
    expect((await context.cookies()).map((c) => c.name)).toEqual(["lantern_csrf"]);
  });

  it("keeps nothing in the browser's storage", async () => {
    const stored = await page.evaluate(() => ({
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    expect(stored).toEqual({ local: 0, session: 0 });
  });
});

/** An inbox address with a filter value the console does not know (the page answers 400 with a message). */
const BAD_FILTER = "/staff/reports?urgency=extreme";

describe("what the browser sends and keeps in the staff console (JavaScript on)", () => {
  let browser: Browser;
  let live: LiveApp;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const documents: { url: string; status: number; headers: Record<string, string> }[] = [];
  const consoleErrors: string[] = [];
  const markupProblems: string[] = [];

  beforeAll(async () => {
    [browser, live] = await Promise.all([launchChromium(), startLiveApp("sqlite")]);
    const org = await buildOrganisation(live.t.platform, { countries: ["ES"] });
    const coordinator = await buildUser(live.t.platform, org.slug, "coordinator");
    for (const danger of ["yes", "no"] as const) {
      const sent = await live.t.app.inject({
        method: "POST",
        url: "/api/v1/reports",
        payload: buildReport({ danger }),
      });
      expect(sent.statusCode).toBe(201);
    }
    context = await browser.newContext();
    // Should anything try the quick exit's neutral site, it is answered here (and shows in `requested`).
    await context.route(`${QUICK_EXIT_URL}**`, (route) => route.fulfill({ status: 200, body: "" }));
    context.on("request", (request) => requested.push(request.url()));
    context.on("response", (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && request.resourceType() === "document") {
        documents.push({ url: response.url(), status: response.status(), headers: response.headers() });
      }
    });
    context.on("console", (message) => {
      // The inbox with a bad filter answers 400 on purpose; Chromium logs that status as an error.
      const expected400 =
        message.location().url === live.url(BAD_FILTER) && message.text().includes("status of 400");
      if (message.type() === "error" && !expected400) consoleErrors.push(message.text());
    });
    page = await context.newPage();
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    const inspect = async (label: string) => {
      for (const problem of await scriptAndStyleProblems(page)) markupProblems.push(`${label}: ${problem}`);
    };

    // The sign-in page, then the two-factor code page, then the inbox.
    await signInStaff(page, live, coordinator.email);
    await inspect("inbox");
    // The shortcut help (inbox.js) opens and closes.
    await page.keyboard.press("?");
    expect(await page.locator("dialog#inbox-help").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    expect(await page.locator("dialog#inbox-help").isVisible()).toBe(false);
    expect((await page.goto(live.url(BAD_FILTER)))?.status()).toBe(400);
    await inspect("inbox with a bad filter");
    await page.goto(live.url("/staff/reports?status=new&urgency=urgent"));
    await clickAndWait(page, page.locator("tr[data-inbox-row] a[data-inbox-open]").first());
    await inspect("report page");
    await page.locator('textarea[name="note"]').fill("Checked the address on the map.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "workflow.addNote") }));
    await inspect("report page after a note");
    await page.locator('textarea[name="message"]').fill("Thank you, we are on it.");
    await clickAndWait(page, page.getByRole("button", { name: text("en", "staff.detail.send") }));
    await inspect("report page after a reply");
    for (const path of ["/staff/reports/new", "/staff/shares", "/staff/account", "/staff/account/tokens"]) {
      await page.goto(live.url(path));
      await inspect(path);
    }
    await page.goto(live.url("/staff/reports"));
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
  });

  it("asks nothing of any host but the Lantern server", () => {
    const elsewhere = requested.filter((url) => {
      const u = new URL(url);
      return u.protocol !== "data:" && !LOCAL_HOSTS.has(u.hostname);
    });
    expect(elsewhere).toEqual([]);
    expect(requested.some((url) => url.startsWith(live.url("/assets/inbox.js")))).toBe(true);
    expect(requested.some((url) => url.startsWith(live.url("/assets/lantern.css")))).toBe(true);
  });

  it("serves every console page with the strict policy, no caching, no framing and no referrer", () => {
    const paths = documents.map((d) => new URL(d.url).pathname);
    for (const path of ["/staff/login", "/staff/login/code", "/staff/reports", "/staff/reports/new"]) {
      expect(paths).toContain(path);
    }
    expect(
      paths.some((path) => /^\/staff\/reports\/[^/]+$/.test(path) && path !== "/staff/reports/new"),
    ).toBe(true);
    for (const d of documents) {
      const h = d.headers;
      expect(h["content-security-policy"], d.url).toContain("default-src 'none'");
      expect(h["content-security-policy"], d.url).toContain("script-src 'self'");
      expect(h["content-security-policy"], d.url).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"], d.url).not.toContain("unsafe-inline");
      expect(h["cache-control"], d.url).toBe("no-store");
      expect(h["referrer-policy"], d.url).toBe("no-referrer");
      expect(h["x-frame-options"], d.url).toBe("DENY");
      expect(h["x-content-type-options"], d.url).toBe("nosniff");
    }
  });

  it("has no inline script, inline handler or style attribute that the policy would block", () => {
    expect(markupProblems).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it("keeps the session in an HttpOnly, same-site cookie that ends with the browser, and nothing in storage", async () => {
    const cookies = (await context.cookies()).map((c) => ({
      name: c.name,
      httpOnly: c.httpOnly,
      sameSite: c.sameSite,
      session: c.expires === -1,
    }));
    expect(cookies).toContainEqual({
      name: "lantern_session",
      httpOnly: true,
      sameSite: "Strict",
      session: true,
    });
    for (const c of cookies) expect(c.httpOnly, c.name).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe("");
    expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  });

  it("signs out: the session cookie goes, and the inbox asks to sign in again", async () => {
    await andWait(page, () =>
      page.locator('.staff-bar form[action="/staff/logout"] button[type="submit"]').click(),
    );
    expect(new URL(page.url()).pathname).toBe("/staff/login");
    expect((await context.cookies()).map((c) => c.name)).not.toContain("lantern_session");
    await page.goto(live.url("/staff/reports"));
    expect(new URL(page.url()).pathname).toBe("/staff/login");
  });
});
