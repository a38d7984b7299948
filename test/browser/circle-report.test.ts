import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Canvas, SKRSContext2D } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Page } from "playwright-core";
import { h, type VNode } from "preact";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeForum } from "../../src/modules/circles/forum-merge.ts";
import type { CircleReport } from "../../src/modules/circles/report-model.ts";
import { closePdfBrowser, PdfTimeoutError, reportPdf } from "../../src/modules/circles/report-pdf.ts";
import {
  CircleReportPage,
  ForumReportPage,
  ReportDocument,
} from "../../src/modules/circles/views/circle-report.tsx";
import { translator } from "../../src/platform/i18n/i18n.ts";
import { renderPage } from "../../src/platform/views/layout.tsx";
import {
  CIRCLE_EXACT,
  CIRCLE_REPORT,
  reportPageContext,
  SECOND_CIRCLE_EXACT,
  SECOND_CIRCLE_REPORT,
} from "../support/circle-report-fixture.ts";
import { launchChromium } from "./support.ts";

const es = translator("es").t;
const ar = translator("ar").t;
/** The same circle held in Arabic: labels in Arabic, right to left. */
const ARABIC_REPORT: CircleReport = {
  ...CIRCLE_REPORT,
  circleId: "circle-beirut",
  title: "حلقة حوار: أصوات الشابات ضد الاتجار بالبشر",
  language: "ar",
  place: "بيروت",
  commonThreads: "يبدأ التجنيد عبر الإنترنت.\nتحتاج الناجيات إلى سكن آمن.",
};
const FORUM = mergeForum(
  { forumId: "f1", title: "Foro de ONG hacia la CSW71", language: "es" },
  [CIRCLE_REPORT, SECOND_CIRCLE_REPORT],
  "2026-02-16T08:00:00.000Z",
  new Map([
    [CIRCLE_REPORT.circleId, CIRCLE_EXACT],
    [SECOND_CIRCLE_REPORT.circleId, SECOND_CIRCLE_EXACT],
  ]),
);

const html = <P>(node: VNode<P>): string => renderPage(node);

interface CanvasFactory {
  create(width: number, height: number): { canvas: Canvas; context: SKRSContext2D };
}

interface PdfPage {
  readonly darkPixels: number;
  readonly text: string;
  readonly png: Buffer;
}

/** Each page of a PDF drawn at 1.5× as PNG, how many of its body's pixels are not near-white, and its text. */
async function pdfPages(pdf: Buffer): Promise<PdfPage[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const viewport = page.getViewport({ scale: 1.5 });
    // pdfjs draws with its own copy of @napi-rs/canvas (its Path2D must match the canvas), so ask it for one.
    const { canvas, context } = (document.canvasFactory as CanvasFactory).create(
      Math.ceil(viewport.width),
      Math.ceil(viewport.height),
    );
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport,
    }).promise;
    // Only the page's body counts: a page holding nothing but its footer's page number is blank.
    const bodyHeight = Math.floor(canvas.height * (1 - 20 / 297));
    const { data } = context.getImageData(0, 0, canvas.width, bodyHeight);
    let darkPixels = 0;
    for (let i = 0; i < data.length; i += 4) {
      if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) darkPixels++;
    }
    const content = await page.getTextContent();
    const text = content.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    pages.push({ darkPixels, text, png: canvas.toBuffer("image/png") });
  }
  await document.destroy();
  return pages;
}

/** Keeps the PNG pages where a person can look at them when a check fails (overwritten by the next run). */
function keep(name: string, pages: readonly PdfPage[]): string {
  const dir = path.join(os.tmpdir(), "lantern-circle-report-pdf", name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [i, p] of pages.entries()) fs.writeFileSync(path.join(dir, `page-${i + 1}.png`), p.png);
  return dir;
}

