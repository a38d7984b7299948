// The circle report in every format for a large circle (300 participants, 3 questions, 200 responses
// each, Spanish, Arabic and English): time to render the web page, the Markdown, the Word file and the PDF
// (Debian's Chromium, first call with the launch and then warm), and the sizes and page count. Writes the
// "circle-report" section of bench/RESULTS.md (`--print-only` writes nothing; `--responses`, `--runs`).
import { parseArgs } from "node:util";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { h } from "preact";
import { reportDocx } from "../src/modules/circles/report-docx.ts";
import { reportMarkdown } from "../src/modules/circles/report-markdown.ts";
import type { CircleReport, ReportGroup, ReportResponse } from "../src/modules/circles/report-model.ts";
import { closePdfBrowser, reportPdf } from "../src/modules/circles/report-pdf.ts";
import { CircleReportPage, ReportDocument } from "../src/modules/circles/views/circle-report.tsx";
import { translator } from "../src/platform/i18n/i18n.ts";
import { renderPage } from "../src/platform/views/layout.tsx";
import { CIRCLE_REPORT, reportPageContext } from "../test/support/circle-report-fixture.ts";
import { createRng } from "./ads/prng.ts";
import { machineInfo, markdownTable, writeSection } from "./results-file.ts";

const { values: args } = parseArgs({
  args: process.argv.slice(2),
  options: {
    responses: { type: "string", default: "200" },
    runs: { type: "string", default: "5" },
    "print-only": { type: "boolean", default: false },
  },
});
const PER_QUESTION = Number(args.responses);
const RUNS = Number(args.runs);

/** The fixture's responses, reworded and repeated into a large circle (deterministic). */
function largeReport(): CircleReport {
  const rng = createRng(6);
  const pool = CIRCLE_REPORT.questions.flatMap((q) => q.groups.flatMap((g) => g.responses));
  const clusters = ["Captación en redes sociales", "Vivienda segura", "Derivación", "Formación", "Campañas"];
  const questions = CIRCLE_REPORT.questions.map((q) => {
    const groups: ReportGroup[] = clusters.map((label, c) => {
      const responses: ReportResponse[] = Array.from({ length: PER_QUESTION / clusters.length }, (_, i) => {
        const base = rng.pick(pool);
        return {
          ...base,
          id: `q${q.position}-${c}-${i}`,
          text: `${base.text} (${i + 1})`,
          supports: rng.int(0, 40),
        };
      });
      return { kind: "cluster", label, responses, supports: responses.reduce((s, r) => s + r.supports, 0) };
    });
    return { ...q, groups, responseCount: PER_QUESTION };
  });
  return { ...CIRCLE_REPORT, questions, participants: { ...CIRCLE_REPORT.participants, total: 300 } };
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Median and worst of several runs, after the first (reported on its own where it differs: the PDF's launch). */
async function measure<T>(
  work: () => Promise<T> | T,
): Promise<{ first: number; median: number; max: number; value: T }> {
  const first = await time(work);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await time(work)).ms);
  times.sort((a, b) => a - b);
  return {
    first: first.ms,
    median: times[Math.floor(times.length / 2)] ?? 0,
    max: times.at(-1) ?? 0,
    value: first.value,
  };
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

const report = largeReport();
const t = translator("es").t;
const page = await measure(() =>
  renderPage(h(CircleReportPage, { ctx: reportPageContext("es"), report, t })),
);
const markdown = await measure(() => reportMarkdown(report, t));
const docx = await measure(() => reportDocx(report, t));
const documentHtml = renderPage(h(ReportDocument, { report, t }));
const pdf = await measure(() => reportPdf(documentHtml, { timeoutMs: 120_000 }));
await closePdfBrowser();
const pdfDocument = await getDocument({ data: new Uint8Array(pdf.value), isEvalSupported: false }).promise;
const pages = pdfDocument.numPages;
await pdfDocument.destroy();

const rows = [
  ["web page (HTML)", ms(page.first), ms(page.median), ms(page.max), kib(Buffer.byteLength(page.value))],
  [
    "Markdown",
    ms(markdown.first),
    ms(markdown.median),
    ms(markdown.max),
    kib(Buffer.byteLength(markdown.value)),
  ],
  ["Word (docx)", ms(docx.first), ms(docx.median), ms(docx.max), kib(docx.value.length)],
  [`PDF (${pages} A4 pages)`, ms(pdf.first), ms(pdf.median), ms(pdf.max), kib(pdf.value.length)],
];
const section = `## Circle report formats

Run ${new Date().toISOString()} by \`npm run bench:circle-report\` (\`bench/circle-report.bench.ts\`).

- Machine: ${machineInfo()}
- Report: ${CIRCLE_REPORT.questions.length} questions × ${PER_QUESTION} responses (${report.questions.length * PER_QUESTION} in all; Spanish, Arabic and English, built from the test fixture), 5 clusters each, labels in Spanish.
- "first" is the first call (for the PDF it includes launching Chromium); median and max are of the ${RUNS} calls after it. The PDF runs one document at a time, in Debian's Chromium, JavaScript off and network refused.

${markdownTable(["format", "first ms", "median ms", "max ms", "size"], rows)}
`;
process.stdout.write(`${section}\n`);
if (!args["print-only"]) writeSection("circle-report", section);
