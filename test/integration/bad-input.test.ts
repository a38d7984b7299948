import crypto from "node:crypto";
import zlib from "node:zlib";
import fc from "fast-check";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CATEGORY_IDS,
  CONTACT_IDS,
  PEOPLE_IDS,
  SIGN_IDS,
  WHEN_IDS,
  YES_NO_UNKNOWN,
} from "../../src/modules/reports/categories.ts";
import { STEPS } from "../../src/modules/reports/report-form.ts";
import { ApiErrorSchema, ReportSubmissionSchema } from "../../src/modules/reports/reports.schema.ts";
import { LOCALES } from "../../src/platform/i18n/i18n.ts";
import {
  buildOrganisation,
  buildReport,
  csrfFor,
  FORM_ANSWERS,
  type FormAnswers,
  receiptFrom,
} from "../support/factories.ts";
import {
  decodeEntities,
  dialects,
  formEncode,
  inputValue,
  reportRowCounts,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

// Bad input of any shape gets a 4xx with an error id (API) or a page with a visible message (web form),
// and writes nothing. Every case records the report, copy and message row counts before and after.

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
const OVER_BODY_LIMIT = 70 * 1024; // the app's body limit is 64 KiB

const MESSAGES = {
  resubmit: "For your safety, please press the button again to confirm this step.",
  badRequest: "We could not understand what was sent. Please go back and try again.",
  tooLarge: "What you sent is too long. Please shorten it and try again.",
  categories: 'Choose what is happening, or choose "Not sure"',
  country: "Choose a country",
  whenDetail: "This must be 200 characters or fewer",
  signs: "Choose only signs from the list",
  narrative: "Tell us what you saw or heard (up to 5,000 characters)",
  contact: "Tell us a safe way to reach you (up to 500 characters), or choose to stay anonymous",
  controlCharacters: "This field contains characters we cannot accept",
  followUpMessage: "Write a message of up to 5,000 characters",
  notRecognised: "We could not open a report with that code.",
} as const;

/** Row counts as numbers, for checks that a successful request added exactly one report. */
function parseCounts(counts: string): { reports: number; copies: number; messages: number } {
  const n = (name: string) => Number(counts.match(new RegExp(`${name}=(\\d+)`))?.[1] ?? Number.NaN);
  return { reports: n("reports"), copies: n("copies"), messages: n("messages") };
}

/** Sends a request and returns the response with the row counts either side of it. */
async function send(t: TestApp, request: InjectOptions) {
  const before = await reportRowCounts(t.platform);
  const res = await t.app.inject(request);
  const after = await reportRowCounts(t.platform);
  return { res, before, after };
}

/** The API answered 4xx with a JSON `{ error: { id, message } }` and wrote nothing; returns status and id. */
async function expectApiRefusal(t: TestApp, request: InjectOptions): Promise<{ status: number; id: string }> {
  const { res, before, after } = await send(t, request);
  expect(after).toBe(before);
  expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  const body = ApiErrorSchema.parse(res.json());
  expect(body.error.id).toMatch(/^[a-z_]+$/);
  expect(body.error.message).not.toBe("");
  return { status: res.statusCode, id: body.error.id };
}

/** The page's visible text with entities decoded, so catalogue messages can be matched verbatim. */
const pageText = (res: LightMyRequestResponse) => decodeEntities(res.body);

/** An HTML route answered 4xx with a page showing `message`, showed no receipt and wrote nothing. */
async function expectPageRefusal(t: TestApp, request: InjectOptions, status: number, message: string) {
  const { res, before, after } = await send(t, request);
  expect(after).toBe(before);
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^text\/html/);
  expect(pageText(res)).toContain(message);
  expect(receiptFrom(res.body)).toBeUndefined();
  expect(res.body).not.toContain("Your report has been sent");
  return res;
}

const json = (body: unknown, headers: Record<string, string> = {}): InjectOptions => ({
  method: "POST",
  url: "/api/v1/reports",
  headers: { "content-type": JSON_TYPE, ...headers },
  payload: JSON.stringify(body),
});
const raw = (payload: string | Buffer, contentType: string | undefined, url = "/api/v1/reports") =>
  ({
    method: "POST",
    url,
    headers: contentType ? { "content-type": contentType } : {},
    payload,
  }) satisfies InjectOptions;

