import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { FORM_ANSWERS, type FormAnswers } from "../test/support/factories.ts";
import { cookiesOf, formEncode, inputValue } from "../test/support/harness.ts";

/** The budget for the report form page, HTML + CSS + JS, compressed. */
export const PAGE_BUDGET_BYTES = 30 * 1024;

export const ENCODINGS = ["identity", "br", "gzip"] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Bytes of one response body as sent, per encoding the client accepts; `encoded` says what it used. */
export interface Transfer {
  readonly url: string;
  readonly kind: "html" | "css" | "js" | "other";
  readonly bytes: Readonly<Record<Encoding, number>>;
  readonly encoded: Readonly<Record<Exclude<Encoding, "identity">, string>>;
}

export interface PageWeight {
  readonly page: string;
  readonly resources: readonly Transfer[];
  readonly total: Readonly<Record<Encoding, number>>;
}

/** Sends the same request asking for each encoding in turn (what `fetch` in a browser would receive). */
type Requester = (acceptEncoding: Encoding) => Promise<LightMyRequestResponse>;

async function transfer(url: string, kind: Transfer["kind"], send: Requester): Promise<Transfer> {
  const [identity, br, gzip] = await Promise.all(ENCODINGS.map((e) => send(e)));
  for (const res of [identity, br, gzip]) {
    if (res && res.statusCode >= 400) throw new Error(`${url} answered ${res.statusCode}`);
  }
  const size = (res: LightMyRequestResponse | undefined) => res?.rawPayload.length ?? 0;
  const encoding = (res: LightMyRequestResponse | undefined) =>
    String(res?.headers["content-encoding"] ?? "none");
  return {
    url,
    kind,
    bytes: { identity: size(identity), br: size(br), gzip: size(gzip) },
    encoded: { br: encoding(br), gzip: encoding(gzip) },
  };
}

/** Same-origin stylesheets, scripts and icons a page links (data: URLs cost nothing extra). */
export function linkedAssets(html: string): { url: string; kind: Transfer["kind"] }[] {
  const found: { url: string; kind: Transfer["kind"] }[] = [];
  for (const tag of html.match(/<(link|script|img)\b[^>]*>/g) ?? []) {
    const url = tag.match(/\b(?:href|src)="([^"]+)"/)?.[1]?.replace(/&amp;/g, "&");
    if (!url || url.startsWith("data:") || /^[a-z]+:\/\//i.test(url)) continue;
    if (tag.startsWith("<script")) found.push({ url, kind: "js" });
    else if (/rel="stylesheet"/.test(tag)) found.push({ url, kind: "css" });
    else if (tag.startsWith("<img") || /rel="(icon|preload|manifest)"/.test(tag))
      found.push({ url, kind: "other" });
  }
  return found;
}

function accept(encoding: Encoding): Record<string, string> {
  // "identity" is what a client that sends no Accept-Encoding gets.
  return encoding === "identity" ? {} : { "accept-encoding": encoding };
}

async function weigh(app: FastifyInstance, page: string, html: string, send: Requester): Promise<PageWeight> {
  const resources = [
    await transfer(page, "html", send),
    ...(await Promise.all(
      linkedAssets(html).map((a) =>
        transfer(a.url, a.kind, (e) => app.inject({ method: "GET", url: a.url, headers: accept(e) })),
      ),
    )),
  ];
  const sum = (e: Encoding) => resources.reduce((n, r) => n + r.bytes[e], 0);
  return { page, resources, total: { identity: sum("identity"), br: sum("br"), gzip: sum("gzip") } };
}

/**
 * Walks the five-step report form like a browser with JavaScript off (as `submitViaForm` does) and weighs
 * each step's page with the stylesheets and scripts it links, uncompressed, with brotli and with gzip.
 * Stops before the final "send", so nothing is stored.
 */
export async function weighReportForm(
  app: FastifyInstance,
  lang = "en",
  answers: FormAnswers = FORM_ANSWERS,
): Promise<PageWeight[]> {
  const firstUrl = `/report?lang=${lang}`;
  const getFirst = (e: Encoding) => app.inject({ method: "GET", url: firstUrl, headers: accept(e) });
  const first = await getFirst("identity");
  const cookies = cookiesOf(first);
  const weights = [await weigh(app, `GET /report → step 1 (${lang})`, first.body, getFirst)];
  let html = first.body;
  for (let step = 1; step < 5; step++) {
    const payload = formEncode({
      ...answers,
      _csrf: inputValue(html, "_csrf"),
      step: String(step),
      submissionKey: inputValue(html, "submissionKey"),
      lang,
      action: "next",
    });
    const post = (e: Encoding) =>
      app.inject({
        method: "POST",
        url: "/report",
        cookies,
        headers: { "content-type": "application/x-www-form-urlencoded", ...accept(e) },
        payload,
      });
    const next = await post("identity");
    if (next.statusCode !== 200 || inputValue(next.body, "step") !== String(step + 1)) {
      throw new Error(`step ${step} did not lead to step ${step + 1} (${next.statusCode})`);
    }
    html = next.body;
    weights.push(await weigh(app, `POST /report → step ${step + 1} (${lang})`, html, post));
  }
  return weights;
}
