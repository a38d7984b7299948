import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PreparedBatch, RawRecord } from "./import-batch.ts";

/** Worker threads that prepare batches of ads (extraction is most of an import's CPU time). */
export interface PreparePool {
  /** Parses, validates and prepares one batch in the next worker in turn. */
  prepare(records: readonly RawRecord[], regionFromCountry: boolean): Promise<PreparedBatch>;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL("../../platform/workers/tsx-worker.mjs", import.meta.url);
const WORKER_MODULE = new URL("./prepare.worker.ts", import.meta.url).href;

/** How many workers an import uses by default: one per core (the main thread mostly waits on SQLite). */
export function defaultWorkers(): number {
  return Math.max(1, os.availableParallelism());
}

export function createPreparePool(size: number, blindKey: Buffer): PreparePool {
  const pending = new Map<number, { resolve: (p: PreparedBatch) => void; reject: (e: Error) => void }>();
  const workers = Array.from({ length: size }, () => {
    const worker = new Worker(WORKER_ENTRY, {
      workerData: { module: WORKER_MODULE, blindKey: new Uint8Array(blindKey) },
    });
    worker.on("message", (m: { id: number; batch?: PreparedBatch; error?: string }) => {
      const job = pending.get(m.id);
      pending.delete(m.id);
      if (m.batch) job?.resolve(m.batch);
      else job?.reject(new Error(m.error ?? "the worker failed"));
    });
    worker.on("error", (error) => {
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    });
    return worker;
  });
  let next = 0;
  return {
    prepare(records, regionFromCountry) {
      const id = next++;
      const worker = workers[id % workers.length] as Worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, records, regionFromCountry });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
