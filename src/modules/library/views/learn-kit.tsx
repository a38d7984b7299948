import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { KitPart, ReadableItem } from "../library-reading.service.ts";
import { contentLang, dirOf, ItemFacts, languageName, Prose, TranslationLinks } from "./learn-parts.tsx";

interface KitProps {
  readonly ctx: PageContext;
  readonly kit: ReadableItem;
  readonly parts: readonly KitPart[];
}

function partTitle(ctx: PageContext, part: KitPart): string {
  if (part.kind === "screener") return ctx.t("learn.kit.screener");
  if (part.kind === "glossary") return ctx.t("learn.kit.glossaryItem", { term: part.title });
  return part.title;
}

/** `/learn/kits/:slug`: the introduction, then the kit's items in order, and the printable version. */
export function LearnKitPage({ ctx, kit, parts }: KitProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("learn.title")}>
      <p>
        <a href={ctx.href("/learn")}>{t("learn.item.back")}</a>
      </p>
      {kit.notInWantedLanguage && (
        <p class="learn-notice" role="note">
          {t("learn.item.notTranslated", { language: languageName(ctx.i18n.locale, kit.language) })}
        </p>
      )}
      <article class="learn-item">
        <p class="learn-kind">{t("learn.type.kit")}</p>
        <h1 {...contentLang(ctx, kit.language)}>{kit.title}</h1>
        <ItemFacts ctx={ctx} item={kit} />
        <Prose markdown={kit.body} language={kit.language} />
        <p>
          <a class="button" href={ctx.href(`/learn/kits/${encodeURIComponent(kit.slug)}/print`)}>
            {t("learn.kit.print")}
          </a>
        </p>
        <h2>{t("learn.kit.items")}</h2>
        <ol class="learn-kit-items">
          {parts.map((part, i) => (
            <li key={`${part.kind}-${i}`}>
              {part.kind === "text" ? (
                <details>
                  <summary {...contentLang(ctx, part.language)}>{part.title}</summary>
                  <Prose markdown={part.body} language={part.language} />
                </details>
              ) : part.kind === "screener" ? (
                <a href={ctx.href(part.path)}>{partTitle(ctx, part)}</a>
              ) : (
                <>
                  <a href={ctx.href(part.path)} {...contentLang(ctx, part.language)}>
                    {partTitle(ctx, part)}
                  </a>
                  {part.kind === "article" && part.summary && (
                    <p class="hint" {...contentLang(ctx, part.language)}>
                      {part.summary}
                    </p>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      </article>
      <TranslationLinks ctx={ctx} translations={kit.translations} />
    </Layout>
  );
}

/** `/learn/kits/:slug/print`: the whole kit as one document, each part on its own printed page. */
export function LearnKitPrintPage({ ctx, kit, parts }: KitProps) {
  const { t } = ctx;
  const locale = ctx.i18n.locale;
  // The document is the kit's, in the kit's language; the page's own words keep the page's language.
  const ui = kit.language === locale ? {} : { lang: locale, dir: dirOf(locale) };
  return (
    <Layout ctx={ctx} title={t("learn.title")}>
      <p class="screen-only">
        <a href={ctx.href(`/learn/kits/${encodeURIComponent(kit.slug)}`)}>{t("learn.kit.back")}</a>
      </p>
      <p class="hint screen-only">{t("learn.kit.printHint")}</p>
      {kit.notInWantedLanguage && (
        <p class="learn-notice screen-only" role="note">
          {t("learn.item.notTranslated", { language: languageName(locale, kit.language) })}
        </p>
      )}
      <article class="print-document" {...contentLang(ctx, kit.language)}>
        <header>
          <h1>{kit.title}</h1>
        </header>
        <Prose markdown={kit.body} language={kit.language} />
        <nav aria-labelledby="kit-contents">
          <h2 id="kit-contents" {...ui}>
            {t("learn.kit.contents")}
          </h2>
          <ol>
            {parts.map((part, i) => (
              <li key={`${part.kind}-${i}`}>
                <a href={`#part-${i + 1}`}>{partTitle(ctx, part)}</a>
              </li>
            ))}
          </ol>
        </nav>
        {parts.map((part, i) => (
          <section
            key={`${part.kind}-${i}`}
            class="print-part"
            id={`part-${i + 1}`}
            aria-labelledby={`part-${i + 1}-title`}
          >
            <p class="learn-kind" {...ui}>
              {t("learn.kit.part", { number: i + 1 })}
            </p>
            <h2
              id={`part-${i + 1}-title`}
              {...(part.kind === "screener" ? ui : contentLang(ctx, part.language))}
            >
              {partTitle(ctx, part)}
            </h2>
            {part.kind === "screener" ? (
              <p {...ui}>{t("learn.kit.screenerText", { path: "/learn/screener" })}</p>
            ) : (
              <>
                {part.kind === "article" && part.summary && <p class="learn-summary">{part.summary}</p>}
                <Prose markdown={part.body} language={part.language} />
              </>
            )}
          </section>
        ))}
      </article>
    </Layout>
  );
}
