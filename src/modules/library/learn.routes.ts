import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import {
  hubContent,
  type ItemType,
  kitParts,
  type ReadableItem,
  readItem,
  SearchQuerySchema,
  searchPage,
  usedCountries,
} from "./library-reading.service.ts";
import { LearnHubPage } from "./views/learn-hub.tsx";
import { LearnItemPage } from "./views/learn-item.tsx";
import { LearnKitPage, LearnKitPrintPage } from "./views/learn-kit.tsx";
import { FILTERS, type FilterName, LearnSearchPage, type SearchForm } from "./views/learn-search.tsx";

const HIDDEN = { schema: { hide: true } } as const;

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>;

/** A story is shown only while its consent stands (withdrawal unpublishes it too: this is a second wall). */
const consentStands = (item: ReadableItem) => item.consentStands === true;

/**
 * The public library: the hub, search, and the page of each published item. No sign-in, nothing stored,
 * no JavaScript needed. Search queries are in the URL (a GET form) but never in a log line: the logger
 * writes a request's path without its query string (platform/logger.ts).
 */
export function learnRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/learn", HIDDEN, async (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const { kits, recent } = await hubContent(p, ctx.i18n.locale);
    return sendPage(reply, h(LearnHubPage, { ctx, kits, recent }));
  });

  app.get<{ Querystring: Record<string, unknown> }>("/learn/search", HIDDEN, async (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const raw = request.query;
    const form: SearchForm = {};
    for (const name of ["q", ...FILTERS] as const) {
      const value = raw[name];
      // An empty language is kept: it means "any language", where a missing one means the visitor's.
      if (typeof value === "string" && (value !== "" || name === "language"))
        form[name] = value.slice(0, 200);
    }
    const countries = await usedCountries(p);
    const parsed = SearchQuerySchema.safeParse(raw);
    if (!parsed.success) {
      // A value no form offers (an edited link): say which filter, keep the rest, answer 400.
      const fields = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")));
      const errors: FieldError[] = FILTERS.filter((f) => fields.has(f)).map((field: FilterName) => ({
        field,
        message: ctx.t("learn.search.badFilter", { filter: ctx.t(`learn.filter.${field}`) }),
      }));
      if (errors.length === 0) errors.push({ field: "q", message: ctx.t("learn.search.badRequest") });
      return sendPage(reply, h(LearnSearchPage, { ctx, form, countries, errors }), 400);
    }
    // A search that does not name a language looks in the visitor's first; "any language" is an empty value.
    // When nothing is there, it looks in every language and says so.
    const { lang: _lang, page: _page, ...asked } = parsed.data;
    const defaulted =
      raw.language === undefined && Object.values(asked).some((v) => v !== undefined && v !== "");
    const query = defaulted ? { ...parsed.data, language: ctx.i18n.locale } : parsed.data;
    let page = await searchPage(p, query);
    let widened = false;
    if (defaulted && page.total === 0 && !page.blank) {
      page = await searchPage(p, parsed.data);
      widened = page.total > 0;
    }
    if (defaulted && !widened) form.language = ctx.i18n.locale;
    return sendPage(reply, h(LearnSearchPage, { ctx, form, countries, errors: [], page, widened }));
  });

  const itemPage = (types: readonly ItemType[]) => async (request: SlugRequest, reply: FastifyReply) => {
    const ctx = pageContext(web, request, reply);
    const item = await readItem(p, types, request.params.slug, ctx.i18n.locale);
    if (!item || (item.type === "story" && !consentStands(item)))
      throw new AppError("library_item_not_found", 404, "No such published item");
    return sendPage(reply, h(LearnItemPage, { ctx, item }));
  };
  app.get("/learn/articles/:slug", HIDDEN, itemPage(["article", "guide"]));
  app.get("/learn/practices/:slug", HIDDEN, itemPage(["best_practice"]));
  app.get("/learn/resources/:slug", HIDDEN, itemPage(["resource"]));
  app.get("/learn/stories/:slug", HIDDEN, itemPage(["story"]));

  const kitPage = (print: boolean) => async (request: SlugRequest, reply: FastifyReply) => {
    const ctx = pageContext(web, request, reply);
    const kit = await readItem(p, ["kit"], request.params.slug, ctx.i18n.locale);
    if (!kit) throw new AppError("library_item_not_found", 404, "No such published kit");
    const parts = await kitParts(p, kit);
    return sendPage(reply, h(print ? LearnKitPrintPage : LearnKitPage, { ctx, kit, parts }));
  };
  app.get("/learn/kits/:slug", HIDDEN, kitPage(false));
  app.get("/learn/kits/:slug/print", HIDDEN, kitPage(true));
}
