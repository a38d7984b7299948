import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ReadableItem } from "../library-reading.service.ts";
import { safeHref } from "../markdown.ts";
import {
  contentLang,
  ItemFacts,
  languageName,
  Prose,
  Sources,
  TranslationLinks,
  text,
  textList,
  typeLabel,
} from "./learn-parts.tsx";

/** A best practice's structured parts (`details`): the problem, what was done, where, results, contact. */
function PracticeDetails({ ctx, item }: { ctx: PageContext; item: ReadableItem }) {
  const { t } = ctx;
  const d = item.details;
  const parts = [
    ["problem", t("learn.practice.problem"), text(d.problem)],
    ["actions", t("learn.practice.actions"), text(d.actions)],
    ["where", t("learn.practice.where"), text(d.where)],
    ["evidence", t("learn.practice.evidence"), text(d.evidence)],
    ["contact", t("learn.practice.contact"), text(d.contact)],
  ] as const;
  return (
    <div class="learn-practice">
      {parts.map(([id, label, value]) =>
        value ? (
          <section key={id} aria-labelledby={`practice-${id}`}>
            <h2 id={`practice-${id}`}>{label}</h2>
            <Prose markdown={value} language={item.language} />
          </section>
        ) : null,
      )}
    </div>
  );
}

/** A file's size in the visitor's language: "820 KB", "3.4 MB". */
function fileSize(ctx: PageContext, bytes: number): string {
  const mb = bytes / (1024 * 1024);
  const format = new Intl.NumberFormat(ctx.i18n.locale, { maximumFractionDigits: 1 });
  return mb >= 1 ? `${format.format(mb)} MB` : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** A resource's record: publisher, year, language, licence, and its link or file. */
function ResourceDetails({ ctx, item }: { ctx: PageContext; item: ReadableItem }) {
  const { t } = ctx;
  const d = item.details;
  const url = text(d.url) && safeHref(text(d.url) as string);
  const language = text(d.resourceLanguage);
  const rows = [
    [t("learn.resource.publisher"), text(d.publisher)],
    [t("learn.resource.year"), text(d.year)],
    [t("learn.resource.language"), language && languageName(ctx.i18n.locale, language)],
    [t("learn.resource.licence"), text(d.licence)],
  ] as const;
  return (
    <section aria-labelledby="resource-about">
      <h2 id="resource-about">{t("learn.resource.about")}</h2>
      <dl class="learn-facts">
        {rows.map(([label, value]) =>
          value ? (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
      {url && (
        <p>
          <a class="button" href={url} rel={url.startsWith("/") ? undefined : "noopener noreferrer"}>
            {t("learn.resource.open")}
          </a>
        </p>
      )}
      {item.file && (
        <p>
          <a class="button" href={item.file.href} download={item.file.filename} data-resource-file="">
            {t("learn.resource.download", {
              name: item.file.filename,
              size: fileSize(ctx, item.file.size),
            })}
          </a>
        </p>
      )}
    </section>
  );
}

interface LearnItemProps {
  readonly ctx: PageContext;
  readonly item: ReadableItem;
}

/** The page of a published article, guide, best practice, resource or survivor's story. */
export function LearnItemPage({ ctx, item }: LearnItemProps) {
  const { t } = ctx;
  const sources = textList(item.details.sources);
  return (
    <Layout ctx={ctx} title={t("learn.title")}>
      <p>
        <a href={ctx.href("/learn")}>{t("learn.item.back")}</a>
      </p>
      {item.notInWantedLanguage && (
        <p class="learn-notice" role="note">
          {t("learn.item.notTranslated", { language: languageName(ctx.i18n.locale, item.language) })}
        </p>
      )}
      <article class="learn-item">
        <p class="learn-kind">{typeLabel(t, item.type)}</p>
        <h1 {...contentLang(ctx, item.language)}>{item.title}</h1>
        {item.summary && (
          <p class="learn-summary" {...contentLang(ctx, item.language)}>
            {item.summary}
          </p>
        )}
        {item.type === "story" && <p class="learn-notice">{t("learn.story.consent")}</p>}
        <ItemFacts ctx={ctx} item={item} />
        {item.type === "best_practice" && <PracticeDetails ctx={ctx} item={item} />}
        {item.body && <Prose markdown={item.body} language={item.language} />}
        {item.type === "resource" && <ResourceDetails ctx={ctx} item={item} />}
      </article>
      <Sources ctx={ctx} sources={sources} />
      <TranslationLinks ctx={ctx} translations={item.translations} />
      <p>
        {t("glossary.report")} <a href={ctx.href("/report")}>{t("learn.startReport")}</a>
      </p>
    </Layout>
  );
}