/** About 2 KiB of gzip that inflates to 2 MB: a valid report (JSON) or form whose narrative is all "x". */
function gzipBomb(kind: "json" | "form"): Buffer {
  const narrative = "x".repeat(2_000_000);
  const body =
    kind === "json"
      ? JSON.stringify(buildReport({ narrative }))
      : formEncode({ ...FORM_ANSWERS, narrative, step: "5", action: "submit" });
  return zlib.gzipSync(body);
}

/** A nesting of `depth` arrays, as JSON text, without building it recursively. */
const nestedArrays = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

interface ApiCase {
  readonly name: string;
  readonly request: (ctx: { readonly code: string }) => InjectOptions;
  /** The expected status and error id; both are part of the API's documented contract. */
  readonly status: number;
  /** A list where more than one refusal is right (the parser or the schema may be the one to refuse). */
  readonly id: string | readonly string[];
}

const API_CASES: readonly ApiCase[] = [
  { name: "empty JSON body", request: () => raw("", JSON_TYPE), status: 400, id: "invalid_json" },
  {
    name: "whitespace-only JSON body",
    request: () => raw("  \n ", JSON_TYPE),
    status: 400,
    id: "invalid_json",
  },
  {
    name: "no body and no content type",
    request: () => raw("", undefined),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "non-JSON text sent as JSON",
    request: () => raw("categories=forced_labour&country=ES", JSON_TYPE),
    status: 400,
    id: "invalid_json",
  },
  {
    name: "truncated JSON",
    request: () => raw(JSON.stringify(buildReport()).slice(0, 40), JSON_TYPE),
    status: 400,
    id: "invalid_json",
  },
  { name: "a JSON array", request: () => json([buildReport()]), status: 400, id: "validation_failed" },
  { name: "JSON null", request: () => raw("null", JSON_TYPE), status: 400, id: "validation_failed" },
  { name: "a JSON string", request: () => json("a report"), status: 400, id: "validation_failed" },
  {
    name: "categories as a string",
    request: () => json({ ...buildReport(), categories: "forced_labour" }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "country as a number",
    request: () => json({ ...buildReport(), country: 34 }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "narrative as an object",
    request: () => json({ ...buildReport(), narrative: { text: "hello" } }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "an unknown category",
    request: () => json(buildReport({ categories: ["evil" as "forced_labour"] })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "no category",
    request: () => json(buildReport({ categories: [] })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "an unknown extra field (the schema is strict)",
    request: () => json({ ...buildReport(), isAdmin: true }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a missing required field",
    request: () => {
      const { narrative: _dropped, ...rest } = buildReport();
      return json(rest);
    },
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a narrative of 5001 characters",
    request: () => json(buildReport({ narrative: "a".repeat(5001) })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a narrative of only whitespace",
    request: () => json(buildReport({ narrative: " \n\t \r\n " })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a NUL character in the narrative",
    request: () => json(buildReport({ narrative: "before\u0000after" })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "other control characters in a free-text field",
    request: () => json(buildReport({ area: "Sevilla\u0007\u001b[2J" })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "invalid UTF-8 bytes in the body",
    request: () =>
      raw(
        Buffer.concat([
          Buffer.from('{"narrative":"'),
          Buffer.from([0xff, 0xfe, 0xc3]),
          Buffer.from('","country":"ES"}'),
        ]),
        JSON_TYPE,
      ),
    status: 400,
    id: "invalid_encoding",
  },
  {
    name: "a lone surrogate escape in a JSON string",
    // Valid JSON text, but "\ud800" decodes to a string that is not Unicode: it cannot be stored faithfully.
    request: () => raw(JSON.stringify(buildReport()).replace("Workers", "Workers \\ud800"), JSON_TYPE),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a country code that is no country",
    request: () => json(buildReport({ country: "ZZ" })),
    status: 400,
    id: "invalid_country",
  },
  {
    name: "a lowercase country code",
    request: () => json(buildReport({ country: "es" })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "contact preferred with no contact given",
    request: () => json(buildReport({ contactPreference: "contact", contact: "   " })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a category listed twice",
    request: () => json(buildReport({ categories: ["forced_labour", "forced_labour"] })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "200 categories",
    request: () => json(buildReport({ categories: Array.from({ length: 200 }, () => "not_sure" as const) })),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a body over the 64 KiB limit",
    request: () => json(buildReport({ narrative: "x".repeat(OVER_BODY_LIMIT) })),
    status: 413,
    id: "body_too_large",
  },
  {
    name: "a gzip body that inflates past the limit",
    request: () => ({ ...json(null, { "content-encoding": "gzip" }), payload: gzipBomb("json") }),
    status: 413,
    id: "body_too_large",
  },
  {
    name: "a body that claims gzip but is not",
    request: () => ({ ...json(buildReport(), { "content-encoding": "gzip" }) }),
    status: 400,
    id: "bad_request",
  },
  {
    name: "an unknown content encoding",
    request: () => json(buildReport(), { "content-encoding": "x-evil" }),
    status: 415,
    id: ["unsupported_media_type", "bad_request"],
  },
  {
    name: "text/plain",
    request: () => raw(JSON.stringify(buildReport()), "text/plain"),
    status: 415,
    id: "unsupported_media_type",
  },
  {
    name: "multipart/form-data",
    request: () =>
      raw(
        '--b\r\nContent-Disposition: form-data; name="narrative"\r\n\r\nhello\r\n--b--\r\n',
        "multipart/form-data; boundary=b",
      ),
    status: 415,
    id: "unsupported_media_type",
  },
  {
    name: "a form-encoded body",
    request: () => raw(formEncode({ categories: "forced_labour", country: "ES" }), FORM),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a malformed Idempotency-Key",
    request: () => json(buildReport(), { "idempotency-key": "short key!" }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "a __proto__ key (prototype pollution)",
    request: () =>
      raw(JSON.stringify(buildReport()).replace(/^\{/, '{"__proto__":{"isAdmin":true},'), JSON_TYPE),
    status: 400,
    // Refused by the parser (as Fastify's own JSON parser does) or kept as a key the strict schema refuses.
    id: ["invalid_json", "validation_failed"],
  },
  {
    name: "a constructor.prototype key (prototype pollution)",
    request: () => json({ ...buildReport(), constructor: { prototype: { isAdmin: true } } }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "deeply nested arrays in a field",
    request: () =>
      raw(JSON.stringify(buildReport()).replace('["forced_labour"]', nestedArrays(20_000)), JSON_TYPE),
    status: 400,
    id: ["invalid_json", "validation_failed"],
  },
  {
    name: "a deeply nested unknown field",
    request: () => raw(`{"x":${nestedArrays(30_000)}}`, JSON_TYPE),
    status: 400,
    id: ["invalid_json", "validation_failed"],
  },
  {
    name: "follow-up read without the receipt header",
    request: () => ({ method: "GET", url: "/api/v1/reports/follow-up" }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up read with a 10,000-digit code",
    request: () => ({
      method: "GET",
      url: "/api/v1/reports/follow-up",
      headers: { "lantern-receipt-code": "1".repeat(10_000) },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message with a 10,000-digit code",
    request: () => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: "1".repeat(10_000), message: "hello" },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message of 5001 characters",
    request: ({ code }) => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "m".repeat(5001) },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message of only whitespace",
    request: ({ code }) => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "   \n  " },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message with a NUL character",
    request: ({ code }) => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "one\u0000two" },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message with an extra field",
    request: ({ code }) => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: code, message: "hello", from: "organisation" },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message with the code as a number",
    request: ({ code }) => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: Number(code), message: "hello" },
    }),
    status: 400,
    id: "validation_failed",
  },
  {
    name: "follow-up message with a well-formed but wrong code",
    request: () => ({
      method: "POST",
      url: "/api/v1/reports/follow-up",
      payload: { receiptCode: "0000 0000 0000 0000", message: "hello" },
    }),
    status: 404,
    id: "receipt_not_recognised",
  },
];

// ---- the web form ----

interface FormSession {
  readonly cookies: Record<string, string>;
  readonly token: string;
  readonly submissionKey: string;
}

/** Opens the report form like a browser: the CSRF cookie, its token and the form's one-time key. */
async function openForm(t: TestApp): Promise<FormSession> {
  const { token, cookies, page } = await csrfFor(t.app, "/report");
  return { token, cookies, submissionKey: inputValue(page.body, "submissionKey") ?? "" };
}

/** The final step's "send" with every answer carried as hidden fields; `extra` overrides or removes any. */
function finalSubmit(
  s: FormSession,
  answers: FormAnswers,
  extra: Readonly<Record<string, string | readonly string[] | undefined>> = {},
): InjectOptions {
  return {
    method: "POST",
    url: "/report",
    cookies: s.cookies,
    headers: { "content-type": FORM },
    payload: formEncode({
      ...answers,
      _csrf: s.token,
      step: "5",
      submissionKey: s.submissionKey,
      lang: "en",
      action: "submit",
      ...extra,
    }),
  };
}

const withRaw = (request: InjectOptions, payload: string | Buffer, contentType: string): InjectOptions => ({
  ...request,
  headers: { ...request.headers, "content-type": contentType },
  payload,
});

interface FormCase {
  readonly name: string;
  readonly request: (s: FormSession, ctx: { readonly code: string }) => InjectOptions;
  readonly status: number;
  /** Text the reporter must see on the page. */
  readonly message: string;
}

const STEP_5_ONLY: FormAnswers = { contactPreference: "anonymous", contact: "" };

const followUpPost = (s: FormSession, fields: Record<string, string | undefined>): InjectOptions => ({
  method: "POST",
  url: "/follow-up",
  cookies: s.cookies,
  headers: { "content-type": FORM },
  payload: formEncode({ _csrf: s.token, lang: "en", ...fields }),
});

const FORM_CASES: readonly FormCase[] = [
  {
    name: "the final submit without a CSRF token",
    request: (s) => finalSubmit(s, FORM_ANSWERS, { _csrf: undefined }),
    status: 400,
    message: MESSAGES.resubmit,
  },
  {
    name: "the final submit with a wrong CSRF token",
    request: (s) => finalSubmit(s, FORM_ANSWERS, { _csrf: "forged-token" }),
    status: 400,
    message: MESSAGES.resubmit,
  },
  {
    name: "the final submit with a token but no CSRF cookie",
    request: (s) => ({ ...finalSubmit(s, FORM_ANSWERS), cookies: {} }),
    status: 400,
    message: MESSAGES.resubmit,
  },
  {
    name: "the form sent as JSON",
    request: (s) =>
      withRaw(finalSubmit(s, FORM_ANSWERS), JSON.stringify({ ...FORM_ANSWERS, _csrf: s.token }), JSON_TYPE),
    status: 415,
    message: MESSAGES.badRequest,
  },
  {
    name: "the form sent as text/plain",
    request: (s) => withRaw(finalSubmit(s, FORM_ANSWERS), "narrative=hello", "text/plain"),
    status: 415,
    message: MESSAGES.badRequest,
  },
  {
    name: "the form sent as multipart/form-data",
    request: (s) =>
      withRaw(
        finalSubmit(s, FORM_ANSWERS),
        '--b\r\nContent-Disposition: form-data; name="step"\r\n\r\n5\r\n--b--\r\n',
        "multipart/form-data; boundary=b",
      ),
    status: 415,
    message: MESSAGES.badRequest,
  },
  {
    name: "a post with no body and no content type",
    request: (s) => ({ method: "POST", url: "/report", cookies: s.cookies }),
    status: 415,
    message: MESSAGES.badRequest,
  },
  {
    name: "invalid percent-encoding",
    request: (s) => {
      const ok = finalSubmit(s, FORM_ANSWERS);
      return withRaw(ok, `${String(ok.payload)}&narrative=%E0%A4%A`, FORM);
    },
    status: 400,
    message: MESSAGES.badRequest,
  },
  {
    name: "a percent-encoded lone surrogate",
    request: (s) => withRaw(finalSubmit(s, FORM_ANSWERS), `_csrf=${s.token}&narrative=%ED%A0%80`, FORM),
    status: 400,
    message: MESSAGES.badRequest,
  },
  {
    name: "invalid UTF-8 bytes in the form body",
    request: (s) => {
      const ok = finalSubmit(s, { ...FORM_ANSWERS, narrative: "PLACEHOLDER" });
      const [head, tail] = String(ok.payload).split("PLACEHOLDER");
      return withRaw(
        ok,
        Buffer.concat([Buffer.from(head ?? ""), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(tail ?? "")]),
        FORM,
      );
    },
    status: 400,
    message: MESSAGES.badRequest,
  },
  {
    name: "a garbage step number with no answers",
    request: (s) => finalSubmit(s, {}, { step: "<script>", action: "next" }),
    status: 400,
    message: MESSAGES.categories,
  },
  {
    name: "a country sent twice where one is expected",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, country: ["ES", "FR"] }),
    status: 400,
    message: MESSAGES.country,
  },
  {
    name: "an earlier step's hidden field edited to an unknown category",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, categories: "evil" }),
    status: 400,
    message: MESSAGES.categories,
  },
  {
    name: "a category sent twice",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, categories: ["forced_labour", "forced_labour"] }),
    status: 400,
    message: MESSAGES.categories,
  },
  {
    name: "an earlier step's hidden sign edited to an unknown one",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, signs: ["escorted", "evil"] }),
    status: 400,
    message: MESSAGES.signs,
  },
  {
    name: "an earlier step's hidden field edited to be too long",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, whenDetail: "w".repeat(201) }),
    status: 400,
    message: MESSAGES.whenDetail,
  },
  {
    // The form must come back at the country question, not a dead-end page that drops the typed narrative.
    name: "an earlier step's hidden country edited to one that does not exist",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, country: "ZZ" }),
    status: 400,
    message: MESSAGES.country,
  },
  {
    name: "the final step sent with the earlier steps skipped",
    request: (s) => finalSubmit(s, STEP_5_ONLY),
    status: 400,
    message: MESSAGES.categories,
  },
  {
    name: "a NUL character in the narrative",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, narrative: "before\u0000after" }),
    status: 400,
    message: MESSAGES.controlCharacters,
  },
  {
    name: "a narrative of 5001 characters",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, narrative: "n".repeat(5001) }),
    status: 400,
    message: MESSAGES.narrative,
  },
  {
    name: "contact preferred with no contact given",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, contactPreference: "contact", contact: "  " }),
    status: 400,
    message: MESSAGES.contact,
  },
  {
    name: "a form body over the 64 KiB limit",
    request: (s) => finalSubmit(s, { ...FORM_ANSWERS, narrative: "x".repeat(OVER_BODY_LIMIT) }),
    status: 413,
    message: MESSAGES.tooLarge,
  },
  {
    name: "a gzip form body that inflates past the limit",
    request: (s) => ({
      ...finalSubmit(s, FORM_ANSWERS),
      headers: { "content-type": FORM, "content-encoding": "gzip" },
      payload: gzipBomb("form"),
    }),
    status: 413,
    message: MESSAGES.tooLarge,
  },
  {
    name: "more than 500 fields",
    request: (s) => {
      const ok = finalSubmit(s, FORM_ANSWERS);
      return withRaw(ok, `${String(ok.payload)}${"&signs=escorted".repeat(600)}`, FORM);
    },
    status: 400,
    message: MESSAGES.badRequest,
  },
  {
    name: "a follow-up message without a CSRF token",
    request: (s, { code }) =>
      followUpPost(s, { _csrf: undefined, receiptCode: code, action: "message", message: "hi" }),
    status: 400,
    message: MESSAGES.resubmit,
  },
  {
    name: "a follow-up message of 5001 characters",
    request: (s, { code }) =>
      followUpPost(s, { receiptCode: code, action: "message", message: "m".repeat(5001) }),
    status: 400,
    message: MESSAGES.followUpMessage,
  },
  {
    name: "a follow-up message with a control character",
    request: (s, { code }) => followUpPost(s, { receiptCode: code, action: "message", message: "a\u0007b" }),
    status: 400,
    message: MESSAGES.followUpMessage,
  },
  {
    name: "a follow-up with a 10,000-digit code",
    request: (s) => followUpPost(s, { receiptCode: "1".repeat(10_000), action: "message", message: "hi" }),
    status: 404,
    message: MESSAGES.notRecognised,
  },
  {
    name: "a follow-up sent as JSON",
    request: (s, { code }) => ({
      method: "POST",
      url: "/follow-up",
      cookies: s.cookies,
      headers: { "content-type": JSON_TYPE },
      payload: JSON.stringify({ _csrf: s.token, receiptCode: code, action: "message", message: "hi" }),
    }),
    status: 415,
    message: MESSAGES.badRequest,
  },
];

