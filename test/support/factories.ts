import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Secret, TOTP } from "otpauth";
import { addUser, createOrganisation, type Role } from "../../src/modules/accounts/accounts.service.ts";
import { sealTotpSecret } from "../../src/modules/accounts/two-factor.service.ts";
import type { ReportSubmissionInput } from "../../src/modules/reports/reports.schema.ts";
import type { Platform } from "../../src/platform/platform.ts";
import { cookiesOf, formEncode, inputValue } from "./harness.ts";

/** A complete, valid report body for the API; override any field. */
export function buildReport(overrides: Partial<ReportSubmissionInput> = {}): ReportSubmissionInput {
  return {
    categories: ["forced_labour"],
    country: "ES",
    area: "Sevilla",
    place: "A farm on the road to the coast",
    online: "",
    when: "this_week",
    whenDetail: "",
    peopleCount: "two_to_five",
    children: "no",
    danger: "no",
    signs: ["documents_held", "no_pay"],
    narrative: "Workers sleep in a barn and the boss keeps their passports.",
    contactPreference: "anonymous",
    contact: "",
    language: "en",
    ...overrides,
  };
}

export async function buildOrganisation(
  p: Platform,
  overrides: { slug?: string; name?: string; countries?: string[]; isDefault?: boolean } = {},
): Promise<{ id: string; slug: string }> {
  const slug = overrides.slug ?? `org-${crypto.randomBytes(4).toString("hex")}`;
  const id = await createOrganisation(p, {
    slug,
    name: overrides.name ?? `Organisation ${slug}`,
    countries: overrides.countries ?? [],
    isDefault: overrides.isDefault,
  });
  return { id, slug };
}

export const TEST_PASSWORD = "correct horse battery staple";

/** The TOTP secret (base32) of every user `buildUser` enrols in two-factor sign-in. */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * A staff member with the test password, enrolled in two-factor sign-in with `TEST_TOTP_SECRET` unless
 * `totp: false` (then a role that reads content meets the mandatory enrolment at sign-in).
 */
