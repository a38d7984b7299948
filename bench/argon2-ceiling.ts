import crypto from "node:crypto";
import os from "node:os";
import { hashReceiptCode, newReceiptCode } from "../src/modules/reports/receipt.ts";

export interface Argon2Ceiling {
  /** Median time of one receipt hash with nothing else running, in ms. */
  readonly singleMs: number;
  /** Receipt hashes per second with as many in flight as libuv's thread pool runs at once. */
  readonly hashesPerSecond: number;
  readonly threadPoolSize: number;
}

/**
 * Times the receipt hash alone (the same function and parameters the server uses), so the submission
 * figures can be read against the most this machine could ever do: every report costs one hash.
 */
export async function measureArgon2Ceiling(): Promise<Argon2Ceiling> {
  const salt = crypto.randomBytes(16);
  const threadPoolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  for (let i = 0; i < 5; i++) await hashReceiptCode(newReceiptCode(), salt);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    await hashReceiptCode(newReceiptCode(), salt);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const inFlight = Math.max(threadPoolSize, os.availableParallelism());
  let done = 0;
  const deadline = performance.now() + 3000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        await hashReceiptCode(newReceiptCode(), salt);
        done++;
      }
    }),
  );
  return {
    singleMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    hashesPerSecond: done / ((performance.now() - start) / 1000),
    threadPoolSize,
  };
}