// ---- property tests ----

/** Characters that break naive handling: controls, NUL, lone surrogates, BOM, bidi overrides, combining. */
const NASTY = [
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\ud800",
  "\udfff",
  "\ufeff",
  "\u202e",
  "\r\n",
  "\r",
  "\t",
  " ",
  "e\u0301",
  "𝕏",
  "%",
  "&",
  "=",
  "+",
  "<",
  '"',
  "\\",
] as const;
const ENUM_WORDS = [
  ...CATEGORY_IDS,
  ...SIGN_IDS,
  ...WHEN_IDS,
  ...PEOPLE_IDS,
  ...YES_NO_UNKNOWN,
  ...CONTACT_IDS,
  ...LOCALES,
  "ES",
  "FR",
  "es",
  "ZZ",
  "",
] as const;
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3 })), maxLength: 12 }),
  fc.constantFrom("x".repeat(5001), " ".repeat(300), "9".repeat(100)),
);
const word = fc.oneof(fc.constantFrom(...ENUM_WORDS), nastyString);
const anyValue = fc.oneof(
  word,
  fc.array(word, { maxLength: 12 }),
  fc.anything({ maxDepth: 3, stringUnit: "binary", withNullPrototype: true }),
);

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when every string in a JSON value (keys included) is well-formed Unicode. */
function wellFormed(value: unknown): boolean {
  if (typeof value === "string") return !LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.every(wellFormed);
  if (typeof value === "object" && value !== null)
    return Object.entries(value).every(([k, v]) => wellFormed(k) && wellFormed(v));
  return true;
}

