import { LOCALES } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES, Layout } from "../../../platform/views/layout.tsx";
import type { GlossaryEntry, LocalisedTerm } from "../glossary.ts";

interface GlossaryTermProps {
  readonly ctx: PageContext;
  readonly entry: GlossaryEntry;
  readonly term: LocalisedTerm;
  readonly related: readonly LocalisedTerm[];
}

/** `/learn/glossary/:id`: one term in the page language, with its related terms, sources and translations. */
export function GlossaryTermPage({ ctx, entry, term, related }: GlossaryTermProps) {
  const { t } = ctx;
  const locale = ctx.i18n.locale;
  // Sources are cited as published (mostly in English): mark them so screen readers pronounce them right.
  const sourceLang = locale === "en" ? {} : { lang: "en", dir: "ltr" as const };
  return (
    <Layout ctx={ctx} title={t("glossary.title")}>
      <p>
        <a href={ctx.href("/learn/glossary")}>{t("glossary.allTerms")}</a>
      </p>
      <article class="glossary-term">
        <h1>{term.term}</h1>
        <p class="glossary-definition">{term.definition}</p>
        {term.note && (
          <aside class="glossary-note" aria-labelledby="glossary-note">
            <h2 id="glossary-note">{t("glossary.note")}</h2>
            <p>{term.note}</p>
          </aside>
        )}
        {related.length > 0 && (
          <section aria-labelledby="glossary-related">
            <h2 id="glossary-related">{t("glossary.related")}</h2>
            <ul>
              {related.map((r) => (
                <li key={r.id}>
                  <a href={ctx.href(`/learn/glossary/${r.id}`)}>{r.term}</a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {entry.sources.length > 0 && (
          <section aria-labelledby="glossary-sources">
            <h2 id="glossary-sources">{t("glossary.sources")}</h2>
            <ul>
              {entry.sources.map((s) => (
                <li key={s} {...sourceLang}>
                  {s}
                </li>
              ))}
            </ul>
          </section>
        )}
        <p class="hint">{t("glossary.notLegalAdvice")}</p>
        <section aria-labelledby="glossary-also-in">
          <h2 id="glossary-also-in">{t("glossary.alsoIn")}</h2>
          <ul>
            {LOCALES.filter((l) => l !== locale).map((l) => (
              <li key={l}>
                <a
                  href={ctx.href(`/learn/glossary/${entry.id}`, { lang: l })}
                  lang={l}
                  hrefLang={l}
                  dir={l === "ar" ? "rtl" : "ltr"}
                >
                  {LANGUAGE_NAMES[l]}: {entry.terms[l].term}
                </a>
              </li>
            ))}
          </ul>
        </section>
      </article>
      <p>
        {t("glossary.report")} <a href={ctx.href("/report")}>{t("learn.startReport")}</a>
      </p>
    </Layout>
  );
}
