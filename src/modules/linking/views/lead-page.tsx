import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { LeadPackage } from "../lead-export.service.ts";
import { identifierTypeLabel, placeName, when } from "./analyst-parts.tsx";

interface LeadFacts {
  readonly identifiers: readonly { id: string; type: string; value: string; items: number; hub: boolean }[];
  readonly places: readonly {
    city: string | null;
    country: string | null;
    items: number;
    firstSeen: string;
  }[];
}

/** A lead as a printable page: the same package as the JSON, with every hash. */
export function LeadPage({ ctx, lead }: { ctx: PageContext; lead: LeadPackage }) {
  const { t } = ctx;
  const cluster = lead.cluster as {
    id: string;
    size: number;
    firstSeen: string | null;
    lastSeen: string | null;
  };
  const facts = lead.facts as unknown as LeadFacts;
  return (
    <Layout ctx={ctx} title={t("analyst.lead.title")}>
      <article class="lead">
        <h1>{t("analyst.lead.heading", { count: cluster.size })}</h1>
        <dl class="facts">
          <div>
            <dt>{t("analyst.lead.cluster")}</dt>
            <dd>
              <code>{cluster.id}</code>
            </dd>
          </div>
          <div>
            <dt>{t("analyst.lead.exportedBy")}</dt>
            <dd>
              {lead.exportedBy.name} ({lead.exportedBy.organisation})
            </dd>
          </div>
          <div>
            <dt>{t("analyst.lead.exportedAt")}</dt>
            <dd>{when(ctx, lead.exportedAt)}</dd>
          </div>
          <div>
            <dt>{t("analyst.cluster.firstSeen")}</dt>
            <dd>{when(ctx, cluster.firstSeen)}</dd>
          </div>
          <div>
            <dt>{t("analyst.cluster.lastSeen")}</dt>
            <dd>{when(ctx, cluster.lastSeen)}</dd>
          </div>
          <div>
            <dt>{t("analyst.lead.packageSha")}</dt>
            <dd>
              <code class="hash">{lead.packageSha256}</code>
            </dd>
          </div>
        </dl>
        <p>{t("analyst.lead.verify")}</p>
        <p class="panel-notice">{t("analyst.lead.noReports")}</p>
        {lead.itemsIncluded < cluster.size && (
          <p>{t("analyst.lead.truncated", { count: lead.itemsIncluded })}</p>
        )}
        <h2>{t("analyst.cluster.places")}</h2>
        <ol>
          {facts.places.map((pl) => (
            <li key={`${pl.city}-${pl.country}`}>
              {placeName(ctx, pl.city, pl.country)} — {when(ctx, pl.firstSeen)} ({pl.items})
            </li>
          ))}
        </ol>
        <h2>{t("analyst.cluster.identifiers")}</h2>
        <ul>
          {facts.identifiers.map((i) => (
            <li key={i.id}>
              {identifierTypeLabel(ctx, i.type)}: <code>{i.value}</code> ({i.items})
              {i.hub && ` — ${t("analyst.hub")}`}
            </li>
          ))}
        </ul>
        <h2>{t("analyst.cluster.itemsTitle")}</h2>
        {lead.items.map((item) => (
          <section key={item.lanternId} class="lead-item" aria-labelledby={`item-${item.lanternId}`}>
            <h3 id={`item-${item.lanternId}`}>{item.title || item.id}</h3>
            <dl class="facts">
              <div>
                <dt>{t("analyst.ad.sourceId")}</dt>
                <dd>
                  <code>{item.id}</code>
                </dd>
              </div>
              <div>
                <dt>{t("analyst.ad.site")}</dt>
                <dd>{item.site || t("analyst.unknown")}</dd>
              </div>
              <div>
                <dt>{t("analyst.ad.url")}</dt>
                <dd class="url">{item.url ?? t("analyst.unknown")}</dd>
              </div>
              <div>
                <dt>{t("analyst.ads.posted")}</dt>
                <dd>{when(ctx, item.postedAt)}</dd>
              </div>
              <div>
                <dt>{t("analyst.ads.place")}</dt>
                <dd>{placeName(ctx, item.city, item.country)}</dd>
              </div>
              <div>
                <dt>SHA-256</dt>
                <dd>
                  <code class="hash">{item.sha256}</code>
                </dd>
              </div>
            </dl>
            <div class="ad-text">{item.text}</div>
          </section>
        ))}
      </article>
    </Layout>
  );
}
