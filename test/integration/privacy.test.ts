import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOrganisation,
  buildReport,
  csrfFor,
  FORM_ANSWERS,
  receiptFrom,
  submitViaForm,
} from "../support/factories.ts";
import { dialects, formEncode, startTestApp, type TestApp } from "../support/harness.ts";

const ADDRESS = "203.0.113.77";
const CANARY = "Canary sentence: the red door behind the bakery on Calle Mayor.";
const MESSAGE_CANARY = "Second canary: she said her name is Lucía and she is sixteen.";
const CONTACT_CANARY = "signal-user-canary-4471";

describe.each(dialects())("privacy of reporters (%s)", (dialect) => {
  let t: TestApp;
  const proxied = { "x-forwarded-for": ADDRESS };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    await buildOrganisation(t.platform, { countries: ["ES"] });
    // Through the web form, the API and follow-up, always behind a proxy header carrying the address.
    const web = await submitViaForm(
      t.app,
      { ...FORM_ANSWERS, narrative: CANARY, contactPreference: "contact", contact: CONTACT_CANARY },
      proxied,
    );
    expect(web.statusCode).toBe(201);
    const code = receiptFrom(web.body) ?? "";
    const { token, cookies } = await csrfFor(t.app, "/follow-up");
    const follow = await t.app.inject({
      method: "POST",
      url: "/follow-up",
      cookies,
      headers: { ...proxied, "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, receiptCode: code, action: "message", message: MESSAGE_CANARY }),
    });
    expect(follow.statusCode).toBe(200);
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      headers: proxied,
      payload: buildReport({ narrative: CANARY }),
    });
    expect(api.statusCode).toBe(201);
    // A wrong code, which the rate limiter counts per client.
    await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { ...proxied, "lantern-receipt-code": "1111222233334444" },
    });
  });
  afterAll(() => t.close());

  it("stores the reporter's address in no table", async () => {
    const dump = await t.dumpAllRows();
    expect(dump).toContain("ES"); // the dump is real
    expect(dump).not.toContain(ADDRESS);
  });

  it("writes the reporter's address in no log line, though requests were logged", () => {
    const text = t.logs.join("");
    expect(text).toContain("/api/v1/reports");
    expect(text).not.toContain(ADDRESS);
    expect(text).not.toContain("x-forwarded-for");
  });

  it("keeps narratives, messages and contact details only as ciphertext", async () => {
    const dump = await t.dumpAllRows();
    for (const secret of [CANARY, MESSAGE_CANARY, CONTACT_CANARY, "red door", "Lucía"]) {
      expect(dump).not.toContain(secret);
    }
    for (const file of t.sqliteFiles()) {
      const bytes = fs.readFileSync(file);
      for (const secret of [CANARY, MESSAGE_CANARY, CONTACT_CANARY, "red door behind the bakery"]) {
        expect(bytes.includes(Buffer.from(secret, "utf8"))).toBe(false);
        expect(bytes.includes(Buffer.from(secret, "utf16le"))).toBe(false);
      }
    }
    if (dialect === "sqlite") expect(t.sqliteFiles().length).toBeGreaterThan(0);
  });

  it("sets no cookie before the form, and only the CSRF cookie on it", async () => {
    for (const url of ["/", "/help?country=ES", "/learn", "/privacy"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    const form = await t.app.inject({ method: "GET", url: "/report" });
    expect(form.cookies.map((c) => c.name)).toEqual(["lantern_csrf"]);
    const cookie = form.cookies[0];
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    expect(cookie?.expires).toBeUndefined(); // a session cookie: gone when the browser closes
  });
});
