import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { itemPath } from "../library-reading.service.ts";
import { AUDIENCES, SEED_LANGUAGES, TOPICS } from "../seed-content.ts";
import { audienceLabel, contentLang, topicLabel, typeLabel } from "./learn-parts.tsx";

interface Listed {
  readonly type: string;
  readonly slug: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
}

interface HubProps {
  readonly ctx: PageContext;
  readonly kits: readonly Listed[];
  readonly recent: readonly Listed[];
}

/** The search form's one box (the full form with filters is on /learn/search). */
export function SearchBox({
  ctx,
  query = "",
  id = "learn-q",
}: {
  ctx: PageContext;
  query?: string;
  id?: string;
}) {
  const { t } = ctx;
  return (
    <form method="get" action="/learn/search" class="inline-search">
      {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
      <label for={id}>{t("learn.search.label")}</label>
      <input type="search" id={id} name="q" value={query} maxLength={200} autoComplete="off" />
      <button type="submit" class="button">
        {t("learn.search.submit")}
      </button>
    </form>
  );
}

/** `/learn`: what the library is, a search box, ways in by audience and topic, kits, tools, what is new. */
export function LearnHubPage({ ctx, kits, recent }: HubProps) {
  const { t } = ctx;
  const locale = ctx.i18n.locale;
  // Browsing lists one language; the visitor's when the library has it, else English.
  const language = (SEED_LANGUAGES as readonly string[]).includes(locale) ? locale : "en";
  const browse = (facet: string, value: string) => ctx.href("/learn/search", { [facet]: value, language });
  return (
    <Layout ctx={ctx} title={t("learn.title")}>
      <h1>{t("learn.hub.heading")}</h1>
      <p>{t("learn.hub.intro")}</p>
      <SearchBox ctx={ctx} />
      <section aria-labelledby="learn-audiences">
        <h2 id="learn-audiences">{t("learn.hub.byAudience")}</h2>
        <ul class="learn-links">
          {AUDIENCES.map((a) => (
            <li key={a}>
              <a href={browse("audience", a)}>{audienceLabel(t, a)}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="learn-topics">
        <h2 id="learn-topics">{t("learn.hub.byTopic")}</h2>
        <ul class="learn-links">
          {TOPICS.map((topic) => (
            <li key={topic}>
              <a href={browse("topic", topic)}>{topicLabel(t, topic)}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="learn-kits">
        <h2 id="learn-kits">{t("learn.hub.kits")}</h2>
        <p>{t("learn.hub.kitsIntro")}</p>
        <ul>
          {kits.map((kit) => (
            <li key={kit.slug}>
              <a href={ctx.href(itemPath(kit.type, kit.slug))} {...contentLang(ctx, kit.language)}>
                {kit.title}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="learn-tools">
        <h2 id="learn-tools">{t("learn.hub.tools")}</h2>
        <ul>
          <li>
            <a href={ctx.href("/learn/screener")}>{t("learn.hub.screener")}</a>
          </li>
          <li>
            <a href={ctx.href("/learn/glossary")}>{t("learn.hub.glossary")}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="learn-recent">
        <h2 id="learn-recent">{t("learn.hub.recent")}</h2>
        {recent.length === 0 ? (
          <p>{t("learn.hub.empty")}</p>
        ) : (
          <ul class="learn-results">
            {recent.map((item) => (
              <li key={`${item.language}-${item.slug}`}>
                <a href={ctx.href(itemPath(item.type, item.slug))} {...contentLang(ctx, item.language)}>
                  {item.title}
                </a>{" "}
                <span class="tag">{typeLabel(t, item.type)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