export async function buildUser(
  p: Platform,
  organisationSlug: string,
  role: Role = "coordinator",
  options: { totp?: boolean; superadmin?: boolean; name?: string } = {},
): Promise<{ id: string; email: string }> {
  const email = `${role}-${crypto.randomBytes(4).toString("hex")}@example.org`;
  const id = await addUser(p, {
    organisationSlug,
    email,
    name: options.name ?? `Test ${role}`,
    password: TEST_PASSWORD,
    role,
    isSuperadmin: options.superadmin,
  });
  if (options.totp !== false) {
    await p.db
      .updateTable("users")
      .set({
        totp_secret: sealTotpSecret(p, id, TEST_TOTP_SECRET),
        totp_enabled_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
  }
  return { id, email };
}

const lastStepUsed = new Map<string, number>();

/**
 * A valid TOTP code for `secret` that the app has not seen yet for this account: the server accepts
 * ±1 time step and refuses a step already used, so repeated sign-ins take the next step (waiting if needed).
 * With `slow` (a browser typing and submitting it) it starts from the current step, never the one before,
 * which can expire before the code reaches the server.
 */
export async function freshTotpCode(secret: string, account: string, slow = false): Promise<string> {
  for (;;) {
    const current = Math.floor(Date.now() / 30_000);
    const step = Math.max(slow ? current : current - 1, (lastStepUsed.get(`${account}:${secret}`) ?? 0) + 1);
    if (step <= current + 1) {
      lastStepUsed.set(`${account}:${secret}`, step);
      return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: step * 30_000 });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The key an enrolment page shows for typing by hand (base32, spaces removed). */
export function enrolmentSecretOf(html: string): string | undefined {
  return html.match(/<code class="totp-secret"[^>]*>([A-Z2-7 ]+)<\/code>/)?.[1]?.replace(/ /g, "");
}

/**
 * Signs a staff member in through the login form, giving a TOTP code (or enrolling first, when the role
 * needs it and the user is not enrolled); returns the cookies to send on console requests.
 */
export async function signIn(app: FastifyInstance, email: string): Promise<Record<string, string>> {
  const page = await app.inject({ method: "GET", url: "/staff/login" });
  let cookies = cookiesOf(page);
  const csrf = inputValue(page.body, "_csrf");
  const post = (url: string, fields: Record<string, string>) =>
    app.inject({
      method: "POST",
      url,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: csrf, ...fields }),
    });
  const res = await post("/staff/login", { email, password: TEST_PASSWORD });
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
  cookies = { ...cookies, ...cookiesOf(res) };
  if (res.headers.location === "/staff/login/code") {
    const code = await post("/staff/login/code", { code: await freshTotpCode(TEST_TOTP_SECRET, email) });
    if (code.statusCode !== 303) throw new Error(`sign-in code refused: ${code.statusCode}`);
    cookies = { ...cookies, ...cookiesOf(code) };
  } else if (res.headers.location === "/staff/enrol") {
    const enrol = await app.inject({ method: "GET", url: "/staff/enrol", cookies });
    const secret = enrolmentSecretOf(enrol.body) ?? "";
    const done = await post("/staff/enrol", { code: await freshTotpCode(secret, email) });
    if (done.statusCode !== 200) throw new Error(`enrolment refused: ${done.statusCode}`);
    cookies = { ...cookies, ...cookiesOf(done) };
  }
  return cookies;
}

/** A page's CSRF token and the cookies that go with it. */
export async function csrfFor(app: FastifyInstance, url: string, cookies: Record<string, string> = {}) {
  const page = await app.inject({ method: "GET", url, cookies });
  return { token: inputValue(page.body, "_csrf") ?? "", cookies: { ...cookies, ...cookiesOf(page) }, page };
}

export type FormAnswers = Record<string, string | string[]>;

/** Walks the web report form step by step like a browser with JavaScript off; returns the last response. */
export async function submitViaForm(
  app: FastifyInstance,
  answers: FormAnswers,
  headers: Record<string, string> = {},
  lang?: string,
) {
  const first = await app.inject({ method: "GET", url: lang ? `/report?lang=${lang}` : "/report", headers });
  const cookies = cookiesOf(first);
  let html = first.body;
  let res = first;
  for (let step = 1; step <= 5; step++) {
    const carried: Record<string, string | string[]> = { ...answers };
    res = await app.inject({
      method: "POST",
      url: "/report",
      cookies,
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({
        ...carried,
        _csrf: inputValue(html, "_csrf"),
        step: String(step),
        submissionKey: inputValue(html, "submissionKey"),
        lang: lang ?? "en",
        action: step === 5 ? "submit" : "next",
      }),
    });
    html = res.body;
    if (res.statusCode >= 400) return res;
  }
  return res;
}

export const FORM_ANSWERS: FormAnswers = {
  categories: ["sexual_exploitation", "online_exploitation"],
  country: "ES",
  area: "Madrid",
  place: "",
  online: "https://ads.example.invalid/123",
  when: "today",
  whenDetail: "",
  peopleCount: "one",
  children: "yes",
  danger: "no",
  signs: ["escorted"],
  narrative: "A girl is advertised online and a man drives her to hotels.",
  contactPreference: "anonymous",
  contact: "",
};

/** The receipt code shown on a receipt page, digits only. */
export function receiptFrom(html: string): string | undefined {
  return html.match(/data-receipt-code[^>]*><span dir="ltr">([\d ]+)<\/span>/)?.[1]?.replace(/ /g, "");
}

// ---- report workflow helpers (issue 3) ----

/** Sends a report through the public API; returns its receipt code and id (the newest report). */
export async function sendReport(
  app: FastifyInstance,
  p: Platform,
  overrides: Partial<ReportSubmissionInput> = {},
): Promise<{ code: string; id: string }> {
  const res = await app.inject({ method: "POST", url: "/api/v1/reports", payload: buildReport(overrides) });
  if (res.statusCode !== 201) throw new Error(`report refused: ${res.statusCode} ${res.body}`);
  const row = await p.db
    .selectFrom("reports")
    .select("id")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  return { code: res.json().receiptCode, id: row.id };
}

/** Posts a console form as a signed-in browser would (with a fresh CSRF token); fields may repeat. */
export async function postStaffForm(
  app: FastifyInstance,
  cookies: Record<string, string>,
  url: string,
  fields: Record<string, string | string[] | undefined>,
) {
  const { token, cookies: withCsrf } = await csrfFor(app, "/staff/login", cookies);
  return app.inject({
    method: "POST",
    url,
    cookies: withCsrf,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: formEncode({ _csrf: token, ...fields }),
  });
}

/** The reporter's follow-up page for a receipt code (what the person who reported sees). */
export async function followUpPage(app: FastifyInstance, code: string) {
  const { token, cookies } = await csrfFor(app, "/follow-up");
  return app.inject({
    method: "POST",
    url: "/follow-up",
    cookies,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: formEncode({ _csrf: token, receiptCode: code, action: "open" }),
  });
}

/** Adds a reporter's message at follow-up. */
export async function reporterWrites(app: FastifyInstance, code: string, message: string) {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/reports/follow-up",
    payload: { receiptCode: code, message },
  });
  if (res.statusCode !== 201) throw new Error(`follow-up refused: ${res.statusCode}`);
}

/**
 * Records a survivor's consent for a story built straight into the library (public-page tests): a row as
 * the editorial workflow's `recordConsent` writes it, with a placeholder where the sealed reference goes.
 */
export async function recordStoryConsent(p: Platform, itemId: string): Promise<void> {
  await p.db
    .insertInto("library_consents")
    .values({
      item_id: itemId,
      method: "written",
      given_on: "2026-11-01",
      scope: "",
      reference_sealed: "not-opened-by-public-pages",
      recorded_by: "test",
      recorded_at: "2026-11-01T10:00:00.000Z",
      withdrawn_at: null,
      withdrawn_by: null,
    })
    .execute();
}
