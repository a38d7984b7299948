import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { GLOSSARY, type LocalisedTerm } from "./glossary.ts";
import { GlossaryIndexPage } from "./views/glossary-index.tsx";
import { GlossaryTermPage } from "./views/glossary-term.tsx";

const HIDDEN = { schema: { hide: true } } as const;
const MAX_QUERY = 100;

/** Public glossary pages: no sign-in, nothing stored, no JavaScript needed; the search is a plain GET form. */
export function glossaryRoutes(app: FastifyInstance, web: WebContext): void {
  app.get<{ Querystring: { q?: unknown } }>("/learn/glossary", HIDDEN, (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const locale = ctx.i18n.locale;
    const raw = request.query.q;
    const query = (typeof raw === "string" ? raw : "").trim().slice(0, MAX_QUERY);
    const results = query ? GLOSSARY.search(query, locale) : undefined;
    return sendPage(reply, h(GlossaryIndexPage, { ctx, groups: GLOSSARY.index(locale), query, results }));
  });

  app.get<{ Params: { id: string } }>("/learn/glossary/:id", HIDDEN, (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const locale = ctx.i18n.locale;
    const entry = GLOSSARY.get(request.params.id);
    const term = entry && GLOSSARY.term(entry.id, locale);
    if (!entry || !term) throw new AppError("glossary_term_not_found", 404, "No such glossary term");
    const related = entry.related
      .map((id) => GLOSSARY.term(id, locale))
      .filter((r): r is LocalisedTerm => r !== undefined);
    return sendPage(reply, h(GlossaryTermPage, { ctx, entry, term, related }));
  });
}
