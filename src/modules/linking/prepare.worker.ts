// A worker thread of a big ad import: parses, validates and prepares (cleans, extracts, scores,
// blind-indexes) the batches the main thread sends, which meanwhile stores the batches before them.
// See prepare-pool.ts and import-batch.ts.
import { parentPort, workerData } from "node:worker_threads";
import { prepareImportBatch, type RawRecord } from "./import-batch.ts";

interface Job {
  readonly id: number;
  readonly records: readonly RawRecord[];
  readonly regionFromCountry: boolean;
}

const blindKey = Buffer.from(workerData.blindKey as Uint8Array);
const seen = new Set<string>();

parentPort?.on("message", (job: Job) => {
  try {
    const batch = prepareImportBatch(job.records, {
      blindKey,
      regionFromCountry: job.regionFromCountry,
      seen,
    });
    parentPort?.postMessage({ id: job.id, batch });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
