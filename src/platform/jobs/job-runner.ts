import crypto from "node:crypto";
import os from "node:os";
import type { Platform } from "../platform.ts";
import { claimJob, ensureJobs, finishJob } from "./job-store.ts";

/** A named periodic background job. `run` returns counts for the log (never personal data). */
export interface JobDefinition {
  readonly name: string;
  readonly intervalSeconds: number;
  /** How long a run may take before another instance may assume this one crashed and retake the job. */
  readonly leaseSeconds?: number;
  run(p: Platform, at: Date): Promise<Readonly<Record<string, number>>>;
}

export interface JobOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly result?: Readonly<Record<string, number>>;
  readonly error?: string;
}

const DEFAULT_LEASE_SECONDS = 15 * 60;

/** An id for this process, recorded as the lease holder (host and pid help an operator; random for uniqueness). */
export function workerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
}

/**
 * Claims and runs every job that is due, one at a time, until none is left; safe to call from several
 * processes at once (each job is claimed by exactly one). Returns what ran.
 */
export async function runDueJobs(
  p: Platform,
  jobs: readonly JobDefinition[],
  worker: string = workerId(),
  clock: () => Date = () => new Date(),
): Promise<JobOutcome[]> {
  await ensureJobs(p.db, jobs, clock().toISOString());
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const outcomes: JobOutcome[] = [];
  const ran = new Set<string>();
  for (;;) {
    const at = clock();
    // A job runs at most once per call, even if it is due again at once (a zero interval).
    const names = [...byName.keys()].filter((n) => !ran.has(n));
    // The claim does not know yet which job it gets, so it takes the longest lease among them.
    const lease = (name: string) => (byName.get(name)?.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000;
    const longest = Math.max(0, ...names.map(lease));
    const claimed = await claimJob(
      p.db,
      p.dialect,
      names,
      worker,
      at.toISOString(),
      new Date(at.getTime() + longest).toISOString(),
    );
    if (!claimed) return outcomes;
    const job = byName.get(claimed.name) as JobDefinition;
    ran.add(job.name);
    let outcome: JobOutcome;
    try {
      const result = await job.run(p, at);
      outcome = { name: job.name, ok: true, result };
      p.log.info({ job: job.name, ...result }, "job finished");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      outcome = { name: job.name, ok: false, error: message };
      p.log.error({ job: job.name, err: error }, "job failed");
    }
    const finished = clock();
    await finishJob(
      p.db,
      job.name,
      worker,
      finished.toISOString(),
      new Date(finished.getTime() + job.intervalSeconds * 1000).toISOString(),
      outcome.ok ? null : (outcome.error ?? "failed").slice(0, 500),
    );
    outcomes.push(outcome);
  }
}

export interface JobRunner {
  /** Stops polling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/** Polls for due jobs every `pollSeconds` (for `lantern serve`); the first poll is immediate. */
export function startJobRunner(p: Platform, jobs: readonly JobDefinition[], pollSeconds = 60): JobRunner {
  const worker = workerId();
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let busy = false;
  const tick = () => {
    // A long run is not overlapped by the next poll of the same process.
    if (stopped || busy) return;
    busy = true;
    running = runDueJobs(p, jobs, worker)
      .catch((error: unknown) => p.log.error({ err: error }, "job runner poll failed"))
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, pollSeconds * 1000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
