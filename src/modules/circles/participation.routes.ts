import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { formText } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { MemoryRateLimiter } from "../../platform/http/rate-limit.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import {
  circleForCode,
  join,
  normaliseCode,
  type PublicCircle,
  participantOf,
  questionView,
  ResponseInvalid,
  respond,
  support,
} from "./participation.service.ts";
import { CircleLandingPage, JoinCodePage, QuestionPage, ThanksPage } from "./views/participant-pages.tsx";

const HIDDEN = { schema: { hide: true } } as const;
const str = (v: unknown, max = 2000) => formText(v, max);
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
type CodeRequest = FastifyRequest<{ Params: { code: string; n?: string } }>;

/** The participant's token for one circle: a cookie scoped to that circle's pages. */
const cookieName = (circle: PublicCircle) => `lantern_circle_${circle.code}`;
const TWELVE_HOURS = 12 * 60 * 60;

/**
 * Taking part in a circle from any phone, with no account and no JavaScript: the code, the circle's page
 * (join, with optional broad self-descriptions), one page per question, a thank-you page. Every form keeps
 * what was typed when something goes wrong. Nothing about the device or its address is stored; rate limits
 * count per participant (a venue's Wi-Fi puts everyone behind one address) and, loosely, per address in
 * memory only.
 */
