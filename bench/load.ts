import { createHistogram } from "node:perf_hooks";
import autocannon from "autocannon";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /** The JSON body of every request, or a function called for each request (varied bodies). */
  readonly body: string | (() => string);
}

export interface LoadResult {
  readonly connections: number;
  readonly durationSeconds: number;
  /** Mean responses per second over the run, as autocannon counts them. */
  readonly requestsPerSecond: number;
  /** Latency percentiles of 2xx responses, in milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly ok2xx: number;
  /** Responses per status code, for diagnosing non-2xx answers. */
  readonly statusCodes: Readonly<Record<string, number>>;
}

const HEADERS = { "content-type": "application/json", accept: "application/json" } as const;

/**
 * Runs autocannon against one POST endpoint. autocannon's own histogram has no 95th percentile, so every
 * 2xx response time is also recorded (in microseconds) in a Node histogram to read p50/p95/p99 from.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (stopRequested) return Promise.reject(new InterruptedError());
  const latencies = createHistogram();
  const statusCodes: Record<string, number> = {};
  const { body } = options;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        method: "POST",
        headers: HEADERS,
        ...(typeof body === "string"
          ? { body }
          : {
              requests: [
                {
                  method: "POST",
                  headers: HEADERS,
                  setupRequest: (request) => ({ ...request, body: body() }),
                },
              ],
            }),
      },
      (error: unknown, result) => {
        current = undefined;
        if (stopRequested) {
          reject(new InterruptedError());
          return;
        }
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const ms = (percentile: number) =>
          latencies.count === 0 ? Number.NaN : latencies.percentile(percentile) / 1000;
        resolve({
          connections: options.connections,
          durationSeconds: result.duration,
          requestsPerSecond: result.requests.average,
          p50: ms(50),
          p95: ms(95),
          p99: ms(99),
          max: latencies.count === 0 ? Number.NaN : latencies.max / 1000,
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          ok2xx: result["2xx"],
          statusCodes,
        });
      },
    );
    current = instance;
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300)
        latencies.record(Math.max(1, Math.round(responseTime * 1000)));
    });
  });
}

/** Thrown by `runLoad` once `stopLoad` has been called. */
export class InterruptedError extends Error {
  constructor() {
    super("interrupted");
  }
}

let current: { stop(): void } | undefined;
let stopRequested = false;

/** Stops the load running now and refuses any later one (for Ctrl-C): `runLoad` rejects instead. */
export function stopLoad(): void {
  stopRequested = true;
  current?.stop();
}
