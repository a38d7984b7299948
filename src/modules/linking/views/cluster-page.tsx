import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ClusterFacts, IdentifierFact } from "../cluster-facts.service.ts";
import { dayOf, identifierTypeLabel, placeName, TimelineChart, tierLabel, when } from "./analyst-parts.tsx";

export interface ClusterPageProps {
  readonly ctx: PageContext;
  readonly facts: ClusterFacts;
  /** The staff member may export the cluster as a lead. */
  readonly canExport: boolean;
  /** Reports in the cluster that the staff member's organisation holds (never another's). */
  readonly reports?: readonly { readonly reportId: string; readonly receivedAt: string }[];
  /** The staff member may open reports (else they are listed by date only). */
  readonly canOpenReports?: boolean;
}

function changeLabel(ctx: PageContext, change: IdentifierFact["change"]): string {
  if (change === "added") return ctx.t("analyst.cluster.added");
  if (change === "dropped") return ctx.t("analyst.cluster.dropped");
  if (change === "added-dropped") return ctx.t("analyst.cluster.addedDropped");
  return "";
}

function Summary({ ctx, facts }: { ctx: PageContext; facts: ClusterFacts }) {
  const { t } = ctx;
  return (
    <dl class="facts">
      <div>
        <dt>{t("analyst.cluster.items")}</dt>
        <dd>{facts.size}</dd>
      </div>
      <div>
        <dt>{t("analyst.cluster.firstSeen")}</dt>
        <dd>{when(ctx, facts.firstSeen)}</dd>
      </div>
      <div>
        <dt>{t("analyst.cluster.lastSeen")}</dt>
        <dd>{when(ctx, facts.lastSeen)}</dd>
      </div>
      <div>
        <dt>{t("analyst.cluster.countries")}</dt>
        <dd>{facts.countries.map((c) => placeName(ctx, null, c)).join(" · ") || t("analyst.unknown")}</dd>
      </div>
      <div>
        <dt>{t("analyst.cluster.cities")}</dt>
        <dd>{facts.cities.join(" · ") || t("analyst.unknown")}</dd>
      </div>
    </dl>
  );
}