const REPORT_FIELDS = Object.keys(buildReport());
/** A valid report with one field replaced, removed, or an extra key added; or any JSON at all. */
const apiBody = fc.oneof(
  fc.record({ field: fc.constantFrom(...REPORT_FIELDS), value: anyValue }).map(({ field, value }) => ({
    ...buildReport(),
    [field]: value,
  })),
  fc.constantFrom(...REPORT_FIELDS).map((field) => ({ ...buildReport(), [field]: undefined })),
  fc
    .record({
      // Keys a JSON parser or a spread may treat specially, besides arbitrary ones.
      key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "prototype", "toString")),
      value: anyValue,
    })
    .map(({ key, value }) => ({ ...buildReport(), [key]: value })),
  fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }),
  fc.anything({ maxDepth: 4, stringUnit: "binary" }),
);

const FORM_FIELDS: readonly string[] = STEPS.flat();
/** Every form field possibly replaced by a string, a list, or removed; most stay valid so some are sent. */
const formAnswers = fc.oneof(
  fc
    .array(
      fc.tuple(fc.constantFrom(...FORM_FIELDS), fc.option(fc.oneof(word, fc.array(word, { maxLength: 6 })))),
      {
        maxLength: 4,
      },
    )
    .map((edits) => {
      const answers: Record<string, string | string[] | undefined> = { ...FORM_ANSWERS };
      for (const [field, value] of edits) answers[field] = value ?? undefined;
      return answers;
    }),
  fc.dictionary(fc.constantFrom(...FORM_FIELDS), fc.oneof(word, fc.array(word, { maxLength: 6 }))),
);

