import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clickAndWait,
  type LiveApp,
  launchChromium,
  openFollowUp,
  sendReport,
  startLiveApp,
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
