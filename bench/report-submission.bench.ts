// Load benchmark of report submission: POST /api/v1/reports at 10 and 50 concurrent reporters (autocannon),
// beside a bare Fastify endpoint measured in the same run, on SQLite and (when available) PostgreSQL.
// Writes the "submission" section of bench/RESULTS.md. See bench/README.md.
import { parseArgs } from "node:util";
import { RECEIPT_ARGON2 } from "../src/modules/reports/receipt.ts";
import { buildReport } from "../test/support/factories.ts";
import { measureArgon2Ceiling } from "./argon2-ceiling.ts";
import { InterruptedError, stopLoad } from "./load.ts";
import { type PostgresServer, postgresVersion, startThrowawayPostgres } from "./postgres.ts";
import { waitForQuiet } from "./processes.ts";
import { machineInfo, writeSection } from "./results-file.ts";
import { runScenario, type Scenario, type ScenarioResult, type Target } from "./scenarios.ts";
import { renderSubmissionSection, resultRow, verdicts } from "./submission-report.ts";

const argv = process.argv.slice(2);
const { values: args } = parseArgs({
  args: argv,
  options: {
    duration: { type: "string", default: "30" },
    connections: { type: "string", default: "10,50" },
    warmup: { type: "string", default: "3" },
    "varied-duration": { type: "string", default: "10" },
    "start-postgres": { type: "boolean", default: false },
    "cpu-prof": { type: "boolean", default: false },
    "print-only": { type: "boolean", default: false },
    retries: { type: "string", default: "2" },
    "wait-quiet": { type: "string", default: "120" },
  },
});

/** Cores used by other programs during a run above which the run is repeated. */
const DISTURBED_CORES = 0.2;

function positive(name: string, text: string | undefined, allowZero = false): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new Error(`--${name} must be a number`);
  return n;
}

const durationSeconds = positive("duration", args.duration);
const warmupSeconds = positive("warmup", args.warmup, true);
const variedSeconds = positive("varied-duration", args["varied-duration"], true);
const retries = positive("retries", args.retries, true);
const waitQuietSeconds = positive("wait-quiet", args["wait-quiet"], true);
const connectionLevels = (args.connections ?? "")
  .split(",")
  .map((c) => Math.round(positive("connections", c.trim())));

const FIXED_BODY = JSON.stringify(buildReport());
const WORDS = "the a man woman girl car van hotel farm passport phone night money debt house road".split(" ");
let variant = 0;
/** A different narrative on every request: different words, and lengths from one line to a page. */
function variedBody(): string {
  variant++;
  const words = Array.from(
    { length: 8 + (variant % 400) },
    (_, i) => WORDS[(variant * 7 + i * 13) % WORDS.length],
  );
  return JSON.stringify(buildReport({ narrative: `Report ${variant}: ${words.join(" ")}.` }));
}

async function postgresTarget(): Promise<{ target?: Target; server?: PostgresServer; note: string }> {
  const given = process.env.LANTERN_BENCH_POSTGRES_URL;
  if (given) {
    return {
      target: { kind: "lantern", dialect: "postgres", adminUrl: given },
      note: `PostgreSQL ${await postgresVersion(given)} from LANTERN_BENCH_POSTGRES_URL`,
    };
  }
  if (args["start-postgres"]) {
    const server = await startThrowawayPostgres();
    return {
      target: { kind: "lantern", dialect: "postgres", adminUrl: server.url, cpuSeconds: server.cpuSeconds },
      server,
      note: `PostgreSQL ${await postgresVersion(server.url)}, throwaway local cluster with default settings (fsync on, synchronous_commit on); the app's pool holds 10 connections`,
    };
  }
  return { note: "PostgreSQL not measured: set LANTERN_BENCH_POSTGRES_URL or pass --start-postgres" };
}