describe("the circle report printed to PDF by Chromium", () => {
  afterAll(() => closePdfBrowser());

  it("prints a Spanish report with Arabic responses: A4 pages, none blank, text searchable", async () => {
    const pdf = await reportPdf(html(h(ReportDocument, { report: CIRCLE_REPORT, t: es })));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = await pdfPages(pdf);
    const dir = keep("circle-es", pages);
    expect(pages.length, dir).toBeGreaterThanOrEqual(1);
    for (const [i, p] of pages.entries()) expect(p.darkPixels, `page ${i + 1} (${dir})`).toBeGreaterThan(300);
    const text = pages.map((p) => p.text).join(" ");
    expect(text).toContain("Captación en redes sociales");
    expect(text).toContain("menos de 5");
    // The footer numbers the pages.
    expect(pages[0]?.text).toContain(`1 / ${pages.length}`);
  });

  it("prints an Arabic report right to left while printing a forum report alongside", async () => {
    const [arabic, forum] = await Promise.all([
      reportPdf(html(h(ReportDocument, { report: ARABIC_REPORT, t: ar }))),
      reportPdf(html(h(ReportDocument, { report: FORUM, t: es }))),
    ]);
    const pages = await pdfPages(arabic);
    const dir = keep("circle-ar", pages);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const [i, p] of pages.entries()) expect(p.darkPixels, `page ${i + 1} (${dir})`).toBeGreaterThan(300);
    const forumPages = await pdfPages(forum);
    expect(forumPages.map((p) => p.text).join(" ")).toContain("Temas en todos los círculos");
  });

  it("the blank-page check sees an empty page (numbered in its footer) as blank", async () => {
    const pages = await pdfPages(await reportPdf("<!doctype html><html><body></body></html>"));
    expect(pages.map((p) => p.darkPixels)).toEqual([0]);
    expect(pages[0]?.text).toContain("1 / 1");
  });

  it("gives up after its time limit with a clear error, and prints again afterwards, even after a shutdown", async () => {
    const slow = reportPdf(html(h(ReportDocument, { report: CIRCLE_REPORT, t: es })), { timeoutMs: 1 });
    await expect(slow).rejects.toBeInstanceOf(PdfTimeoutError);
    await expect(slow).rejects.toMatchObject({ id: "pdf_timeout", status: 503 });
    const again = await reportPdf("<!doctype html><p>Hola</p>");
    expect(again.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await closePdfBrowser();
    const relaunched = await reportPdf("<!doctype html><p>Hola</p>");
    expect(relaunched.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("fetches nothing, even when the document asks for it", async () => {
    let requests = 0;
    const server = await import("node:http").then(({ createServer }) =>
      createServer((_req, res) => {
        requests++;
        res.end("x");
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as { port: number };
    try {
      const pdf = await reportPdf(
        `<!doctype html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head><body><img src="http://127.0.0.1:${port}/b.png" alt=""><p>Hola</p></body></html>`,
      );
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe("accessibility of the report pages (axe: no serious or critical violations)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  /** Shows a page as the site serves it (its real stylesheet, at a loopback-free address) and runs axe. */
  async function check(page: Page, body: string): Promise<string[]> {
    const css = fs.readFileSync(new URL("../../web/lantern.css", import.meta.url), "utf8");
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === "/report") return route.fulfill({ contentType: "text/html", body });
      if (url.pathname === "/assets/lantern.css")
        return route.fulfill({ contentType: "text/css", body: css });
      return route.abort();
    });
    await page.goto("http://lantern.test/report");
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} → ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  }

  it.each([
    [
      "circle report (es)",
      () => html(h(CircleReportPage, { ctx: reportPageContext("en"), report: CIRCLE_REPORT, t: es })),
    ],
    [
      "circle report (ar)",
      () => html(h(CircleReportPage, { ctx: reportPageContext("ar"), report: ARABIC_REPORT, t: ar })),
    ],
    ["forum report", () => html(h(ForumReportPage, { ctx: reportPageContext("es"), report: FORUM, t: es }))],
    ["printed document", () => html(h(ReportDocument, { report: CIRCLE_REPORT, t: es }))],
  ] as const)("%s", async (_name, render) => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      expect(await check(page, render())).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
