import type { FastifyInstance, FastifyRequest } from "fastify";
import { h } from "preact";
import type { FormBody } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { MemoryRateLimiter } from "../../platform/http/rate-limit.ts";
import { regionFromAcceptLanguage } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import { hotlinesFor } from "../accounts/accounts.service.ts";
import { formatReceiptCode } from "./receipt.ts";
import {
  type FormValues,
  formValues,
  newSubmissionKey,
  STEPS,
  stepNumber,
  TOTAL_STEPS,
  validateAll,
  validateStep,
} from "./report-form.ts";
import { FollowUpMessageSchema } from "./reports.schema.ts";
import { addReporterMessage, followUpView, reportForReceipt, submitReport } from "./reports.service.ts";
import { FollowUpCodePage, FollowUpThreadPage } from "./views/follow-up-page.tsx";
import { HelpPage, HomePage, PrivacyPage } from "./views/public-pages.tsx";
import { AlreadySentPage, ReceiptPage } from "./views/receipt-page.tsx";
import { ReportFormPage } from "./views/report-form.tsx";

const HIDDEN = { schema: { hide: true } } as const;
const str = (v: unknown) => (typeof v === "string" ? v : "");

function formBody(request: FastifyRequest): FormBody {
  if (!request.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) {
    throw new AppError("unsupported_media_type", 415, "Send the form as application/x-www-form-urlencoded");
  }
  return (request.body ?? {}) as FormBody;
}