export function participationRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const joins = new MemoryRateLimiter(600, 10 * 60_000);
  const writes = new MemoryRateLimiter(60, 60_000);

  const withCircle = async (request: CodeRequest) => circleForCode(p, request.params.code);
  const participant = async (request: FastifyRequest, circle: PublicCircle) =>
    participantOf(p, circle, request.cookies[cookieName(circle)]);
  /** Pages of a circle need its participant; anyone else is sent to join first. */
  const joinFirst = (reply: FastifyReply, ctx: PageContext, circle: PublicCircle) =>
    reply.redirect(ctx.href(`/circles/${circle.code}`), 303);
  const position = (request: CodeRequest) => {
    const n = Number(request.params.n);
    if (!Number.isInteger(n) || n < 1 || n > 50)
      throw new AppError("circle_question_not_found", 404, "No such question");
    return n;
  };

  app.get("/circles/join", HIDDEN, async (request, reply) => {
    const ctx = pageContext(web, request, reply);
    const typed = str((request.query as Record<string, unknown>).code, 40);
    if (!typed) return sendPage(reply, h(JoinCodePage, { ctx, code: "" }));
    const code = normaliseCode(typed);
    const open = code ? await circleForCode(p, code).catch(() => undefined) : undefined;
    if (!open)
      return sendPage(
        reply,
        h(JoinCodePage, { ctx, code: typed, error: ctx.t("circles.join.unknownCode") }),
        404,
      );
    return reply.redirect(ctx.href(`/circles/${open.code}`), 303);
  });

  app.get("/circles/:code", HIDDEN, async (request: CodeRequest, reply) => {
    const circle = await withCircle(request);
    const ctx = pageContext(web, request, reply, { csrf: true });
    const joined = Boolean(await participant(request, circle));
    return sendPage(reply, h(CircleLandingPage, { ctx, circle, joined }));
  });

  app.post(
    "/circles/:code/join",
    { ...HIDDEN, config: { softCsrf: true } },
    async (request: CodeRequest, reply) => {
      const circle = await withCircle(request);
      const ctx = pageContext(web, request, reply, { csrf: true });
      // A stale form (its security cookie gone): show the circle again, one more press joins.
      if (request.csrfFailed)
        return sendPage(reply, h(CircleLandingPage, { ctx, circle, joined: false }), 400);
      if (await participant(request, circle))
        return reply.redirect(ctx.href(`/circles/${circle.code}/q/1`), 303);
      if (!joins.hit(request.ip)) throw new AppError("too_many_requests", 429, "Too many joins from here");
      const b = body(request);
      const token = await join(p, circle, {
        ageGroup: str(b.ageGroup, 40) || undefined,
        knowledge: str(b.knowledge, 40) || undefined,
        sector: str(b.sector, 40) || undefined,
      });
      reply.setCookie(cookieName(circle), token, {
        httpOnly: true,
        sameSite: "lax",
        secure: p.config.secureCookies,
        path: `/circles/${circle.code}`,
        maxAge: TWELVE_HOURS,
      });
      return reply.redirect(ctx.href(`/circles/${circle.code}/q/1`), 303);
    },
  );

  const showQuestion = async (
    request: CodeRequest,
    reply: FastifyReply,
    circle: PublicCircle,
    participantId: string,
    extra: { text?: string; language?: string; errors?: FieldError[]; done?: "saved" | "held" | "supported" },
    status = 200,
  ) => {
    const ctx = pageContext(web, request, reply, { csrf: true });
    const view = await questionView(p, circle, participantId, position(request));
    const language =
      extra.language ?? (circle.languages.includes(ctx.i18n.locale) ? ctx.i18n.locale : circle.languages[0]);
    return sendPage(
      reply,
      h(QuestionPage, {
        ctx,
        circle,
        view,
        text: extra.text ?? "",
        language: language ?? "en",
        errors: extra.errors ?? [],
        done: extra.done,
      }),
      status,
    );
  };

  app.get("/circles/:code/q/:n", HIDDEN, async (request: CodeRequest, reply) => {
    const circle = await withCircle(request);
    const who = await participant(request, circle);
    if (!who) return joinFirst(reply, pageContext(web, request, reply), circle);
    const done = str((request.query as Record<string, unknown>).done, 20);
    return showQuestion(request, reply, circle, who.id, {
      done: done === "saved" || done === "held" || done === "supported" ? done : undefined,
    });
  });

  app.post(
    "/circles/:code/q/:n",
    { ...HIDDEN, config: { softCsrf: true } },
    async (request: CodeRequest, reply) => {
      const circle = await withCircle(request);
      const who = await participant(request, circle);
      const ctx = pageContext(web, request, reply);
      if (!who) return joinFirst(reply, ctx, circle);
      const b = body(request);
      const text = str(b.text, 5000);
      const language = str(b.language, 8);
      const again = (message: string, status: number, field = "text") =>
        showQuestion(
          request,
          reply,
          circle,
          who.id,
          { text, language, errors: [{ field, message }] },
          status,
        );
      // Nothing typed is ever lost: a stale form or a refusal shows the text again with what to do.
      if (request.csrfFailed) return again(ctx.t("circles.q.resubmit"), 400);
      if (!writes.hit(who.id)) return again(ctx.t("error.tooMany"), 429);
      try {
        const { held } = await respond(p, circle, who.id, position(request), { text, language });
        return reply.redirect(
          ctx.href(`/circles/${circle.code}/q/${position(request)}`, { done: held ? "held" : "saved" }),
          303,
        );
      } catch (error) {
        if (error instanceof ResponseInvalid)
          return again(
            ctx.t(`circles.q.error.${error.code}`),
            400,
            error.code === "language" ? "language" : "text",
          );
        if (error instanceof AppError && error.id === "circle_closed")
          return again(ctx.t("circles.join.closed"), 409);
        throw error;
      }
    },
  );

  app.post(
    "/circles/:code/q/:n/support",
    { ...HIDDEN, config: { softCsrf: true } },
    async (request: CodeRequest, reply) => {
      const circle = await withCircle(request);
      const who = await participant(request, circle);
      const ctx = pageContext(web, request, reply);
      if (!who) return joinFirst(reply, ctx, circle);
      const n = position(request);
      if (request.csrfFailed || !writes.hit(who.id))
        return reply.redirect(ctx.href(`/circles/${circle.code}/q/${n}`), 303);
      const responseId = str(body(request).responseId, 64);
      await support(p, circle, who.id, responseId);
      return reply.redirect(
        `${ctx.href(`/circles/${circle.code}/q/${n}`, { done: "supported" })}#r-${responseId}`,
        303,
      );
    },
  );

  app.get("/circles/:code/thanks", HIDDEN, async (request: CodeRequest, reply) => {
    const circle = await withCircle(request);
    return sendPage(reply, h(ThanksPage, { ctx: pageContext(web, request, reply), circle }));
  });
}
