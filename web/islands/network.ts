// The network graph island (see src/modules/linking/views/network-island.tsx): draws a cluster's graph
// with sigma, one community at a time, from the layout the server computed (no force simulation here).
// A node is reached by clicking it or through the list of nodes (keyboard); its details go to the side
// panel. Without this script the page shows the same graph as a table.
import { UndirectedGraph } from "graphology";
import Sigma from "sigma";

interface GraphNode {
  id: string;
  kind: "ad" | "report" | "identifier";
  receivedAt?: string;
  type: string;
  label: string;
  site?: string;
  postedAt?: string | null;
  city?: string | null;
  country?: string | null;
  score?: number;
  repost?: boolean;
  hub?: boolean;
  itemCount?: number;
  degree: number;
  community: number;
  x: number;
  y: number;
}

interface ClusterGraph {
  truncated: boolean;
  nodes: GraphNode[];
  edges: { source: string; target: string }[];
  communities: { id: number; size: number }[];
}

// Colours pass 3:1 against the white canvas; the type is also in each label and in the panel.
const COLOURS: Readonly<Record<string, string>> = {
  ad: "#4a4a4a",
  report: "#005a9c",
  phone: "#b3261e",
  email: "#1f5fa8",
  handle: "#7a3fa0",
  url: "#0f6e5e",
  domain: "#0f6e5e",
  iban: "#8a5a00",
  bitcoin: "#a34700",
  ethereum: "#3b4cb8",
  other: "#5f6b7a",
};
const HUB_COLOUR = "#9aa0a6";

function must<T extends Element>(root: Element, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`network island: ${selector} missing`);
  return el;
}

/** A tiny `{name}` formatter for the strings the server translated (ICU already applied there). */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}

const dateOf = (iso: string) => new Date(iso).toLocaleDateString(document.documentElement.lang || undefined);
/** What a node is called: an ad's title, an identifier's value, a report's date of receipt. */
const labelOf = (n: GraphNode) => n.label || (n.receivedAt ? dateOf(n.receivedAt) : "");

