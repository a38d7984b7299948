import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ClusterGraph, GraphNode } from "../network.schema.ts";
import { NetworkIsland, nodeTypeName } from "./network-island.tsx";

/** An item as a line of the table: an ad's title, site and date, or a report held here. */
function ItemLine({
  ctx,
  node,
  canOpenReports,
}: {
  ctx: PageContext;
  node: GraphNode;
  canOpenReports: boolean;
}) {
  if (node.kind === "report") {
    const text = ctx.t("network.reportLine", { date: ctx.i18n.dateTime(node.receivedAt ?? "") });
    return (
      <li>{canOpenReports ? <a href={ctx.href(`/staff/reports/${node.reportId}`)}>{text}</a> : text}</li>
    );
  }
  return (
    <li>
      {node.label || ctx.t("network.untitled")}
      <span class="muted">
        {" · "}
        {node.site}
        {node.postedAt ? ` · ${ctx.i18n.dateTime(node.postedAt)}` : ""}
        {node.repost ? ` · ${ctx.t("network.repost")}` : ""}
      </span>
    </li>
  );
}

/**
 * The network of a cluster: the island (JavaScript on) and, always, the same graph as a table of the
 * identifiers and the ads each ties together, one community at a time.
 */
export function NetworkPage({
  ctx,
  graph,
  community,
  canOpenReports,
}: {
  ctx: PageContext;
  graph: ClusterGraph;
  community: number;
  /** The viewer may open reports (links to them), not only see that they share an identifier. */
  canOpenReports: boolean;
}) {
  const { t } = ctx;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const tied = new Map<string, GraphNode[]>();
  for (const e of graph.edges) {
    const item = nodes.get(e.source);
    if (item) tied.set(e.target, [...(tied.get(e.target) ?? []), item]);
  }
  const identifiers = graph.nodes
    .filter((n) => n.kind === "identifier" && n.community === community)
    .sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
  const ads = graph.nodes.filter((n) => n.kind === "ad" && n.community === community);
  const reports = graph.nodes.filter((n) => n.kind === "report" && n.community === community);
  const title = t("network.title");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {t("network.summary", {
          ads: graph.totalAds,
          identifiers: graph.nodes.filter((n) => n.kind === "identifier").length,
        })}
      </p>
      {graph.truncated && <p class="notice">{t("network.truncated")}</p>}
      <section id="network" aria-label={t("network.graphHeading")}>
        <NetworkIsland ctx={ctx} clusterId={graph.clusterId} />
      </section>
      <section aria-labelledby="network-table-heading">
        <h2 id="network-table-heading">{t("network.tableHeading")}</h2>
        {graph.communities.length > 1 && (
          <form method="get" action={`/staff/clusters/${graph.clusterId}/network`} class="inline-search">
            {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
            <div>
              <label for="table-community">{t("network.community")}</label>
              <select id="table-community" name="community">
                {graph.communities.map((c) => (
                  <option key={c.id} value={String(c.id)} selected={c.id === community}>
                    {t("network.communityOption", { number: c.id + 1, size: c.size })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button">
              {t("network.show")}
            </button>
          </form>
        )}
        <table class="table" data-network-table="">
          <caption>
            {t("network.tableCaption", {
              identifiers: identifiers.length,
              ads: ads.length,
              reports: reports.length,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("network.field.type")}</th>
              <th scope="col">{t("network.field.identifier")}</th>
              <th scope="col">{t("network.field.items")}</th>
            </tr>
          </thead>
          <tbody>
            {identifiers.map((n) => (
              <tr key={n.id}>
                <td>{nodeTypeName(ctx, n.type)}</td>
                <td>
                  <span class="identifier-value">{n.label}</span>
                  {n.hub && <strong class="tag">{t("network.hub")}</strong>}
                </td>
                <td>
                  <ul class="plain-list">
                    {(tied.get(n.id) ?? []).map((item) => (
                      <ItemLine key={item.id} ctx={ctx} node={item} canOpenReports={canOpenReports} />
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
