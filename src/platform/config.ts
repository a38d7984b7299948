import path from "node:path";
import { z } from "zod";

/** Everything Lantern reads from its environment, parsed once at start-up and passed down. */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** `sqlite:<file>` or `postgres://...`. */
  readonly databaseUrl: string;
  readonly dataDir: string;
  /** Base64 master key; when absent a key file under dataDir is used (created on first run). */
  readonly masterKey: string | undefined;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "silent";
  /** Honour X-Forwarded-For (behind a reverse proxy). The address is used for rate limiting only. */
  readonly trustProxy: boolean;
  /** Neutral site the quick-exit control leaves for. */
  readonly quickExitUrl: string;
  /** Submissions allowed per client per minute on the public reporting routes. */
  readonly reportRateLimit: number;
  /** Wrong receipt codes allowed per client per 15 minutes before every attempt is refused. */
  readonly followUpRateLimit: number;
  /** Set `Secure` on cookies (true unless serving plain http on localhost). */
  readonly secureCookies: boolean;
  readonly publicUrl: string;
  /** Items an identifier may link before it is treated as a hub (a hotline, a switchboard) and stops linking. */
  readonly hubLimit: number;
}

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  LANTERN_HOST: z.string().default("127.0.0.1"),
  LANTERN_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  LANTERN_DATA_DIR: z.string().default("data"),
  LANTERN_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, "must start with sqlite: or postgres://")
    .optional(),
  LANTERN_MASTER_KEY: z.string().optional(),
  LANTERN_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  LANTERN_TRUST_PROXY: bool.default(false),
  LANTERN_QUICK_EXIT_URL: z.url().default("https://www.bbc.com/weather"),
  LANTERN_REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  LANTERN_FOLLOW_UP_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  LANTERN_SECURE_COOKIES: bool.optional(),
  LANTERN_PUBLIC_URL: z.url().optional(),
  LANTERN_HUB_LIMIT: z.coerce.number().int().positive().default(10),
});

/** Reads and validates the environment; throws a readable error naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LANTERN_DATA_DIR);
  const publicUrl = e.LANTERN_PUBLIC_URL ?? `http://localhost:${e.LANTERN_PORT}`;
  return {
    host: e.LANTERN_HOST,
    port: e.LANTERN_PORT,
    dataDir,
    databaseUrl: e.LANTERN_DATABASE_URL ?? `sqlite:${path.join(dataDir, "lantern.db")}`,
    masterKey: e.LANTERN_MASTER_KEY,
    logLevel: e.LANTERN_LOG_LEVEL,
    trustProxy: e.LANTERN_TRUST_PROXY,
    quickExitUrl: e.LANTERN_QUICK_EXIT_URL,
    reportRateLimit: e.LANTERN_REPORT_RATE_LIMIT,
    followUpRateLimit: e.LANTERN_FOLLOW_UP_RATE_LIMIT,
    secureCookies: e.LANTERN_SECURE_COOKIES ?? publicUrl.startsWith("https:"),
    publicUrl,
    hubLimit: e.LANTERN_HUB_LIMIT,
    ...overrides,
  };
}
