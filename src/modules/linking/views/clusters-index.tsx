import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { when } from "./analyst-parts.tsx";

/** The largest clusters of ads, each a link to its page. */
export function ClustersIndexPage({
  ctx,
  clusters,
}: {
  ctx: PageContext;
  clusters: readonly { id: string; size: number; updatedAt: string }[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("analyst.clusters.title")}>
      <h1>{t("analyst.clusters.title")}</h1>
      <p>{t("analyst.clusters.intro")}</p>
      {clusters.length === 0 ? (
        <p>{t("analyst.clusters.none")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("analyst.ads.cluster")}</th>
              <th scope="col">{t("analyst.cluster.items")}</th>
              <th scope="col">{t("analyst.clusters.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {clusters.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={ctx.href(`/staff/clusters/${c.id}`)}>
                    <code>{c.id.slice(-8)}</code>
                  </a>
                </td>
                <td>{c.size}</td>
                <td>{when(ctx, c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
