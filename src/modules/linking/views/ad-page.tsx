import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { highlight } from "../ad-explanation.ts";
import type { AdDetail } from "../analyst.service.ts";
import { identifierTypeLabel, Marked, placeName, when } from "./analyst-parts.tsx";
import { Explanation } from "./ranked-ads.tsx";

/** One ad: its full text with every span highlighted, why it scored, its identifiers and its cluster. */
export function AdPage({ ctx, detail }: { ctx: PageContext; detail: AdDetail }) {
  const { t } = ctx;
  const { ad, explanation } = detail;
  return (
    <Layout ctx={ctx} title={t("analyst.ad.title")}>
      <p>
        <a href={ctx.href("/staff/ads")}>{t("analyst.ad.back")}</a>
      </p>
      <h1>{ad.title || t("analyst.ads.untitled")}</h1>
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
          <dd>{when(ctx, ad.posted_at)}</dd>
        </div>
        <div>
          <dt>{t("analyst.ad.site")}</dt>
          <dd>{ad.site || t("analyst.unknown")}</dd>
        </div>
        <div>
          <dt>{t("analyst.ad.sourceId")}</dt>
          <dd>
            <code>{ad.source_id}</code>
          </dd>
        </div>
        {ad.url && (
          <div>
            <dt>{t("analyst.ad.url")}</dt>
            {/* Shown, not linked: opening a trafficking ad from the console should be a deliberate act. */}
            <dd class="url">{ad.url}</dd>
          </div>
        )}
        <div>
          <dt>{t("analyst.ads.cluster")}</dt>
          <dd>
            <a href={ctx.href(`/staff/clusters/${ad.cluster_id}`)}>
              {t("analyst.ads.clusterSize", { count: detail.clusterSize })}
            </a>
          </dd>
        </div>
      </dl>
      {ad.repost_of && (
        <p class="panel-notice">
          {t("analyst.ad.repost")}{" "}
          <a href={ctx.href(`/staff/ads/${ad.repost_of}`)}>{t("analyst.ad.original")}</a>
        </p>
      )}
      <h2>{t("analyst.ad.text")}</h2>
      <p class="hint">{t("analyst.ad.marksHint")}</p>
      <div class="ad-text">
        <Marked segments={highlight(explanation.text, explanation.spans)} />
      </div>
      <h2>{t("analyst.ads.why")}</h2>
      <Explanation ctx={ctx} explanation={explanation} />
      <h2>{t("analyst.ad.identifiers")}</h2>
      {detail.identifiers.length === 0 ? (
        <p>{t("analyst.ad.noIdentifiers")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("analyst.cluster.type")}</th>
              <th scope="col">{t("analyst.cluster.value")}</th>
              <th scope="col">{t("analyst.ad.seenOn")}</th>
              <th scope="col">{t("analyst.ad.links")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.identifiers.map((i) => (
              <tr key={i.id}>
                <td>{identifierTypeLabel(ctx, i.type)}</td>
                <td>
                  <code>{i.value}</code>
                </td>
                <td>{t("analyst.ad.itemCount", { count: i.items })}</td>
                <td>{i.hub ? <strong class="hub">{t("analyst.hub")}</strong> : t("analyst.ad.linksYes")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail.other.length > 0 && (
        <>
          <h3>{t("analyst.ad.other")}</h3>
          <ul>
            {detail.other.map((i) => (
              <li key={`${i.type}-${i.start}`}>
                {identifierTypeLabel(ctx, i.type)}: <code>{i.raw}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
