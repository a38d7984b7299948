import { RECEIPT_ARGON2 } from "../src/modules/reports/receipt.ts";
import type { Argon2Ceiling } from "./argon2-ceiling.ts";
import { machineInfo, markdownTable } from "./results-file.ts";
import { type ScenarioResult, SUBMIT_PATH } from "./scenarios.ts";

/** The latency target at 10 concurrent reporters. */
export const P95_TARGET_MS = 250;

const ms = (n: number) => (Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n.toFixed(1));
const cores = (n: number | undefined) => (n === undefined ? "–" : n.toFixed(2));
const int = (n: number) => Math.round(n).toLocaleString("en-GB");

const RESULT_HEADER = [
  "scenario",
  "connections",
  "duration",
  "requests/s",
  "p50 ms",
  "p95 ms",
  "p99 ms",
  "errors",
  "non-2xx",
  "2xx",
  "rows stored",
] as const;

/** One row of the results table (also printed as each run finishes). */
export function resultRow(r: ScenarioResult): string[] {
  return [
    r.scenario.name,
    String(r.connections),
    `${r.durationSeconds.toFixed(0)} s`,
    int(r.requestsPerSecond),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    String(r.errors),
    String(r.non2xx),
    int(r.ok2xx),
    r.rowsStored === undefined ? "–" : int(r.rowsStored),
  ];
}

const CPU_HEADER = [
  "scenario",
  "connections",
  "server process",
  "· main thread",
  "· other threads",
  "CPU ms per 2xx",
  "PostgreSQL",
  "autocannon",
  "other programs",
] as const;

function cpuRow(r: ScenarioResult): string[] {
  const pool =
    r.serverCores === undefined || r.mainThreadCores === undefined
      ? undefined
      : r.serverCores - r.mainThreadCores;
  const perRequest =
    r.serverCores === undefined || r.ok2xx === 0
      ? "–"
      : ms((1000 * (r.serverCores + (r.databaseCores ?? 0)) * r.durationSeconds) / r.ok2xx);
  return [
    r.scenario.name,
    String(r.connections),
    cores(r.serverCores),
    cores(r.mainThreadCores),
    cores(pool),
    perRequest,
    cores(r.databaseCores),
    cores(r.loadGeneratorCores),
    cores(r.otherCores),
  ];
}

/** Whether the targets are met, one line per Lantern run that has a target. */
export function verdicts(results: readonly ScenarioResult[]): string[] {
  const lines: string[] = [];
  for (const r of results) {
    if (r.scenario.target.kind === "bare") continue;
    const name = `${r.scenario.name}, ${r.connections} connections`;
    if (r.connections === 10 && typeof r.scenario.body === "string") {
      const ok = r.p95 < P95_TARGET_MS;
      lines.push(`- ${ok ? "MET" : "NOT MET"}: ${name}: p95 ${ms(r.p95)} ms (target < ${P95_TARGET_MS} ms)`);
    }
    if (r.connections >= 50) {
      const clean = r.errors === 0 && r.non2xx === 0;
      const stored = r.rowsStored !== undefined && r.rowsStored >= r.ok2xx;
      const extra = r.rowsStored === undefined ? 0 : r.rowsStored - r.ok2xx;
      lines.push(
        `- ${clean && stored ? "MET" : "NOT MET"}: ${name}: ${r.errors} errors, ${r.non2xx} non-2xx; ` +
          `${int(r.ok2xx)} acknowledged, ${r.rowsStored === undefined ? "?" : int(r.rowsStored)} stored` +
          (extra > 0 ? ` (${extra} stored but unacknowledged: in flight when autocannon stopped)` : ""),
      );
    }
  }
  return lines;
}

export interface SubmissionSection {
  readonly results: readonly ScenarioResult[];
  readonly ceiling: Argon2Ceiling;
  readonly notes: readonly string[];
  readonly started: Date;
  readonly command: string;
  readonly warmupSeconds: number;
}

/** The "submission" section of RESULTS.md: set-up, the results and CPU tables, and the verdicts. */
export function renderSubmissionSection(s: SubmissionSection): string {
  const argon = Object.entries(RECEIPT_ARGON2)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  const statusNotes = s.results
    .filter((r) => r.non2xx > 0)
    .map((r) => `- ${r.scenario.name} at ${r.connections}: status codes ${JSON.stringify(r.statusCodes)}`);
  return [
    "## Report submission under load",
    "",
    `Run ${s.started.toISOString()} by \`${s.command}\` (\`bench/report-submission.bench.ts\`).`,
    "",
    `- Machine: ${machineInfo()}`,
    `- Receipt hashing: **argon2id, ${argon}** (\`RECEIPT_ARGON2\`, unchanged for the benchmark). One hash alone takes ${ms(s.ceiling.singleMs)} ms here; with libuv's thread pool (${s.ceiling.threadPoolSize} threads) kept full, this machine does about ${int(s.ceiling.hashesPerSecond)} hashes/s: the ceiling for submissions, since each costs one hash.`,
    `- Endpoint: \`POST ${SUBMIT_PATH}\` with the body of \`buildReport()\` (test/support/factories.ts) as JSON, expecting 201; each connection sends its next request when the previous answer arrives. Each Lantern run starts a fresh server process (\`node bin/lantern.js serve\`, log level warn) on an empty database; the baseline is \`bench/bare-server.ts\` (bare Fastify, one POST route that parses the JSON body and answers 201), also in its own process; autocannon runs in the benchmark's process.`,
    `- ${s.warmupSeconds} s of warm-up at the same concurrency precede each measured run and are not counted. Latency percentiles are of 2xx responses. "Rows stored" is the number of \`reports\` rows after the server stopped minus the number before the measured run (after the warm-up settled).`,
    "- `LANTERN_REPORT_RATE_LIMIT=1000000`: the public per-client limit (20 reports a minute per address) would otherwise refuse a benchmark that comes from one address.",
    "- SQLite runs in WAL mode with `synchronous = FULL` (an acknowledged report survives a power cut), as the app configures it.",
    ...s.notes.map((n) => `- ${n}`),
    "",
    markdownTable(RESULT_HEADER, s.results.map(resultRow)),
    "",
    "### Targets",
    "",
    ...verdicts(s.results),
    ...(statusNotes.length > 0 ? ["", "Non-2xx answers:", ...statusNotes] : []),
    "",
    "### Where the CPU went",
    "",
    'CPU time (user + system) over each measured run divided by its length, in cores: 2.00 means both cores busy the whole run. "Other threads" of the server are libuv\'s thread pool (argon2) and V8\'s helpers; "CPU ms per 2xx" is server (plus PostgreSQL) CPU per acknowledged report; "other programs" is everything else the machine ran meanwhile (well above 0 means the run was disturbed and its figures are pessimistic).',
    "",
    markdownTable(CPU_HEADER, s.results.map(cpuRow)),
  ].join("\n");
}
