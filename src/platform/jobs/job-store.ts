import type { DialectAdapter } from "../db/adapter.ts";
import type { Executor } from "../db/database.ts";

/** A claimed job: the runner that holds it owns it until `locked_until`. */
export interface ClaimedJob {
  readonly name: string;
  readonly runAt: string;
  readonly lockedUntil: string;
}

/** Makes sure each job has its row (first run: now); keeps the existing schedule, updates the interval. */
export async function ensureJobs(
  db: Executor,
  jobs: readonly { readonly name: string; readonly intervalSeconds: number }[],
  at: string,
): Promise<void> {
  for (const job of jobs) {
    await db
      .insertInto("jobs")
      .values({ name: job.name, run_at: at, interval_seconds: job.intervalSeconds })
      .onConflict((oc) => oc.column("name").doUpdateSet({ interval_seconds: job.intervalSeconds }))
      .execute();
  }
}

/**
 * Claims one due job among `names` (due: `run_at` passed, and no lease or an expired one) by taking its
 * lease, atomically: on PostgreSQL the row is picked `FOR UPDATE SKIP LOCKED`, so concurrent claimers
 * pass over it; on SQLite the single UPDATE is one write transaction, and SQLite has one writer at a time.
 * Either way the outer WHERE re-checks the lease, so two claimers never both get the same job.
 */
export async function claimJob(
  db: Executor,
  dialect: DialectAdapter,
  names: readonly string[],
  worker: string,
  at: string,
  leaseUntil: string,
): Promise<ClaimedJob | undefined> {
  if (names.length === 0) return undefined;
  const due = (q: Executor) =>
    q
      .selectFrom("jobs")
      .select("name")
      .where("name", "in", names)
      .where("run_at", "<=", at)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", at)]))
      .orderBy("run_at")
      .limit(1);
  const pick = dialect.name === "postgres" ? due(db).forUpdate().skipLocked() : due(db);
  const row = await db
    .updateTable("jobs")
    .set((eb) => ({
      locked_until: leaseUntil,
      locked_by: worker,
      last_started_at: at,
      runs: eb("runs", "+", 1),
    }))
    .where("name", "=", pick)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", at)]))
    .returning(["name", "run_at", "locked_until"])
    .executeTakeFirst();
  return row ? { name: row.name, runAt: row.run_at, lockedUntil: row.locked_until ?? leaseUntil } : undefined;
}

/** Releases a job this worker holds and schedules its next run; a no-op if the lease was lost meanwhile. */
export async function finishJob(
  db: Executor,
  name: string,
  worker: string,
  at: string,
  nextRunAt: string,
  error: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({
      locked_until: null,
      locked_by: null,
      last_finished_at: at,
      last_error: error,
      run_at: nextRunAt,
    })
    .where("name", "=", name)
    .where("locked_by", "=", worker)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function jobRows(db: Executor) {
  return db.selectFrom("jobs").selectAll().orderBy("name").execute();
}
