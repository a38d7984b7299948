import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { Choices, ErrorSummary, type FieldError, HiddenFields } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Question } from "../screener.data.ts";
import type { Answers } from "../screener.ts";

export const FORM_ID = "screener-form";

/** A message key built from data ids (questions, options, outcomes); the catalogue test covers them. */
export const key = (k: string) => k as MessageKey;

/** The answers (and the visitor's language choice) as query parameters of a screener link. */
export function screenerHref(
  ctx: PageContext,
  path: string,
  answers: Answers,
  extra: Readonly<Record<string, string>> = {},
): string {
  const query = new URLSearchParams();
  for (const [id, options] of Object.entries(answers)) for (const o of options ?? []) query.append(id, o);
  for (const [name, value] of Object.entries(extra)) query.set(name, value);
  if (ctx.chosenLocale) query.set("lang", ctx.chosenLocale);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

export function ScreenerIntroPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("screener.title")}>
      <h1>{t("screener.intro.heading")}</h1>
      <p class="lead">{t("screener.intro.lead")}</p>
      <p>{t("screener.intro.how")}</p>
      <p class="notice">{t("screener.intro.notLegal")}</p>
      <p>{t("screener.intro.private")}</p>
      <p>
        <a class="button" href={screenerHref(ctx, "/learn/screener/step", {})}>
          {t("screener.intro.start")}
        </a>
      </p>
    </Layout>
  );
}

export interface StepProps {
  readonly ctx: PageContext;
  readonly question: Question;
  /** Every answer so far, the current question's included (it is shown selected). */
  readonly answers: Answers;
  readonly number: number;
  readonly total: number;
  readonly errors: readonly FieldError[];
}

export function ScreenerStepPage({ ctx, question, answers, number, total, errors }: StepProps) {
  const { t } = ctx;
  const carried = Object.fromEntries(
    Object.entries(answers).filter(([id, options]) => id !== question.id && options !== undefined),
  ) as Record<string, readonly string[]>;
  const hint = question.kind === "multiple" ? t("screener.chooseAll") : undefined;
  return (
    <Layout
      ctx={ctx}
      title={t("screener.title")}
      formId={FORM_ID}
      formDefault={{ name: "go", value: "next" }}
    >
      <ErrorSummary title={t("screener.error.title")} errors={errors} />
      {/* The heading says where the visitor is; the question itself is the fieldset's legend. */}
      <h1 class="screener-progress">{t("screener.progress", { number, total })}</h1>
      <form id={FORM_ID} method="get" action="/learn/screener/step" class="screener-step">
        <HiddenFields values={carried} />
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <input type="hidden" name="at" value={question.id} />
        <Choices
          name={question.id}
          type={question.kind === "single" ? "radio" : "checkbox"}
          label={t(key(`screener.q.${question.id}`))}
          hint={hint}
          errors={errors}
          selected={answers[question.id as keyof Answers] ?? []}
          options={question.options.map((o) => ({
            value: o,
            label: t(key(`screener.q.${question.id}.${o}`)),
          }))}
        />
        <div class="actions">
          <button type="submit" name="go" value="next" class="button">
            {t("screener.next")}
          </button>
          <button type="submit" name="go" value="back" class="button button-secondary" formNoValidate>
            {t("screener.back")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
