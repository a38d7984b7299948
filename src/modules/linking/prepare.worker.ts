// A worker thread of a big ad import: prepares (cleans, extracts, scores, blind-indexes) the batches the
// main thread sends, which meanwhile stores the batches before them. See prepare-pool.ts.
import { parentPort, workerData } from "node:worker_threads";
import { type AdInput, adSignals, prepareAd } from "./linking.service.ts";

interface Job {
  readonly id: number;
  readonly ads: readonly AdInput[];
  readonly regionFromCountry: boolean;
}

const blindKey = Buffer.from(workerData.blindKey as Uint8Array);
parentPort?.on("message", (job: Job) => {
  try {
    const prepared = job.ads.map((ad) =>
      prepareAd(ad, { blindKey, regionFromCountry: job.regionFromCountry }),
    );
    parentPort?.postMessage({ id: job.id, prepared });
  } catch (error) {
    parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
  }
});
