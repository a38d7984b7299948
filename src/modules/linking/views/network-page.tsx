import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ClusterGraph, GraphNode } from "../network.schema.ts";
import { NetworkIsland, nodeTypeName } from "./network-island.tsx";

/** An ad as a line of the table: title, site and date. */
function AdLine({ ctx, node }: { ctx: PageContext; node: GraphNode }) {
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
}: {
  ctx: PageContext;
  graph: ClusterGraph;
  community: number;
}) {
  const { t } = ctx;
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const tied = new Map<string, GraphNode[]>();
  for (const e of graph.edges) {
    const ad = nodes.get(e.source);
    if (ad) tied.set(e.target, [...(tied.get(e.target) ?? []), ad]);
  }
  const identifiers = graph.nodes
    .filter((n) => n.kind === "identifier" && n.community === community)
    .sort((a, b) => b.degree - a.degree || a.label.localeCompare(b.label));
  const ads = graph.nodes.filter((n) => n.kind === "ad" && n.community === community);
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
          <caption>{t("network.tableCaption", { identifiers: identifiers.length, ads: ads.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("network.field.type")}</th>
              <th scope="col">{t("network.field.identifier")}</th>
              <th scope="col">{t("network.field.ads")}</th>
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
                    {(tied.get(n.id) ?? []).map((ad) => (
                      <AdLine key={ad.id} ctx={ctx} node={ad} />
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