async function start(root: HTMLElement): Promise<void> {
  const status = must<HTMLElement>(root, "[data-network-status]");
  const controls = must<HTMLElement>(root, "[data-network-controls]");
  const picker = must<HTMLSelectElement>(root, "[data-network-community]");
  const body = must<HTMLElement>(root, "[data-network-body]");
  const container = must<HTMLElement>(root, "[data-network-canvas]");
  const panelTitle = must<HTMLElement>(root, "[data-network-panel-title]");
  const panel = must<HTMLElement>(root, "[data-network-panel]");
  const nodesBox = must<HTMLElement>(root, "[data-network-nodes]");
  const nodeList = must<HTMLElement>(root, "[data-network-node-list]");
  const text = root.dataset;
  const typeNames = JSON.parse(text.typeNames ?? "{}") as Record<string, string>;
  const typeName = (type: string) => typeNames[type] ?? typeNames.other ?? type;

  let data: ClusterGraph;
  try {
    const response = await fetch(text.graphUrl ?? "", { credentials: "same-origin" });
    if (!response.ok) throw new Error(String(response.status));
    data = (await response.json()) as ClusterGraph;
  } catch {
    status.textContent = text.textError ?? "";
    status.hidden = false;
    return;
  }
  if (data.truncated) {
    status.textContent = text.textTruncated ?? "";
    status.hidden = false;
  }
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const graph = new UndirectedGraph();
  body.hidden = false;
  nodesBox.hidden = false;
  const renderer = new Sigma(graph, container, {
    // Every label is a candidate; sigma's label grid keeps them from overlapping.
    labelRenderedSizeThreshold: 0,
    defaultEdgeColor: "#c4c7cc",
    labelFont: "system-ui, sans-serif",
  });
  let selected: string | undefined;

  function show(id: string, moveFocus: boolean): void {
    const node = byId.get(id);
    if (!node) return;
    if (selected && graph.hasNode(selected)) graph.setNodeAttribute(selected, "highlighted", false);
    selected = id;
    if (graph.hasNode(id)) {
      graph.setNodeAttribute(id, "highlighted", true);
      // Chosen from the list: bring it into view (a clicked node is already in view).
      const at = moveFocus ? renderer.getNodeDisplayData(id) : undefined;
      if (at) void renderer.getCamera().animate({ x: at.x, y: at.y, ratio: 0.6 }, { duration: 300 });
    }
    panelTitle.textContent = labelOf(node) || typeName(node.type);
    const rows: [string, string][] = [[text.labelType ?? "", typeName(node.type)]];
    if (node.hub) rows.push([text.labelType ?? "", text.textHub ?? ""]);
    if (node.kind === "ad") {
      if (node.site) rows.push([text.labelSite ?? "", node.site]);
      if (node.postedAt) rows.push([text.labelPosted ?? "", dateOf(node.postedAt)]);
      const place = [node.city, node.country].filter(Boolean).join(", ");
      if (place) rows.push([text.labelPlace ?? "", place]);
      if (node.score !== undefined) rows.push([text.labelScore ?? "", String(node.score)]);
      if (node.repost) rows.push([text.labelType ?? "", text.textRepost ?? ""]);
    } else if (node.kind === "report" && node.receivedAt) {
      rows.push([text.labelReceived ?? "", dateOf(node.receivedAt)]);
    } else if (node.itemCount !== undefined) {
      rows.push([text.labelSeen ?? "", String(node.itemCount)]);
    }
    rows.push([text.labelLinks ?? "", String(node.degree)]);
    panel.replaceChildren(
      ...rows.flatMap(([term, value]) => {
        const dt = document.createElement("dt");
        dt.textContent = term;
        const dd = document.createElement("dd");
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    for (const b of Array.from(nodeList.querySelectorAll<HTMLButtonElement>("button")))
      b.setAttribute("aria-pressed", String(b.dataset.node === id));
    if (moveFocus) panelTitle.focus();
  }

  function draw(community: number): void {
    graph.clear();
    for (const n of data.nodes) {
      if (n.community !== community) continue;
      graph.addNode(n.id, {
        x: n.x,
        y: n.y,
        size: n.kind === "ad" ? 5 : Math.min(14, 7 + Math.sqrt(n.degree)),
        // The type in the label: colour is never the only cue.
        label: `${typeName(n.type)} · ${labelOf(n)}`,
        color: n.hub ? HUB_COLOUR : (COLOURS[n.type] ?? COLOURS.other),
      });
    }
    for (const e of data.edges) {
      if (graph.hasNode(e.source) && graph.hasNode(e.target)) graph.mergeEdge(e.source, e.target);
    }
    renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    renderer.refresh();
    nodeList.replaceChildren(
      ...data.nodes
        .filter((n) => n.community === community)
        .sort((a, b) => (a.kind === b.kind ? b.degree - a.degree : a.kind === "identifier" ? -1 : 1))
        .map((n) => {
          const li = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "link-button";
          button.dataset.node = n.id;
          button.setAttribute("aria-pressed", "false");
          button.textContent = `${typeName(n.type)}: ${labelOf(n)}`;
          li.append(button);
          return li;
        }),
    );
  }

  if (data.communities.length > 1) {
    picker.replaceChildren(
      ...data.communities.map((c) => {
        const option = document.createElement("option");
        option.value = String(c.id);
        option.textContent = fill(text.textCommunity ?? "{number}", { number: c.id + 1, size: c.size });
        return option;
      }),
    );
    controls.hidden = false;
    picker.addEventListener("change", () => draw(Number(picker.value)));
  }
  nodeList.addEventListener("click", (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-node]");
    if (button?.dataset.node) show(button.dataset.node, true);
  });
  renderer.on("clickNode", ({ node }) => show(node, false));
  draw(0);
  root.dataset.ready = "";
}

for (const root of Array.from(document.querySelectorAll<HTMLElement>("[data-network-island]")))
  void start(root);
