import { LOCALES } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, type FieldError, Select } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { ITEM_TYPES } from "../library.service.ts";
import { itemPath, PAGE_SIZE, type SearchPage } from "../library-reading.service.ts";
import { AUDIENCES, LEVELS, TOPICS } from "../seed-content.ts";
import type { SnippetPart } from "../snippet.ts";
import {
  audienceLabel,
  contentLang,
  countryName,
  languageName,
  levelLabel,
  topicLabel,
  typeLabel,
} from "./learn-parts.tsx";

export const FILTERS = ["type", "audience", "level", "topic", "country", "language"] as const;
export type FilterName = (typeof FILTERS)[number];
/** The search form's values as typed (kept as they were, even when one was not valid). */
export type SearchForm = Partial<Record<FilterName | "q", string>>;

interface SearchProps {
  readonly ctx: PageContext;
  readonly form: SearchForm;
  readonly countries: readonly string[];
  readonly errors: readonly FieldError[];
  readonly page?: SearchPage;
  /** Nothing was found in the visitor's language, so these results are from every language. */
  readonly widened?: boolean;
}

function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return (
    <p class="learn-snippet">
      {parts.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : part.text))}
    </p>
  );
}

/**
 * Whether a result's snippet starts at the start of its text, i.e. already holds its summary (snippets are
 * cut from summary and body): then the snippet, with its marked words, is shown instead of the summary.
 */
function snippetHasSummary(r: { summary: string; snippet?: readonly SnippetPart[] }): boolean {
  const first = r.snippet?.[0];
  return first !== undefined && !first.text.startsWith("…");
}

function Filters({ ctx, form, countries, errors }: Omit<SearchProps, "page">) {
  const { t } = ctx;
  const locale = ctx.i18n.locale;
  const any = t("learn.search.any");
  const countryCodes =
    form.country && !countries.includes(form.country) ? [...countries, form.country] : countries;
  const valid = (name: FilterName) => (errors.some((e) => e.field === name) ? "" : form[name]);
  const select = (name: FilterName, options: readonly { value: string; label: string }[]) => (
    <Select
      name={name}
      label={t(`learn.filter.${name}`)}
      options={options}
      value={valid(name)}
      placeholder={any}
      errors={errors}
    />
  );
  return (
    <fieldset class="learn-filters">
      <legend>{t("learn.search.filters")}</legend>
      {select(
        "type",
        ITEM_TYPES.map((v) => ({ value: v, label: typeLabel(t, v) })),
      )}
      {select(
        "audience",
        AUDIENCES.map((v) => ({ value: v, label: audienceLabel(t, v) })),
      )}
      {select(
        "level",
        LEVELS.map((v) => ({ value: v, label: levelLabel(t, v) })),
      )}
      {select(
        "topic",
        TOPICS.map((v) => ({ value: v, label: topicLabel(t, v) })),
      )}
      {select(
        "country",
        countryCodes.map((v) => ({ value: v, label: countryName(locale, v) })),
      )}
      {select(
        "language",
        LOCALES.map((v) => ({ value: v, label: languageName(locale, v) })),
      )}
    </fieldset>
  );
}

/** The query string of another page of the same search. */
function pageHref(ctx: PageContext, form: SearchForm, page: number): string {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (v || (k === "language" && v === "")) params[k] = v;
  if (page > 1) params.page = String(page);
  return ctx.href("/learn/search", params);
}

function Results({ ctx, form, page }: { ctx: PageContext; form: SearchForm; page: SearchPage }) {
  const { t } = ctx;
  if (page.results.length === 0)
    return (
      <section aria-labelledby="learn-empty" class="learn-empty">
        <h2 id="learn-empty">{t("learn.search.emptyHeading")}</h2>
        <p>{t("learn.search.emptyText")}</p>
        <ul>
          <li>{t("learn.search.tryFewer")}</li>
          <li>
            <a href={ctx.href("/learn/glossary", form.q ? { q: form.q } : {})}>
              {t("learn.search.tryGlossary")}
            </a>
          </li>
          <li>
            <a href={ctx.href("/learn")}>{t("learn.search.tryHub")}</a>
          </li>
        </ul>
      </section>
    );
  const first = (page.page - 1) * PAGE_SIZE + 1;
  return (
    <section aria-labelledby="learn-results">
      <h2 id="learn-results">{t("learn.search.results")}</h2>
      <p role="status">
        {page.totalCapped
          ? t("learn.search.countMore", { count: page.total })
          : t("learn.search.count", { count: page.total })}
      </p>
      <ol class="learn-results" start={first}>
        {page.results.map((r) => (
          <li key={r.id}>
            <h3 {...contentLang(ctx, r.language)}>
              <a
                href={ctx.href(
                  itemPath(r.type, r.slug),
                  r.language === ctx.i18n.locale ? {} : { lang: r.language },
                )}
              >
                {r.title}
              </a>
            </h3>
            <p class="learn-result-meta">
              <span class="tag">{typeLabel(t, r.type)}</span> <span>{levelLabel(t, r.level)}</span>
              {r.language !== ctx.i18n.locale && <span> · {languageName(ctx.i18n.locale, r.language)}</span>}
            </p>
            {r.summary && !snippetHasSummary(r) && <p {...contentLang(ctx, r.language)}>{r.summary}</p>}
            {"snippet" in r && r.snippet.length > 0 && (
              <div {...contentLang(ctx, r.language)}>
                <Snippet parts={r.snippet} />
              </div>
            )}
          </li>
        ))}
      </ol>
      {(page.page > 1 || page.hasNext) && (
        <nav class="learn-pages" aria-label={t("learn.search.pagination")}>
          {page.page > 1 && (
            <a href={pageHref(ctx, form, page.page - 1)} rel="prev">
              {t("learn.search.previous")}
            </a>
          )}
          <span>{t("learn.search.pageOf", { page: page.page })}</span>
          {page.hasNext && (
            <a href={pageHref(ctx, form, page.page + 1)} rel="next">
              {t("learn.search.next")}
            </a>
          )}
        </nav>
      )}
    </section>
  );
}

/** `/learn/search`: a plain GET form (works without JavaScript), then results, an empty state or a hint. */
export function LearnSearchPage({ ctx, form, countries, errors, page, widened }: SearchProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("learn.title")}>
      <p>
        <a href={ctx.href("/learn")}>{t("learn.item.back")}</a>
      </p>
      <h1>{t("learn.search.heading")}</h1>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <form method="get" action="/learn/search" class="learn-search">
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <div class="field">
          <label for="learn-q">{t("learn.search.label")}</label>
          <p class="hint" id="learn-q-hint">
            {t("learn.search.hint")}
          </p>
          <input
            type="search"
            id="learn-q"
            name="q"
            value={form.q ?? ""}
            maxLength={200}
            autoComplete="off"
            aria-describedby="learn-q-hint"
          />
        </div>
        <Filters ctx={ctx} form={form} countries={countries} errors={errors} />
        <button type="submit" class="button">
          {t("learn.search.submit")}
        </button>
      </form>
      {widened && (
        <p class="panel-info" data-widened="">
          {t("learn.search.widened", { language: languageName(ctx.i18n.locale, ctx.i18n.locale) })}
        </p>
      )}
      {page && !page.blank && <Results ctx={ctx} form={form} page={page} />}
      {page?.blank && <p>{t("learn.search.blank")}</p>}
    </Layout>
  );
}
