import { ErrorSummary, type FieldError, fieldId, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { RankedAdsQuery } from "../analyst.schema.ts";
import type { RankedAd, RankedPage } from "../analyst.service.ts";
import { Marked, placeName, tierLabel, when } from "./analyst-parts.tsx";

export interface RankedAdsProps {
  readonly ctx: PageContext;
  readonly query: RankedAdsQuery;
  readonly result: RankedPage;
  readonly errors: readonly FieldError[];
}

function DateField({ ctx, name, value }: { ctx: PageContext; name: "from" | "to"; value?: string }) {
  return (
    <div class="field">
      <label for={fieldId(name)}>{ctx.t(`analyst.ads.${name}`)}</label>
      <input id={fieldId(name)} name={name} type="date" value={value ?? ""} />
    </div>
  );
}

function Filters({ ctx, query, errors }: Pick<RankedAdsProps, "ctx" | "query" | "errors">) {
  const { t } = ctx;
  return (
    <form method="get" action="/staff/ads" class="inbox-filters" aria-labelledby="ads-filters-title">
      <h2 id="ads-filters-title">{t("analyst.ads.filters")}</h2>
      {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
      <div class="inbox-filter-grid">
        <TextInput
          name="country"
          label={t("analyst.ads.country")}
          errors={errors}
          value={query.country}
          maxLength={2}
        />
        <TextInput
          name="city"
          label={t("analyst.ads.city")}
          errors={errors}
          value={query.city}
          maxLength={100}
        />
        <TextInput
          name="site"
          label={t("analyst.ads.site")}
          errors={errors}
          value={query.site}
          maxLength={200}
        />
        <TextInput
          name="minScore"
          label={t("analyst.ads.minScore")}
          errors={errors}
          value={query.minScore === undefined ? "" : String(query.minScore)}
          inputMode="numeric"
          maxLength={3}
        />
        <DateField ctx={ctx} name="from" value={query.from} />
        <DateField ctx={ctx} name="to" value={query.to} />
      </div>
      <button type="submit">{t("analyst.ads.apply")}</button>
    </form>
  );
}

/** The rules an ad matched, each with its tier, weight and the span that triggered it. */
export function Explanation({
  ctx,
  explanation,
}: {
  ctx: PageContext;
  explanation: RankedAd["explanation"];
}) {
  if (explanation.matches.length === 0) return <p>{ctx.t("analyst.ads.noRules")}</p>;
  return (
    <ul class="explanation">
      {explanation.matches.map((m, i) => (
        <li key={`${m.ruleId}-${i}`}>
          <span class="rule">{m.description}</span>{" "}
          <span class={`tier tier-${m.tier}`}>
            {ctx.t("analyst.ads.ruleFacts", { tier: tierLabel(ctx, m.tier), weight: m.weight })}
          </span>
          <q class="excerpt">
            <Marked segments={m.excerpt} />
          </q>
        </li>
      ))}
    </ul>
  );
}

function AdRow({ ctx, ad }: { ctx: PageContext; ad: RankedAd }) {
  const { t } = ctx;
  return (
    <li class="ranked-ad">
      <article aria-labelledby={`ad-${ad.id}`}>
        <h3 id={`ad-${ad.id}`}>
          <a href={ctx.href(`/staff/ads/${ad.id}`)}>{ad.title || t("analyst.ads.untitled")}</a>
        </h3>
        <dl class="facts">
          <div>
            <dt>{t("analyst.ads.score")}</dt>
            <dd class="score">{ad.score}</dd>
          </div>
          <div>
            <dt>{t("analyst.ads.place")}</dt>
            <dd>{placeName(ctx, ad.city, ad.country)}</dd>
          </div>
          <div>
            <dt>{t("analyst.ads.posted")}</dt>
            <dd>{when(ctx, ad.postedAt)}</dd>
          </div>
          <div>
            <dt>{t("analyst.ads.cluster")}</dt>
            <dd>
              <a href={ctx.href(`/staff/clusters/${ad.clusterId}`)}>
                {t("analyst.ads.clusterSize", { count: ad.clusterSize })}
              </a>
            </dd>
          </div>
        </dl>
        <h4>{t("analyst.ads.why")}</h4>
        <Explanation ctx={ctx} explanation={ad.explanation} />
      </article>
    </li>
  );
}

/** Ads ranked by score with the reason for each score. */
export function RankedAdsPage({ ctx, query, result, errors }: RankedAdsProps) {
  const { t } = ctx;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k !== "cursor" && k !== "lang" && v !== undefined && v !== "") params[k] = String(v);
  }
  return (
    <Layout ctx={ctx} title={t("analyst.ads.title")}>
      <h1>{t("analyst.ads.title")}</h1>
      <p>{t("analyst.ads.intro")}</p>
      <ErrorSummary title={t("analyst.invalidTitle")} errors={errors} />
      <Filters ctx={ctx} query={query} errors={errors} />
      <h2>{t("analyst.ads.results")}</h2>
      {result.ads.length === 0 ? (
        <p>{t("analyst.ads.none")}</p>
      ) : (
        <ol class="ranked-ads">
          {result.ads.map((ad) => (
            <AdRow key={ad.id} ctx={ctx} ad={ad} />
          ))}
        </ol>
      )}
      <nav class="pager" aria-label={t("analyst.pages")}>
        {query.cursor && <a href={ctx.href("/staff/ads", params)}>{t("analyst.firstPage")}</a>}{" "}
        {result.next && (
          <a href={ctx.href("/staff/ads", { ...params, cursor: result.next })} rel="next">
            {t("analyst.nextPage")}
          </a>
        )}
      </nav>
    </Layout>
  );
}
