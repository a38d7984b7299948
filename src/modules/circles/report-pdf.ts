import fs from "node:fs";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { AppError } from "../../platform/http/errors.ts";

/** Chromium is not installed (or would not start): the route answers 503 and offers the other formats. */
export class PdfUnavailableError extends AppError {
  constructor(detail: string) {
    super("pdf_unavailable", 503, `The PDF cannot be printed on this server: ${detail}`);
    this.name = "PdfUnavailableError";
  }
}

/** Printing took longer than allowed (the page is abandoned; the browser stays up for the next call). */
export class PdfTimeoutError extends AppError {
  constructor(ms: number) {
    super("pdf_timeout", 503, `The PDF was not printed within ${ms} ms`);
    this.name = "PdfTimeoutError";
  }
}

export interface PdfOptions {
  /** Debian's Chromium by default (`apt-get install chromium`); no browser is ever downloaded. */
  readonly executablePath?: string;
  /** Longest time for one document, launch included. */
  readonly timeoutMs?: number;
}

const DEFAULT_EXECUTABLE = "/usr/bin/chromium";
const DEFAULT_TIMEOUT_MS = 30_000;
/** Starting Chromium has its own limit: one caller's short deadline must not fail the launch others share. */
const LAUNCH_TIMEOUT_MS = 30_000;
/** Two cores are the smallest host: more documents at once would only queue inside Chromium. */
const MAX_PARALLEL = 2;

let browser: Promise<Browser> | undefined;

function launch(executablePath: string): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    return Promise.reject(new PdfUnavailableError(`no Chromium at ${executablePath}`));
  }
  const root = process.getuid?.() === 0;
  return chromium
    .launch({
      executablePath,
      timeout: LAUNCH_TIMEOUT_MS,
      args: [
        // Chromium's sandbox cannot run as root (containers); elsewhere it stays on.
        ...(root ? ["--no-sandbox"] : []),
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    })
    .catch((error: unknown) => {
      throw new PdfUnavailableError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
    });
}

/** The one browser every call shares, launched on first use and again if it went away. */
function sharedBrowser(executablePath: string): Promise<Browser> {
  if (!browser) {
    const launching = launch(executablePath);
    browser = launching;
    launching.then(
      (b) =>
        b.on("disconnected", () => {
          if (browser === launching) browser = undefined;
        }),
      () => {
        if (browser === launching) browser = undefined;
      },
    );
  }
  return browser;
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const FOOTER = `<div style="width:100%;font-size:8pt;color:#4a5060;text-align:center;font-family:sans-serif">
<span class="pageNumber"></span> / <span class="totalPages"></span></div>`;

async function print(context: BrowserContext, html: string, timeoutMs: number): Promise<Buffer> {
  // The document is all there is: every request it would make (images, fonts, styles, links) is refused.
  await context.route("**/*", (route) => route.abort("blockedbyclient"));
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.setContent(html, { waitUntil: "load" });
  return page.pdf({
    format: "A4",
    printBackground: true,
    margin: { top: "18mm", bottom: "20mm", left: "16mm", right: "16mm" },
    displayHeaderFooter: true,
    headerTemplate: "<span></span>",
    footerTemplate: FOOTER,
  });
}

/**
 * Prints a report document (the `ReportDocument` HTML, self-contained) to an A4 PDF with page numbers,
 * with Debian's Chromium: JavaScript off, no network, a time limit, one browser shared by every call.
 */
export async function reportPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return slot(async () => {
    let context: BrowserContext | undefined;
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      const shared = await sharedBrowser(options.executablePath ?? DEFAULT_EXECUTABLE);
      context = await shared.newContext({ javaScriptEnabled: false, offline: true });
      return print(context, html, timeoutMs);
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfTimeoutError(timeoutMs)), timeoutMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      // A context made after the deadline is closed when it arrives.
      work.catch(() => undefined).finally(() => context?.close().catch(() => undefined));
    }
  });
}

/** Closes the shared browser (on shutdown; a later call launches a new one). */
export async function closePdfBrowser(): Promise<void> {
  const current = browser;
  browser = undefined;
  if (!current) return;
  try {
    await (await current).close();
  } catch {
    // It never started, or is already gone: nothing to close.
  }
}
