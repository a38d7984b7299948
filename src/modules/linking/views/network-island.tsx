import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";

/** Node types the graph draws, in legend order (each has a colour class and a translated name). */
export const NODE_TYPES = [
  "ad",
  "report",
  "phone",
  "email",
  "handle",
  "url",
  "domain",
  "iban",
  "bitcoin",
  "ethereum",
] as const;

/** The translated name of a node type (an unknown type reads as "identifier"). */
export function nodeTypeName(ctx: PageContext, type: string): string {
  return (NODE_TYPES as readonly string[]).includes(type)
    ? ctx.t(`network.type.${type}` as MessageKey)
    : ctx.t("network.type.other");
}

/**
 * The network graph island of a cluster (mount it in `<section id="network">`): a canvas drawn by
 * web/islands/network.ts from `GET /api/v1/clusters/:id/graph`, a community picker, a list of nodes to
 * reach each one by keyboard, and a side panel with the chosen node's details. Everything but the legend
 * stays hidden until the script runs: without JavaScript, pages show a table instead.
 */
export function NetworkIsland({ ctx, clusterId }: { ctx: PageContext; clusterId: string }) {
  const { t } = ctx;
  const typeNames = Object.fromEntries(NODE_TYPES.map((type) => [type, nodeTypeName(ctx, type)]));
  return (
    <div
      class="network-island"
      data-network-island=""
      data-graph-url={`/api/v1/clusters/${encodeURIComponent(clusterId)}/graph`}
      data-type-names={JSON.stringify({ ...typeNames, other: t("network.type.other") })}
      data-text-hub={t("network.hub")}
      data-text-repost={t("network.repost")}
      // The island fills {number} and {size} itself.
      data-text-community={t("network.communityOption", { number: "{number}", size: "{size}" })}
      data-text-error={t("network.loadError")}
      data-text-truncated={t("network.truncated")}
      data-label-type={t("network.field.type")}
      data-label-site={t("network.field.site")}
      data-label-posted={t("network.field.posted")}
      data-label-place={t("network.field.place")}
      data-label-score={t("network.field.score")}
      data-label-links={t("network.field.links")}
      data-label-seen={t("network.field.seen")}
      data-label-received={t("network.field.received")}
    >
      <ul class="network-legend" aria-label={t("network.legend")}>
        {NODE_TYPES.map((type) => (
          <li key={type}>
            <span class={`swatch swatch-${type}`} aria-hidden="true" />
            {typeNames[type]}
          </li>
        ))}
        <li>
          <span class="swatch swatch-hub" aria-hidden="true" />
          {t("network.hub")}
        </li>
      </ul>
      <p class="network-status" data-network-status="" role="status" hidden />
      <div class="network-controls" data-network-controls="" hidden>
        <label for="network-community">{t("network.community")}</label>
        <select id="network-community" data-network-community="" />
      </div>
      <div class="network-body" data-network-body="" hidden>
        <div class="network-canvas" data-network-canvas="" role="img" aria-label={t("network.canvasLabel")} />
        <aside class="network-panel" aria-labelledby="network-panel-title">
          <h2 id="network-panel-title" tabIndex={-1} data-network-panel-title="">
            {t("network.panelEmpty")}
          </h2>
          <dl data-network-panel="" />
        </aside>
      </div>
      <details class="network-nodes" data-network-nodes="" hidden>
        <summary>{t("network.nodeList")}</summary>
        <ul data-network-node-list="" />
      </details>
      <script type="module" src={`/assets/network.js?v=${ctx.assetVersion}`} />
    </div>
  );
}
