import { HiddenFields } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Country } from "../../countries/countries.service.ts";
import type { Hotline } from "../../reports/views/public-pages.tsx";
import type { Answers, Assessment, NextStep } from "../screener.ts";
import { key, screenerHref } from "./screener-pages.tsx";

export interface ResultProps {
  readonly ctx: PageContext;
  readonly answers: Answers;
  readonly assessment: Assessment;
  /** The question to go back to when changing answers: the last one asked. */
  readonly lastQuestion: string;
  readonly countries: readonly Country[];
  readonly selected: Country | undefined;
  readonly hotlines: readonly Hotline[];
}

export const RESULT_FORM_ID = "screener-result-form";

/** Where a next step links to, if anywhere. */
const STEP_LINKS: Partial<Record<NextStep, { path: string; label: string }>> = {
  report: { path: "/report", label: "screener.result.reportLink" },
  learn: { path: "/learn", label: "screener.result.learnLink" },
};

export function ScreenerResultPage(props: ResultProps) {
  const { ctx, answers, assessment } = props;
  const { t } = ctx;
  const { outcome } = assessment;
  return (
    // The language switcher submits the country form, which carries the answers, so nothing is lost.
    <Layout
      ctx={ctx}
      title={t("screener.title")}
      formId={RESULT_FORM_ID}
      formDefault={{ name: "show", value: "1" }}
    >
      <p class="screener-progress">{t("screener.result.heading")}</p>
      <h1>{t(key(`screener.outcome.${outcome}.title`))}</h1>
      <p class={`screener-outcome outcome-${outcome}`}>{t(key(`screener.outcome.${outcome}.text`))}</p>
      <p class="notice" role="note">
        {t("screener.result.notLegal")}
      </p>

      <h2>{t("screener.result.why")}</h2>
      <ul class="screener-reasons">
        {assessment.reasons.map((reason) => (
          <li key={reason.id}>
            {t(key(`screener.reason.${reason.id}`))}
            {reason.items && reason.items.length > 0 && (
              <ul>
                {reason.items.map((item) => (
                  <li key={item}>{t(key(`screener.q.${item}`))}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>

      <h2>{t("screener.result.next")}</h2>
      <ul class="screener-next">
        {assessment.next.map((step) => {
          const link = STEP_LINKS[step];
          return (
            <li key={step}>
              {t(key(`screener.next.${step}`))}
              {link && (
                <>
                  {" "}
                  <a href={ctx.href(link.path)}>{t(key(link.label))}</a>
                </>
              )}
            </li>
          );
        })}
      </ul>

      <Hotlines {...props} />

      <p class="screener-actions">
        <a href={screenerHref(ctx, "/learn/screener/step", answers, { at: props.lastQuestion })}>
          {t("screener.result.change")}
        </a>{" "}
        · <a href={ctx.href("/learn/screener")}>{t("screener.result.restart")}</a>
      </p>
    </Layout>
  );
}

/** The country's emergency number and hotlines, as on /help; the answers ride along in the form. */
function Hotlines({ ctx, answers, countries, selected, hotlines }: ResultProps) {
  const { t } = ctx;
  const options = countries
    .map((c) => ({ code: c.code, label: ctx.i18n.country(c.code) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.i18n.locale));
  const name = selected ? ctx.i18n.country(selected.code) : "";
  return (
    <section aria-labelledby="screener-numbers">
      <h2 id="screener-numbers">{t("screener.result.numbers")}</h2>
      <form id={RESULT_FORM_ID} method="get" action="/learn/screener/result" class="inline-search">
        <HiddenFields values={answers as Record<string, readonly string[]>} />
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <label for="screener-country">{t("help.country")}</label>
        <select id="screener-country" name="country">
          <option value="">{t("help.chooseCountry")}</option>
          {options.map((o) => (
            <option key={o.code} value={o.code} selected={o.code === selected?.code}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="submit" class="button">
          {t("help.show")}
        </button>
      </form>
      {selected && (
        <>
          <p>
            {t("help.emergency", { country: name })}:{" "}
            <a class="big-number" href={`tel:${selected.emergencyNumber}`}>
              {selected.emergencyNumber}
            </a>
          </p>
          {selected.emergencyNote && <p>{t("help.emergencyAlso", { note: selected.emergencyNote })}</p>}
          <h3>{t("help.hotlines", { country: name })}</h3>
          {hotlines.length === 0 ? (
            <p>{t("help.noHotline", { country: name })}</p>
          ) : (
            <ul class="hotlines">
              {hotlines.map((h) => (
                <li key={h.name}>
                  <strong>{h.name}</strong>: <a href={`tel:${h.hotline_phone}`}>{h.hotline_phone}</a>
                  {h.is_demo === 1 && <span class="tag"> ({t("help.demoHotline")})</span>}
                  {h.hotline_hours && (
                    <span class="hint"> {t("help.hotlineHours", { hours: h.hotline_hours })}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