function Identifiers({ ctx, facts }: { ctx: PageContext; facts: ClusterFacts }) {
  const { t } = ctx;
  if (facts.identifiers.length === 0) return <p>{t("analyst.ad.noIdentifiers")}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t("analyst.cluster.type")}</th>
          <th scope="col">{t("analyst.cluster.value")}</th>
          <th scope="col">{t("analyst.cluster.items")}</th>
          <th scope="col">{t("analyst.cluster.firstSeen")}</th>
          <th scope="col">{t("analyst.cluster.lastSeen")}</th>
          <th scope="col">{t("analyst.cluster.change")}</th>
        </tr>
      </thead>
      <tbody>
        {facts.identifiers.map((i) => (
          <tr key={i.id}>
            <td>{identifierTypeLabel(ctx, i.type)}</td>
            <td>
              <code>{i.value}</code>
              {i.hub && (
                <>
                  {" "}
                  <strong class="hub">{t("analyst.hub")}</strong>
                </>
              )}
            </td>
            <td>{i.items}</td>
            <td>{dayOf(ctx, i.firstSeen)}</td>
            <td>{dayOf(ctx, i.lastSeen)}</td>
            <td>{changeLabel(ctx, i.change)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Money({ ctx, facts }: { ctx: PageContext; facts: ClusterFacts }) {
  const { t } = ctx;
  const { identifiers, redFlags } = facts.money;
  return (
    <section aria-labelledby="money-title" id="money">
      <h2 id="money-title">{t("analyst.money.title")}</h2>
      <p>{t("analyst.money.intro")}</p>
      <h3>{t("analyst.money.identifiers")}</h3>
      {identifiers.length === 0 ? (
        <p>{t("analyst.money.noIdentifiers")}</p>
      ) : (
        <ul class="money-list">
          {identifiers.map((i) => (
            <li key={i.id}>
              {identifierTypeLabel(ctx, i.type)}: <code>{i.value}</code>{" "}
              {t("analyst.money.seenOn", { count: i.itemCount })}
              <ul class="inline-list">
                {i.items.map((item) => (
                  <li key={item.id}>
                    <a href={ctx.href(`/staff/ads/${item.id}`)}>{item.sourceId}</a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("analyst.money.redFlags")}</h3>
      {redFlags.length === 0 ? (
        <p>{t("analyst.money.noRedFlags")}</p>
      ) : (
        <ul>
          {redFlags.map((f) => (
            <li key={f.ruleId}>
              {f.description} — {t("analyst.cluster.onItems", { count: f.items })}
              {f.examples.length > 0 && (
                <>
                  {" "}
                  {f.examples.map((e) => (
                    <q key={e} class="excerpt">
                      <mark>{e}</mark>
                    </q>
                  ))}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ExportForms({ ctx, facts }: { ctx: PageContext; facts: ClusterFacts }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="export-title" class="actions">
      <h2 id="export-title">{t("analyst.lead.title")}</h2>
      <p>{t("analyst.lead.intro")}</p>
      <form method="post" action={`/staff/clusters/${facts.id}/lead`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <button type="submit">{t("analyst.lead.print")}</button>
      </form>{" "}
      <form method="post" action={`/staff/clusters/${facts.id}/lead.json`} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <button type="submit">{t("analyst.lead.json")}</button>
      </form>
    </section>
  );
}

/** A cluster: summary, timeline, places, identifiers, people, indicators, money, items. */
function HeldReports({
  ctx,
  reports,
  canOpen,
}: {
  ctx: PageContext;
  reports: ClusterPageProps["reports"];
  canOpen: boolean;
}) {
  if (!reports || reports.length === 0) return null;
  const { t } = ctx;
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">{t("analyst.cluster.reportsTitle")}</h2>
      <p>{t("analyst.cluster.reportsHint")}</p>
      <ul>
        {reports.map((r) => {
          const label = t("analyst.cluster.reportReceived", { date: ctx.i18n.dateTime(r.receivedAt) });
          return (
            <li key={r.reportId}>
              {canOpen ? <a href={ctx.href(`/staff/reports/${r.reportId}`)}>{label}</a> : label}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ClusterPage({ ctx, facts, canExport, reports, canOpenReports }: ClusterPageProps) {
  const { t } = ctx;
  const base = `/staff/clusters/${facts.id}`;
  return (
    <Layout ctx={ctx} title={t("analyst.cluster.title")}>
      <p>
        <a href={ctx.href("/staff/clusters")}>{t("analyst.cluster.back")}</a>
      </p>
      <h1>{t("analyst.cluster.heading", { count: facts.size })}</h1>
      <Summary ctx={ctx} facts={facts} />
      {facts.counted < facts.size && (
        <p class="panel-notice">{t("analyst.cluster.capped", { count: facts.counted })}</p>
      )}
      <HeldReports ctx={ctx} reports={reports} canOpen={canOpenReports ?? false} />
      {/* The network graph has its own page (its island is the largest script of the console, loaded only there). */}
      <section id="network" aria-labelledby="network-title" data-cluster={facts.id}>
        <h2 id="network-title">{t("analyst.cluster.network")}</h2>
        <p>
          <a href={ctx.href(`${base}/network`)}>{t("analyst.cluster.networkLink")}</a>
        </p>
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("analyst.cluster.timeline")}</h2>
        <TimelineChart ctx={ctx} unit={facts.timeline.unit} buckets={facts.timeline.buckets} />
      </section>
      <section aria-labelledby="places-title" id="places">
        <h2 id="places-title">{t("analyst.cluster.places")}</h2>
        <p>{t("analyst.cluster.placesIntro")}</p>
        {facts.places.length === 0 ? (
          <p>{t("analyst.unknown")}</p>
        ) : (
          <ol class="places">
            {facts.places.map((pl) => (
              <li key={`${pl.city}-${pl.country}`}>
                <strong>{placeName(ctx, pl.city, pl.country)}</strong>{" "}
                {t("analyst.cluster.placeFacts", {
                  count: pl.items,
                  first: dayOf(ctx, pl.firstSeen),
                  last: dayOf(ctx, pl.lastSeen),
                })}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby="identifiers-title" id="identifiers">
        <h2 id="identifiers-title">{t("analyst.cluster.identifiers")}</h2>
        <p>{t("analyst.cluster.changeRule")}</p>
        <Identifiers ctx={ctx} facts={facts} />
      </section>
      <section aria-labelledby="people-title" id="people">
        <h2 id="people-title">{t("analyst.cluster.people")}</h2>
        <p>{t("analyst.cluster.peopleIntro", { count: facts.sampled })}</p>
        {facts.people.length === 0 ? (
          <p>{t("analyst.cluster.noPeople")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("analyst.idType.phone")}</th>
                <th scope="col">{t("analyst.cluster.names")}</th>
                <th scope="col">{t("analyst.cluster.ages")}</th>
              </tr>
            </thead>
            <tbody>
              {facts.people.map((person) => (
                <tr key={person.phone}>
                  <td>
                    <code>{person.phone}</code>
                  </td>
                  <td>{person.names.join(", ") || "—"}</td>
                  <td>{person.ages.join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="indicators-title" id="indicators">
        <h2 id="indicators-title">{t("analyst.cluster.indicators")}</h2>
        {facts.topIndicators.length === 0 ? (
          <p>{t("analyst.ads.noRules")}</p>
        ) : (
          <ul>
            {facts.topIndicators.map((i) => (
              <li key={i.ruleId}>
                {i.description} ({tierLabel(ctx, i.tier)}) —{" "}
                {t("analyst.cluster.onItems", { count: i.items })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Money ctx={ctx} facts={facts} />
      <section aria-labelledby="items-title" id="items">
        <h2 id="items-title">{t("analyst.cluster.itemsTitle")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("analyst.ads.posted")}</th>
              <th scope="col">{t("analyst.cluster.item")}</th>
              <th scope="col">{t("analyst.ads.place")}</th>
              <th scope="col">{t("analyst.ads.score")}</th>
            </tr>
          </thead>
          <tbody>
            {facts.items.rows.map((item) => (
              <tr key={item.id}>
                <td>{dayOf(ctx, item.postedAt)}</td>
                <td>
                  <a href={ctx.href(`/staff/ads/${item.id}`)}>{item.title || item.sourceId}</a>
                  {item.repostOf && ` (${t("analyst.cluster.repost")})`}
                </td>
                <td>{placeName(ctx, item.city, item.country)}</td>
                <td>{item.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav class="pager" aria-label={t("analyst.pages")}>
          {facts.items.offset > 0 && <a href={ctx.href(`${base}#items`)}>{t("analyst.firstPage")}</a>}{" "}
          {facts.items.next !== null && (
            <a href={ctx.href(base, { items: String(facts.items.next) })} rel="next">
              {t("analyst.nextPage")}
            </a>
          )}
        </nav>
      </section>
      {canExport && <ExportForms ctx={ctx} facts={facts} />}
    </Layout>
  );
}
