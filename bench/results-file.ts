import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const RESULTS_FILE = path.join(BENCH_DIR, "RESULTS.md");

const HEADER = `# Benchmark results

Written by the scripts in \`bench/\` (see \`bench/README.md\`); each section is replaced by its own script
and the others are left alone. Figures are from one machine and one run: compare rows within a section,
not across machines.
`;

/**
 * Replaces the section delimited by `<!-- name:start -->` and `<!-- name:end -->` in RESULTS.md (appending
 * it when absent), so each benchmark writes its own part without clobbering the others.
 */
export function writeSection(name: string, markdown: string, file = RESULTS_FILE): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : HEADER;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from !== -1 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}

/** Node version, CPU model and count, memory, OS: printed with every set of figures. */
export function machineInfo(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? "unknown";
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `Node ${process.version} · ${model} · ${cpus.length} cores · ${gib} GiB · ${os.type()} ${os.release()} (${os.arch()})`;
}

/** A markdown table from a header row and data rows; columns of figures are right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const figure = /^[-–\d,.]+( ?[a-z%]+)?$/;
  const rule = header.map((_cell, i) =>
    rows.length > 0 && rows.every((r) => figure.test(r[i] ?? "")) ? "---:" : "---",
  );
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}
