import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES } from "../../../platform/views/layout.tsx";
import { ITEM_TYPES } from "../library.service.ts";
import type { Facets, ReadableItem, Translation } from "../library-reading.service.ts";
import { itemPath } from "../library-reading.service.ts";
import { renderMarkdown } from "../markdown.ts";
import { AUDIENCES, LEVELS, TOPICS } from "../seed-content.ts";

/** Shared pieces of the public library pages: labels for the library's codes, facets, translations. */

type T = PageContext["t"];
const known = (list: readonly string[], value: string) => list.includes(value);

export const typeLabel = (t: T, type: string) =>
  known(ITEM_TYPES, type) ? t(`learn.type.${type}` as MessageKey) : type;
export const levelLabel = (t: T, level: string) =>
  known(LEVELS, level) ? t(`learn.level.${level}` as MessageKey) : level;
export const audienceLabel = (t: T, audience: string) =>
  known(AUDIENCES, audience) ? t(`learn.audience.${audience}` as MessageKey) : audience;
export const topicLabel = (t: T, topic: string) =>
  known(TOPICS, topic) ? t(`learn.topic.${topic}` as MessageKey) : topic;

/** A country's name in the reader's language (the code itself when Intl does not know it). */
export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's own name ("Español"), else its name in the reader's language. */
export function languageName(locale: string, code: string): string {
  if (LANGUAGE_NAMES[code]) return LANGUAGE_NAMES[code];
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatDate(locale: string, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(date);
}

export const dirOf = (language: string): "rtl" | "ltr" => (language === "ar" ? "rtl" : "ltr");

/** Attributes for content in another language than the page's (screen readers pronounce it right). */
export function contentLang(ctx: PageContext, language: string): { lang?: string; dir?: "rtl" | "ltr" } {
  return language === ctx.i18n.locale ? {} : { lang: language, dir: dirOf(language) };
}

/** A library body (Markdown) as sanitised HTML, marked with its language. */
export function Prose({ markdown, language }: { markdown: string; language: string }) {
  // renderMarkdown's output is sanitised with an allow-list (markdown.ts): no script, handler or remote image.
  return (
    <div
      class="prose"
      lang={language}
      dir={dirOf(language)}
      dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }}
    />
  );
}

/** Level, audiences, topics, countries and last update of an item, as a definition list. */
export function ItemFacts({
  ctx,
  item,
}: {
  ctx: PageContext;
  item: Pick<ReadableItem, "level" | "updatedAt"> & { facets: Facets };
}) {
  const { t } = ctx;
  const locale = ctx.i18n.locale;
  const { audiences, topics, countries } = item.facets;
  return (
    <dl class="learn-facts">
      <div>
        <dt>{t("learn.item.level")}</dt>
        <dd>{levelLabel(t, item.level)}</dd>
      </div>
      {audiences.length > 0 && (
        <div>
          <dt>{t("learn.item.audiences")}</dt>
          <dd>{audiences.map((a) => audienceLabel(t, a)).join(", ")}</dd>
        </div>
      )}
      {topics.length > 0 && (
        <div>
          <dt>{t("learn.item.topics")}</dt>
          <dd>{topics.map((a) => topicLabel(t, a)).join(", ")}</dd>
        </div>
      )}
      {countries.length > 0 && (
        <div>
          <dt>{t("learn.item.countries")}</dt>
          <dd>{countries.map((c) => countryName(locale, c)).join(", ")}</dd>
        </div>
      )}
      <div>
        <dt>{t("learn.item.updatedLabel")}</dt>
        <dd>
          <time dateTime={item.updatedAt}>{formatDate(locale, item.updatedAt)}</time>
        </dd>
      </div>
    </dl>
  );
}

/** Links to an item's other languages, each marked with its language (`hreflang`, `lang`). */
export function TranslationLinks({
  ctx,
  translations,
}: {
  ctx: PageContext;
  translations: readonly Translation[];
}) {
  if (translations.length === 0) return null;
  return (
    <section class="learn-translations" aria-labelledby="learn-translations">
      <h2 id="learn-translations">{ctx.t("learn.item.translations")}</h2>
      <ul>
        {translations.map((tr) => (
          <li key={tr.language}>
            <a
              href={ctx.href(itemPath(tr.type, tr.slug), { lang: tr.language })}
              hrefLang={tr.language}
              lang={tr.language}
              dir={dirOf(tr.language)}
            >
              {languageName(ctx.i18n.locale, tr.language)}: {tr.title}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A list of strings from details, whatever was stored (a string, a list, or nothing). */
export function textList(value: unknown): string[] {
  if (typeof value === "string") return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string" && v.trim() !== "");
  return [];
}

/** A string from details, or undefined for anything else (numbers become text). */
export function text(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim()) return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function Sources({ ctx, sources }: { ctx: PageContext; sources: readonly string[] }) {
  if (sources.length === 0) return null;
  const lang = ctx.i18n.locale === "en" ? {} : { lang: "en", dir: "ltr" as const };
  return (
    <section aria-labelledby="learn-sources">
      <h2 id="learn-sources">{ctx.t("learn.item.sources")}</h2>
      <ul>
        {sources.map((s) => (
          <li key={s} {...lang}>
            {s}
          </li>
        ))}
      </ul>
    </section>
  );
}
