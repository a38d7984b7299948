import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { isLocale, regionFromAcceptLanguage } from "../../platform/i18n/i18n.ts";
import type { PageContext } from "../../platform/views/context.ts";
import { hotlinesFor } from "../accounts/accounts.service.ts";
import type { Question } from "./screener.data.ts";
import { type Answers, askedQuestions, assess, parseAnswers } from "./screener.ts";
import { ScreenerIntroPage, ScreenerStepPage, screenerHref } from "./views/screener-pages.tsx";
import { ScreenerResultPage } from "./views/screener-result.tsx";

const HIDDEN = { schema: { hide: true } } as const;

/** The screener's own parameters beside the answers; anything else in the query is ignored. */
const StepQuery = z.object({
  at: z.string().optional().catch(undefined),
  go: z.enum(["next", "back"]).optional().catch(undefined),
  switchLang: z.string().optional().catch(undefined),
  country: z.string().max(2).optional().catch(undefined),
});

/**
 * The "is it trafficking?" screener: public pages that store nothing. The answers travel in the query
 * string from page to page (the request log keeps only the path, and no referrer leaves the site), so
 * there is no cookie, no session and no row.
 */
export function screenerRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/learn/screener", HIDDEN, (request, reply) =>
    sendPage(reply, h(ScreenerIntroPage, { ctx: pageContext(web, request, reply) })),
  );

  app.get("/learn/screener/step", HIDDEN, (request, reply) => {
    const query = StepQuery.safeParse(request.query).data ?? {};
    const answers = parseAnswers(request.query);
    // The language switcher submits the page's form: come back to the same question in that language.
    if (isLocale(query.switchLang)) {
      const params = { ...(query.at ? { at: query.at } : {}), lang: query.switchLang };
      return redirect(reply, screenerHref(noChoice, "/learn/screener/step", answers, params));
    }
    const ctx = pageContext(web, request, reply);
    const asked = askedQuestions(answers);
    const current = asked.find((q) => q.id === query.at);
    const show = (question: Question, status = 200, missing = false) =>
      sendPage(
        reply,
        h(ScreenerStepPage, {
          ctx,
          question,
          answers,
          number: asked.indexOf(question) + 1,
          total: asked.length,
          errors: missing ? [{ field: question.id, message: ctx.t(missingMessage(question)) }] : [],
        }),
        status,
      );

    if (current && query.go === "back") {
      const previous = asked[asked.indexOf(current) - 1];
      return previous ? show(previous) : redirect(reply, screenerHref(ctx, "/learn/screener", {}));
    }
    if (current && query.go === "next") {
      if (!answers[current.id as keyof Answers]) return show(current, 400, true);
      const next = asked[asked.indexOf(current) + 1];
      return next ? show(next) : redirect(reply, resultHref(ctx, answers));
    }
    if (current) return show(current);
    // No question named (the first visit, or a forged one): the first question not yet answered.
    const open = asked.find((q) => !answers[q.id as keyof Answers]);
    return open ? show(open) : redirect(reply, resultHref(ctx, answers));
  });

  app.get("/learn/screener/result", HIDDEN, async (request: FastifyRequest, reply) => {
    const query = StepQuery.safeParse(request.query).data ?? {};
    const answers = parseAnswers(request.query);
    if (isLocale(query.switchLang)) {
      const params = { ...(query.country ? { country: query.country } : {}), lang: query.switchLang };
      return redirect(reply, screenerHref(noChoice, "/learn/screener/result", answers, params));
    }
    const wanted = query.country || regionFromAcceptLanguage(request.headers["accept-language"]) || "";
    const selected = p.countries.get(wanted.toUpperCase());
    const hotlines = selected ? await hotlinesFor(p, selected.code) : [];
    const asked = askedQuestions(answers);
    const ctx = pageContext(web, request, reply);
    return sendPage(
      reply,
      h(ScreenerResultPage, {
        ctx,
        answers,
        assessment: assess(answers),
        lastQuestion: asked[asked.length - 1]?.id ?? "",
        countries: p.countries.all,
        selected,
        hotlines,
      }),
    );
  });
}

/** Only what `screenerHref` reads: the language is passed as a parameter. */
const noChoice = { chosenLocale: undefined } as PageContext;

const resultHref = (ctx: PageContext, answers: Answers) =>
  screenerHref(ctx, "/learn/screener/result", answers);

function missingMessage(question: Question) {
  return question.kind === "single" ? "screener.error.single" : "screener.error.multiple";
}

function redirect(reply: FastifyReply, location: string) {
  return reply.code(303).header("location", location).send();
}