/** Public pages: home, get help, privacy, the report form, the receipt and follow-up. */
export function reportsRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const submissions = new MemoryRateLimiter(p.config.reportRateLimit, 60_000);
  const wrongCodes = new MemoryRateLimiter(p.config.followUpRateLimit, 15 * 60_000);

  app.get("/", HIDDEN, (request, reply) =>
    sendPage(reply, h(HomePage, { ctx: pageContext(web, request, reply) })),
  );
  app.get("/privacy", HIDDEN, (request, reply) =>
    sendPage(reply, h(PrivacyPage, { ctx: pageContext(web, request, reply) })),
  );

  app.get<{ Querystring: { country?: string } }>("/help", HIDDEN, async (request, reply) => {
    const wanted =
      str(request.query.country) || regionFromAcceptLanguage(request.headers["accept-language"]) || "";
    const selected = p.countries.get(wanted.toUpperCase());
    const hotlines = selected ? await hotlinesFor(p, selected.code) : [];
    const ctx = pageContext(web, request, reply);
    return sendPage(reply, h(HelpPage, { ctx, countries: p.countries.all, selected, hotlines }));
  });

  // ---- the report form: five short steps, answers carried in the page, nothing stored until "send" ----

  app.get("/report", HIDDEN, (request, reply) => {
    const ctx = pageContext(web, request, reply, { csrf: true });
    const values: FormValues = {};
    const region = regionFromAcceptLanguage(request.headers["accept-language"]);
    if (region && p.countries.has(region)) values.country = region;
    return sendPage(
      reply,
      h(ReportFormPage, {
        ctx,
        step: 1,
        values,
        errors: [],
        submissionKey: newSubmissionKey(),
        countries: p.countries.all,
      }),
    );
  });

  app.post("/report", { ...HIDDEN, config: { softCsrf: true } }, async (request, reply) => {
    const body = formBody(request);
    const values = formValues(body);
    const step = stepNumber(body.step);
    const key = str(body.submissionKey);
    const submissionKey = /^[A-Za-z0-9_-]{16,64}$/.test(key) ? key : newSubmissionKey();
    const ctx = pageContext(web, request, reply, { csrf: true });
    const render = (at: number, errors: readonly FieldError[], status = 200) =>
      sendPage(
        reply,
        h(ReportFormPage, { ctx, step: at, values, errors, submissionKey, countries: p.countries.all }),
        status,
      );

    if (request.csrfFailed) {
      return render(
        step,
        [{ field: STEPS[step - 1]?.[0] ?? "categories", message: ctx.t("report.resubmit") }],
        400,
      );
    }
    if (body.switchLang) return render(step, []);
    if (body.action === "back") return render(Math.max(1, step - 1), []);

    const errors = validateStep(step, values, ctx.t);
    const unknownCountry = () => [{ field: "country", message: ctx.t("report.error.country") }];
    if (step === 2 && errors.length === 0 && !p.countries.has(String(values.country))) {
      return render(2, unknownCountry(), 400);
    }
    if (errors.length > 0) return render(step, errors, 400);
    if (step < TOTAL_STEPS) return render(step + 1, []);

    const checked = validateAll(values, ctx.i18n.locale, ctx.t);
    if (!checked.ok) return render(checked.step, checked.errors, 400);
    if (!submissions.hit(request.ip)) {
      return render(step, [{ field: "contactPreference", message: ctx.t("error.tooMany") }], 429);
    }
    try {
      const submitted = await submitReport(p, checked.report, { channel: "web", submissionKey });
      return sendPage(
        reply,
        h(ReceiptPage, {
          ctx,
          code: formatReceiptCode(submitted.receiptCode),
          country: p.countries.get(checked.report.country),
          danger: checked.report.danger === "yes",
        }),
        201,
      );
    } catch (error) {
      if (error instanceof AppError && error.id === "already_submitted") {
        return sendPage(reply, h(AlreadySentPage, { ctx }), 409);
      }
      // A hidden field edited to a country we do not know: back to the question, nothing lost.
      if (error instanceof AppError && error.id === "invalid_country")
        return render(2, unknownCountry(), 400);
      throw error;
    }
  });

  // ---- follow-up with the receipt code ----

  app.get("/follow-up", HIDDEN, (request, reply) =>
    sendPage(
      reply,
      h(FollowUpCodePage, { ctx: pageContext(web, request, reply, { csrf: true }), errors: [] }),
    ),
  );

  app.post("/follow-up", { ...HIDDEN, config: { softCsrf: true } }, async (request, reply) => {
    const body = formBody(request);
    const ctx = pageContext(web, request, reply, { csrf: true });
    const typed = str(body.receiptCode);
    // Changing language on the code page keeps what was typed and checks nothing.
    if (body.switchLang && body.view !== "thread") {
      return sendPage(reply, h(FollowUpCodePage, { ctx, errors: [], code: typed.slice(0, 64) }));
    }
    const notRecognised = () =>
      sendPage(
        reply,
        h(FollowUpCodePage, {
          ctx,
          errors: [{ field: "receiptCode", message: ctx.t("followUp.notRecognised") }],
        }),
        404,
      );
    // A limited client gets exactly the answer a wrong code gets, and costs no argon2 work.
    if (!wrongCodes.allowed(request.ip)) return notRecognised();
    let report: Awaited<ReturnType<typeof reportForReceipt>>;
    try {
      report = await reportForReceipt(p, typed);
    } catch (error) {
      if (error instanceof AppError && error.id === "receipt_not_recognised") {
        wrongCodes.hit(request.ip);
        return notRecognised();
      }
      throw error;
    }
    const thread = async (errors: readonly FieldError[], sent: boolean, draft = "", status = 200) =>
      sendPage(
        reply,
        h(FollowUpThreadPage, { ctx, code: typed, view: await followUpView(p, report), errors, sent, draft }),
        status,
      );
    const draft = str(body.message);
    if (body.switchLang) return thread([], false, draft.slice(0, 10_000));
    if (body.action !== "message") return thread([], false);
    if (request.csrfFailed)
      return thread([{ field: "message", message: ctx.t("report.resubmit") }], false, draft, 400);
    const parsed = FollowUpMessageSchema.safeParse({ receiptCode: typed, message: draft });
    if (!parsed.success) {
      return thread(
        [{ field: "message", message: ctx.t("followUp.errorMessage") }],
        false,
        draft.slice(0, 10_000),
        400,
      );
    }
    await addReporterMessage(p, report, parsed.data.message);
    return thread([], true);
  });
}
