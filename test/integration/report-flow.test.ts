import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOrganisation,
  buildReport,
  buildUser,
  csrfFor,
  FORM_ANSWERS,
  receiptFrom,
  signIn,
  submitViaForm,
} from "../support/factories.ts";
import { dialects, formEncode, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("report, receipt, follow-up and reply (%s)", (dialect) => {
  let t: TestApp;
  let staffCookies: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const user = await buildUser(t.platform, org.slug, "coordinator");
    staffCookies = await signIn(t.app, user.email);
  });
  afterAll(() => t.close());

  async function followUp(code: string, extra: Record<string, string> = {}) {
    const { token, cookies } = await csrfFor(t.app, "/follow-up");
    return t.app.inject({
      method: "POST",
      url: "/follow-up",
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, receiptCode: code, action: "open", ...extra }),
    });
  }

  it("walks the five-step form without JavaScript and shows a 16-digit receipt only after saving", async () => {
    const res = await submitViaForm(t.app, FORM_ANSWERS);
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain("Your report has been sent");
    const code = receiptFrom(res.body);
    expect(code).toMatch(/^\d{16}$/);
    expect(res.body).toMatch(/\d{4} \d{4} \d{4} \d{4}/);
    const view = await followUp(code ?? "");
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain("Received: waiting to be read");
    expect(view.body).toContain("No messages yet");
  });

  it("shows each step's questions, carries earlier answers, and goes back without losing them", async () => {
    const first = await t.app.inject({ method: "GET", url: "/report" });
    expect(first.body).toContain("Step 1 of 5");
    expect(first.body).toContain("Forced or servile marriage");
    const res = await submitViaForm(t.app, { ...FORM_ANSWERS, narrative: "" });
    // Step 4 asks for the narrative: the form stops there with an error summary linking to the field.
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Step 4 of 5");
    expect(res.body).toContain('href="#f-narrative"');
    expect(res.body).toContain('value="Madrid"'); // carried from step 2
  });

  it("lets staff read the decrypted report, reply, and the reporter read the reply and answer", async () => {
    const sent = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ narrative: "Canary: the blue van at the market." }),
    });
    expect(sent.statusCode).toBe(201);
    const code: string = sent.json().receiptCode;

    const list = await t.app.inject({ method: "GET", url: "/staff/reports", cookies: staffCookies });
    expect(list.statusCode).toBe(200);
    const id = list.body.match(/href="\/staff\/reports\/([0-9a-f]+)"/)?.[1];
    expect(id).toBeDefined();

    const detail = await t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies: staffCookies });
    expect(detail.body).toContain("Canary: the blue van at the market.");
    const csrf = detail.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const reply = await t.app.inject({
      method: "POST",
      url: `/staff/reports/${id}/reply`,
      cookies: staffCookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: csrf, message: "Thank you. Can you tell us the market's name?" }),
    });
    expect(reply.statusCode).toBe(303);

    const view = await followUp(code);
    expect(view.body).toContain("Thank you. Can you tell us the market's name?");
    expect(view.body).toContain("Being looked at");

    const answer = await followUp(code, {
      action: "message",
      message: "It is the Tuesday market by the river.",
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain("Your message has been sent.");
    expect(answer.body).toContain("It is the Tuesday market by the river.");

    const after = await t.app.inject({ method: "GET", url: `/staff/reports/${id}`, cookies: staffCookies });
    expect(after.body).toContain("It is the Tuesday market by the river.");
  });

  it("offers the same follow-up through the JSON API", async () => {
    const sent = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: buildReport({ danger: "yes" }),
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json().emergencyNumber).toBe("112");
    const code = sent.json().receiptCodeFormatted as string;
    const posted = await t.app.inject({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "More: there are three of them." },
    });
    expect(posted.statusCode).toBe(201);
    const read = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { "lantern-receipt-code": code },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      status: "received",
      messages: [{ from: "you", body: "More: there are three of them." }],
    });
  });

  it("answers a wrong, malformed or rate-limited code the same way", async () => {
    const wrong = await followUp("0000 0000 0000 0000");
    const malformed = await followUp("12");
    expect(wrong.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    const message = "We could not open a report with that code.";
    expect(wrong.body).toContain(message);
    expect(malformed.body).toContain(message);
    const api = await t.app.inject({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { "lantern-receipt-code": "x" },
    });
    expect(api.json().error.id).toBe("receipt_not_recognised");
  });

  it("files a re-sent form once", async () => {
    const body = buildReport();
    const headers = { "idempotency-key": "a-retry-key-1234567890" };
    const one = await t.app.inject({ method: "POST", url: "/api/v1/reports", payload: body, headers });
    const two = await t.app.inject({ method: "POST", url: "/api/v1/reports", payload: body, headers });
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(409);
    expect(two.json().error.id).toBe("already_submitted");
  });
});