function label(target: Target, varied: boolean): string {
  if (target.kind === "bare") return "bare Fastify (JSON → 201)";
  const db = target.dialect === "sqlite" ? "SQLite" : "PostgreSQL";
  return `Lantern ${db}${varied ? ", varied narratives" : ""}`;
}

function plan(targets: readonly Target[]): Scenario[] {
  const scenarios: Scenario[] = [];
  const base = { warmupSeconds, cpuProfile: args["cpu-prof"] };
  for (const connections of connectionLevels) {
    for (const target of [{ kind: "bare" } as const, ...targets]) {
      scenarios.push({
        ...base,
        name: label(target, false),
        target,
        connections,
        durationSeconds,
        body: FIXED_BODY,
      });
    }
  }
  const most = Math.max(...connectionLevels);
  if (variedSeconds > 0) {
    for (const target of targets) {
      scenarios.push({
        ...base,
        name: label(target, true),
        target,
        connections: most,
        durationSeconds: variedSeconds,
        body: variedBody,
      });
    }
  }
  return scenarios;
}

const started = new Date();
const command = ["npm run bench", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" ");
const pg = await postgresTarget();
// Ctrl-C: stop the load; the scenario running then stops its server and removes its data, and nothing
// is written.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stdout.write("\ninterrupted: stopping the servers\n");
    stopLoad();
  });
}
try {
  const targets: Target[] = [{ kind: "lantern", dialect: "sqlite" }, ...(pg.target ? [pg.target] : [])];
  process.stdout.write(`${machineInfo()}\nargon2id ${JSON.stringify(RECEIPT_ARGON2)}\n${pg.note}\n`);
  if (waitQuietSeconds > 0) await waitForQuiet(DISTURBED_CORES, 2000, waitQuietSeconds * 1000);
  const ceiling = await measureArgon2Ceiling();
  process.stdout.write(
    `receipt hash alone: ${ceiling.singleMs.toFixed(2)} ms; ${Math.round(ceiling.hashesPerSecond)} hashes/s with the pool full\n`,
  );
  const results: ScenarioResult[] = [];
  for (const scenario of plan(targets)) {
    // Another program busy on the same cores makes a run pessimistic: run it again, a few times at most.
    for (let attempt = 0; ; attempt++) {
      if (waitQuietSeconds > 0) {
        const busy = await waitForQuiet(DISTURBED_CORES, 2000, waitQuietSeconds * 1000);
        if (busy >= DISTURBED_CORES) process.stdout.write(`(machine still busy: ${busy.toFixed(2)} cores) `);
      }
      process.stdout.write(
        `${scenario.name} · ${scenario.connections} conn · ${scenario.durationSeconds} s … `,
      );
      const result = await runScenario(scenario);
      const other = result.otherCores ?? 0;
      process.stdout.write(
        `${resultRow(result).slice(3).join(" | ")} (other programs ${other.toFixed(2)} cores)\n`,
      );
      if (other <= DISTURBED_CORES || attempt >= retries) {
        results.push(result);
        break;
      }
      process.stdout.write("  disturbed by another program: running it again\n");
    }
  }
  const markdown = renderSubmissionSection({
    results,
    ceiling,
    notes: [
      pg.note,
      `Before each run the benchmark waited (up to ${waitQuietSeconds} s) for the rest of the machine to be idle; a run during which other programs used more than ${DISTURBED_CORES} cores was repeated (at most ${retries} times); the tables keep the last attempt.`,
    ],
    started,
    command,
    warmupSeconds,
  });
  if (args["print-only"]) process.stdout.write(`\n${markdown}\n`);
  else writeSection("submission", markdown);
  const lines = verdicts(results);
  process.stdout.write(`\n${lines.join("\n")}\n`);
  if (lines.some((l) => l.startsWith("- NOT MET"))) process.exitCode = 1;
} catch (error) {
  if (!(error instanceof InterruptedError)) throw error;
  process.exitCode = 130;
} finally {
  await pg.server?.stop();
}
