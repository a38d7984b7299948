import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/harness.ts";

describe("security headers and caching", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("sqlite");
  });
  afterAll(() => t.close());

  it("sends a strict CSP, no referrer, and no camera, microphone or geolocation on every page", async () => {
    for (const url of ["/", "/report", "/follow-up", "/help", "/learn", "/staff/login", "/no-such-page"]) {
      const res = await t.app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(String(res.headers["permissions-policy"])).toMatch(
        /camera=\(\).*microphone=\(\).*geolocation=\(\)/,
      );
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["cache-control"]).toBe("no-store");
      // No inline script anywhere: every <script> has a src on this host.
      expect(res.body).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)[^>]*>/);
      expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\/(?!weather\.example\.org)/);
    }
  });

  it("never lets a cache keep API answers, and lets browsers keep versioned assets", async () => {
    const api = await t.app.inject({ method: "POST", url: "/api/v1/reports", payload: {} });
    expect(api.headers["cache-control"]).toBe("no-store");
    const css = await t.app.inject({ method: "GET", url: "/assets/lantern.css" });
    expect(css.statusCode).toBe(200);
    expect(css.headers["cache-control"]).toContain("immutable");
    const missing = await t.app.inject({ method: "GET", url: "/assets/../package.json" });
    expect(missing.statusCode).toBe(404);
  });

  it("compresses pages for slow networks", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/report",
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(res.headers["content-encoding"]).toBe("br");
  });

  it("renders errors once: JSON with an id under /api, a friendly page elsewhere, never a stack trace", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/v1/nothing" });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { id: "not_found", message: "Not found" } });
    const page = await t.app.inject({ method: "GET", url: "/nothing", headers: { "accept-language": "es" } });
    expect(page.statusCode).toBe(404);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('lang="es"');
    expect(page.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
