import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Country } from "../../countries/countries.service.ts";

export function HomePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.heading")}</h1>
      <p class="lead">{t("home.lead")}</p>
      <p class="notice">{t("home.danger")}</p>
      <ul class="paths">
        <li class="path path-report">
          <h2>{t("home.report.title")}</h2>
          <p>{t("home.report.text")}</p>
          <a class="button" href={ctx.href("/report")}>
            {t("home.report.cta")}
          </a>
        </li>
        <li class="path">
          <h2>{t("home.help.title")}</h2>
          <p>{t("home.help.text")}</p>
          <a class="button button-secondary" href={ctx.href("/help")}>
            {t("home.help.cta")}
          </a>
        </li>
        <li class="path">
          <h2>{t("home.learn.title")}</h2>
          <p>{t("home.learn.text")}</p>
          <a class="button button-secondary" href={ctx.href("/learn")}>
            {t("home.learn.cta")}
          </a>
          <p>
            {t("screener.link.text")} <a href={ctx.href("/learn/screener")}>{t("screener.link.cta")}</a>
          </p>
        </li>
      </ul>
      <p>
        {t("home.followUp")} <a href={ctx.href("/follow-up")}>{t("home.followUpCta")}</a>
      </p>
    </Layout>
  );
}

export interface Hotline {
  readonly name: string;
  readonly hotline_phone: string | null;
  readonly hotline_hours: string | null;
  readonly is_demo: number;
}

export function HelpPage({
  ctx,
  countries,
  selected,
  hotlines,
}: {
  ctx: PageContext;
  countries: readonly Country[];
  selected: Country | undefined;
  hotlines: readonly Hotline[];
}) {
  const { t } = ctx;
  const options = countries
    .map((c) => ({ code: c.code, label: ctx.i18n.country(c.code) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.i18n.locale));
  const name = selected ? ctx.i18n.country(selected.code) : "";
  return (
    <Layout ctx={ctx} title={t("help.title")}>
      <h1>{t("help.heading")}</h1>
      <form method="get" action="/help" class="inline-search">
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <label for="help-country">{t("help.country")}</label>
        <select id="help-country" name="country">
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
      {!selected && <p>{t("help.intro")}</p>}
      {selected && (
        <section aria-labelledby="emergency-title">
          <h2 id="emergency-title">{t("help.emergency", { country: name })}</h2>
          <p class="big-number">
            <a href={`tel:${selected.emergencyNumber}`}>{selected.emergencyNumber}</a>
          </p>
          {selected.emergencyNote && <p>{t("help.emergencyAlso", { note: selected.emergencyNote })}</p>}
          {selected.has112 && <p>{t("help.eu112", { country: name })}</p>}
          <h2>{t("help.hotlines", { country: name })}</h2>
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
        </section>
      )}
      <p>
        <a href={ctx.href("/report")}>{t("help.reportInstead")}</a>
      </p>
      <p>
        {t("screener.link.text")} <a href={ctx.href("/learn/screener")}>{t("screener.link.cta")}</a>
      </p>
      <p class="hint">{t("help.source")}</p>
    </Layout>
  );
}

export function PrivacyPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  const points: MessageKey[] = [
    "privacy.noIp",
    "privacy.noCookies",
    "privacy.encrypted",
    "privacy.anonymous",
    "privacy.receipt",
    "privacy.quickExit",
    "privacy.device",
  ];
  return (
    <Layout ctx={ctx} title={t("privacy.title")}>
      <h1>{t("privacy.heading")}</h1>
      <ul>
        {points.map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
    </Layout>
  );
}