const PROPERTY_RUNS = 100;

describe.each(dialects())("bad input writes nothing (%s)", (dialect) => {
  let t: TestApp;
  let code: string;
  let knownCountry: (c: unknown) => boolean;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    // The default organisation receives reports from every country, so a valid report never meets 503.
    await buildOrganisation(t.platform, { countries: ["ES"], isDefault: true });
    const sent = await t.app.inject({ method: "POST", url: "/api/v1/reports", payload: buildReport() });
    expect(sent.statusCode).toBe(201);
    code = sent.json<{ receiptCode: string }>().receiptCode;
    knownCountry = (c) => typeof c === "string" && t.platform.countries.has(c);
  });
  afterAll(() => t?.close());

  describe("JSON API", () => {
    it.each(API_CASES)("refuses $name with $status $id", async (c) => {
      const { status, id } = await expectApiRefusal(t, c.request({ code }));
      expect(status).toBe(c.status);
      expect(typeof c.id === "string" ? [c.id] : c.id).toContain(id);
    });

    it("lets no __proto__ key reach an object's prototype", async () => {
      await expectApiRefusal(t, raw('{"__proto__":{"polluted":"yes"},"categories":"x"}', JSON_TYPE));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("answers any JSON body with a receipt and one new report, or a 4xx error id and nothing written", async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(apiBody, async (body) => {
          const text = JSON.stringify(body) ?? "";
          const { res, before, after } = await send(t, raw(text, JSON_TYPE));
          statuses.add(res.statusCode);
          expect(res.statusCode, res.body).toBeLessThan(500);
          const plain: unknown = text === "" ? undefined : JSON.parse(text);
          const acceptable =
            ReportSubmissionSchema.safeParse(plain).success &&
            knownCountry((plain as { country?: unknown }).country) &&
            wellFormed(plain);
          if (res.statusCode === 201) {
            expect(acceptable, `accepted an invalid report: ${text.slice(0, 500)}`).toBe(true);
            expect(res.json<{ receiptCode: string }>().receiptCode).toMatch(/^\d{16}$/);
            const [b, a] = [parseCounts(before), parseCounts(after)];
            expect(a).toEqual({ reports: b.reports + 1, copies: b.copies + 1, messages: b.messages });
          } else {
            expect(acceptable, `refused a valid report: ${res.body}`).toBe(false);
            expect(after).toBe(before);
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
            expect(ApiErrorSchema.parse(res.json()).error.id).not.toBe("");
          }
        }),
        { numRuns: PROPERTY_RUNS },
      );
      // The generators must reach both outcomes, or the property checks only one side.
      expect([...statuses]).toEqual(expect.arrayContaining([201, 400]));
    }, 120_000);
  });

  describe("web form", () => {
    let session: FormSession;
    beforeAll(async () => {
      session = await openForm(t);
      expect(session.token).not.toBe("");
      expect(session.submissionKey).not.toBe("");
    });

    it.each(FORM_CASES)("shows a message for $name ($status)", async (c) => {
      await expectPageRefusal(t, c.request(session, { code }), c.status, c.message);
    });

    it("treats an out-of-range step as the first one: no report, no receipt", async () => {
      const { res, before, after } = await send(t, finalSubmit(session, FORM_ANSWERS, { step: "99" }));
      expect(after).toBe(before);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.statusCode).not.toBe(201);
      expect(res.body).toContain("Step 2 of 5");
      expect(receiptFrom(res.body)).toBeUndefined();
    });

    it("still files a valid report from the same session (the cases above are refused for their input)", async () => {
      const { res, before, after } = await send(t, finalSubmit(session, FORM_ANSWERS));
      expect(res.statusCode).toBe(201);
      expect(receiptFrom(res.body)).toMatch(/^\d{16}$/);
      expect(parseCounts(after).reports).toBe(parseCounts(before).reports + 1);
    });

    it("never fails with 5xx on any answers at the final step, and shows a receipt exactly when it files one", async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(formAnswers, async (answers) => {
          const fresh = { ...session, submissionKey: crypto.randomBytes(18).toString("base64url") };
          const { res, before, after } = await send(t, finalSubmit(fresh, {}, answers));
          statuses.add(res.statusCode);
          expect(res.statusCode, res.body.slice(0, 1000)).toBeLessThan(500);
          expect(res.headers["content-type"]).toMatch(/^text\/html/);
          const receipt = receiptFrom(res.body);
          if (res.statusCode === 201) {
            expect(receipt).toMatch(/^\d{16}$/);
            expect(parseCounts(after).reports).toBe(parseCounts(before).reports + 1);
          } else {
            expect(res.statusCode).toBeGreaterThanOrEqual(400);
            expect(receipt).toBeUndefined();
            expect(after).toBe(before);
            expect(pageText(res)).toMatch(/There is a problem|We could not understand what was sent/);
          }
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect([...statuses]).toEqual(expect.arrayContaining([201, 400]));
    }, 120_000);
  });
});
