import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { isLocale, type Locale, negotiateLocale, translator } from "../i18n/i18n.ts";
import type { Platform } from "../platform.ts";
import { linkBuilder, type PageContext } from "../views/context.ts";
import { renderPage } from "../views/layout.tsx";
import { csrfToken } from "./csrf.ts";

/** What page rendering needs from the running app, fixed at start-up. */
export interface WebContext {
  readonly platform: Platform;
  readonly demo: boolean;
  readonly assetVersion: string;
}

function field(source: unknown, name: string): unknown {
  return typeof source === "object" && source !== null
    ? (source as Record<string, unknown>)[name]
    : undefined;
}

/** The locale the visitor chose: a language button, a form's carried choice, or `?lang=`. */
export function chosenLocale(request: FastifyRequest): Locale | undefined {
  for (const v of [
    field(request.body, "switchLang"),
    field(request.body, "lang"),
    field(request.query, "lang"),
  ]) {
    if (isLocale(v)) return v;
  }
  return undefined;
}

export interface PageOptions {
  /** Issue a CSRF token (and so the CSRF cookie) for the page's forms. */
  readonly csrf?: boolean;
  readonly staff?: PageContext["staff"];
  /** The language when the visitor picked none on the page (the staff organisation's), before the browser's. */
  readonly defaultLocale?: string;
}

/** Builds the context a page renders with: language, links, CSRF token, demo banner. */
export function pageContext(
  web: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions = {},
): PageContext {
  const chosen = chosenLocale(request);
  const fallback = isLocale(options.defaultLocale)
    ? options.defaultLocale
    : negotiateLocale(request.headers["accept-language"]);
  const i18n = translator(chosen ?? fallback);
  return {
    i18n,
    t: i18n.t,
    chosenLocale: chosen,
    path: request.url.split("?")[0] ?? "/",
    quickExitUrl: web.platform.config.quickExitUrl,
    demo: web.demo,
    assetVersion: web.assetVersion,
    csrf: options.csrf ? csrfToken(request, reply, web.platform.config.secureCookies) : undefined,
    staff: options.staff,
    href: linkBuilder(chosen),
  };
}

/** Sends a rendered page. */
export function sendPage<P>(reply: FastifyReply, page: VNode<P>, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(renderPage(page));
}
