// Page weight of the report form: each of its five steps, HTML + the CSS and JS it links, uncompressed,
// with brotli and with gzip, in every locale. Writes the "weight" section of bench/RESULTS.md and exits
// non-zero when a page is over the budget (30 KB compressed). See bench/README.md.
import { parseArgs } from "node:util";
import { LOCALES } from "../src/platform/i18n/i18n.ts";
import { startTestApp } from "../test/support/harness.ts";
import { PAGE_BUDGET_BYTES, type PageWeight, type Transfer, weighReportForm } from "./page-weight.measure.ts";
import { machineInfo, markdownTable, writeSection } from "./results-file.ts";

const { values: args } = parseArgs({ options: { "print-only": { type: "boolean", default: false } } });

const bytes = (n: number) => n.toLocaleString("en-GB");
const pct = (n: number) => `${((100 * n) / PAGE_BUDGET_BYTES).toFixed(0)} %`;
/** The heavier of the two compressed forms: gzip is all a client gets where brotli is not offered. */
const compressed = (w: PageWeight) => Math.max(w.total.br, w.total.gzip);

function assetRow(t: Transfer): string[] {
  const note =
    t.encoded.gzip === "none" ? "sent as is: under @fastify/compress's 1,024-byte threshold" : t.encoded.br;
  return [
    `\`${t.url.split("?")[0]}\``,
    t.kind,
    bytes(t.bytes.identity),
    bytes(t.bytes.br),
    bytes(t.bytes.gzip),
    note,
  ];
}

function pageRow(w: PageWeight): string[] {
  const html = w.resources[0];
  return [
    w.page,
    bytes(html?.bytes.identity ?? 0),
    bytes(html?.bytes.br ?? 0),
    bytes(html?.bytes.gzip ?? 0),
    bytes(w.total.identity),
    bytes(w.total.br),
    bytes(w.total.gzip),
    pct(compressed(w)),
  ];
}

const app = await startTestApp("sqlite");
try {
  const pages: PageWeight[] = [];
  for (const lang of LOCALES) pages.push(...(await weighReportForm(app.app, lang)));
  const heaviest = pages.reduce((a, b) => (compressed(b) > compressed(a) ? b : a));
  const over = pages.filter((w) => compressed(w) > PAGE_BUDGET_BYTES);
  const first = pages[0];
  const markdown = [
    "## Page weight of the report form",
    "",
    `Run ${new Date().toISOString()} by \`npm run bench:weight\` (\`bench/page-weight.ts\`). ${machineInfo()}.`,
    "",
    `- Budget: the report form page, HTML + CSS + any JS, at most ${bytes(PAGE_BUDGET_BYTES)} bytes (30 KB) compressed. Checked against the heavier of brotli and gzip for every step in every locale.`,
    "- Measured in-process (`app.inject`) on a fresh SQLite app: the body bytes of each response as sent for `Accept-Encoding: br`, for `gzip`, and for none (raw). HTTP headers are not counted. The form is walked without JavaScript through all five steps with `FORM_ANSWERS` (test/support/factories.ts), stopping before “send”.",
    "- Every step links the same stylesheet and script; they are cached for a year (`immutable`), so after step 1 a browser fetches only the HTML. The totals count them on every step anyway (a first visit straight to that page).",
    "",
    "Linked resources (the same on every step):",
    "",
    markdownTable(
      ["resource", "kind", "raw", "brotli", "gzip", "encoding used"],
      first ? first.resources.slice(1).map(assetRow) : [],
    ),
    "",
    "Pages (bytes):",
    "",
    markdownTable(
      [
        "page",
        "HTML raw",
        "HTML brotli",
        "HTML gzip",
        "total raw",
        "total brotli",
        "total gzip",
        "of budget",
      ],
      pages.map(pageRow),
    ),
    "",
    over.length === 0
      ? `- MET: the heaviest page, ${heaviest.page}, is ${bytes(compressed(heaviest))} bytes compressed, ${pct(compressed(heaviest))} of the budget (${bytes(heaviest.total.identity)} bytes uncompressed).`
      : `- NOT MET: ${over.map((w) => `${w.page} (${bytes(compressed(w))} bytes)`).join(", ")} over ${bytes(PAGE_BUDGET_BYTES)} bytes.`,
  ].join("\n");
  if (args["print-only"]) process.stdout.write(`${markdown}\n`);
  else writeSection("weight", markdown);
  process.stdout.write(
    `heaviest: ${heaviest.page}: ${bytes(heaviest.total.br)} B brotli, ${bytes(heaviest.total.gzip)} B gzip, ${bytes(heaviest.total.identity)} B raw; budget ${bytes(PAGE_BUDGET_BYTES)} B\n`,
  );
  if (over.length > 0) process.exitCode = 1;
} finally {
  await app.close();
}
