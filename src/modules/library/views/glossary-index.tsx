import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { LetterGroup, LocalisedTerm } from "../glossary.ts";

/** The first sentence of a definition, as a one-line preview in lists. */
function firstSentence(definition: string): string {
  return definition.split(/(?<=[.!?؟])\s/u)[0] ?? definition;
}

function TermList({ ctx, terms }: { ctx: PageContext; terms: readonly LocalisedTerm[] }) {
  return (
    <dl class="glossary-list">
      {terms.map((term) => (
        <div key={term.id}>
          <dt>
            <a href={ctx.href(`/learn/glossary/${term.id}`)}>{term.term}</a>
          </dt>
          <dd>{firstSentence(term.definition)}</dd>
        </div>
      ))}
    </dl>
  );
}

interface GlossaryIndexProps {
  readonly ctx: PageContext;
  readonly groups: readonly LetterGroup[];
  readonly query: string;
  /** Search hits, when a query was given. */
  readonly results?: readonly LocalisedTerm[];
}

/** `/learn/glossary`: a search box, then either the search results or the A–Z index with letter jumps. */
export function GlossaryIndexPage({ ctx, groups, query, results }: GlossaryIndexProps) {
  const { t } = ctx;
  const total = groups.reduce((n, g) => n + g.terms.length, 0);
  return (
    <Layout ctx={ctx} title={t("glossary.title")}>
      <h1>{t("glossary.heading")}</h1>
      <p>{t("glossary.intro")}</p>
      <form method="get" action="/learn/glossary" class="inline-search">
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <label for="glossary-q">{t("glossary.searchLabel")}</label>
        <input type="search" id="glossary-q" name="q" value={query} maxLength={100} autoComplete="off" />
        <button type="submit" class="button">
          {t("glossary.searchButton")}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="glossary-results">
          <h2 id="glossary-results">{t("glossary.resultsFor", { query })}</h2>
          <p>{t("glossary.results", { count: results.length })}</p>
          {results.length === 0 && <p>{t("glossary.noResultsHint")}</p>}
          <TermList ctx={ctx} terms={results} />
          <p>
            <a href={ctx.href("/learn/glossary")}>{t("glossary.allTerms")}</a>
          </p>
        </section>
      ) : (
        <>
          <nav aria-label={t("glossary.letters")} id="glossary-letters">
            <ul class="glossary-letters">
              {groups.map((g, i) => (
                <li key={g.letter}>
                  <a href={`#letter-${i}`}>{g.letter}</a>
                </li>
              ))}
            </ul>
          </nav>
          <p>{t("glossary.count", { count: total })}</p>
          {groups.map((g, i) => (
            <section key={g.letter} aria-labelledby={`letter-${i}`}>
              <h2 id={`letter-${i}`} class="glossary-letter">
                {g.letter}
              </h2>
              <TermList ctx={ctx} terms={g.terms} />
              <p class="glossary-top">
                <a href="#glossary-letters">{t("glossary.backToLetters")}</a>
              </p>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
