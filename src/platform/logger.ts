import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Structured logs with no address, header or body of any request: a request is logged as method and
 * path only, and known secret or personal fields are redacted wherever they appear.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          "req.headers",
          "req.remoteAddress",
          "req.ip",
          "*.password",
          "*.receiptCode",
          "*.narrative",
          "*.contact",
          "*.body",
          "*.token",
          "*.cookie",
        ],
        censor: "[redacted]",
      },
      serializers: {
        req: (req: { method?: string; url?: string }) => ({
          method: req.method,
          path: (req.url ?? "").split("?")[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
