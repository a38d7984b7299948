import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import { bootPlatform, prepareApp } from "../../src/boot.ts";
import { type Config, loadConfig } from "../../src/platform/config.ts";
import type { Platform } from "../../src/platform/platform.ts";

export type Dialect = "sqlite" | "postgres";

/** The dialects this run can test: SQLite always, PostgreSQL when the global setup provided one. */
export function dialects(): Dialect[] {
  return inject("postgresUrl") ? ["sqlite", "postgres"] : ["sqlite"];
}

export interface TestApp {
  readonly dialect: Dialect;
  readonly app: FastifyInstance;
  readonly platform: Platform;
  readonly dataDir: string;
  /** Every log line the app wrote. */
  readonly logs: string[];
  /** The SQLite database file and its WAL/SHM companions, for byte-level checks (empty on PostgreSQL). */
  sqliteFiles(): string[];
  /** Every row of every table, as JSON text (for "this value is stored nowhere" checks). */
  dumpAllRows(): Promise<string>;
  close(): Promise<void>;
}

/** Creates a fresh PostgreSQL database on the provided server; returns its URL and a drop function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject("postgresUrl");
  const name = `lantern_t_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      // Without FORCE: a connection still closing gets to finish rather than receive a FATAL it cannot handle.
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`DROP DATABASE IF EXISTS ${name}`);
          break;
        } catch (error) {
          if (attempt >= 50 || (error as { code?: string }).code !== "55006") throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await c.end();
    },
  };
}

/** Starts the app in-process on a fresh, empty database of the given dialect. */
export async function startTestApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-"));
  const dbFile = path.join(dataDir, "lantern.db");
  let databaseUrl = `sqlite:${dbFile}`;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (dialect === "postgres") {
    const fresh = await freshPostgresDatabase();
    databaseUrl = fresh.url;
    dropDatabase = fresh.drop;
  }
  const config = loadConfig(
    {},
    {
      databaseUrl,
      dataDir,
      masterKey: crypto.randomBytes(32).toString("base64"),
      logLevel: "info",
      trustProxy: true,
      quickExitUrl: "https://weather.example.org/",
      reportRateLimit: 10_000,
      followUpRateLimit: 10_000,
      ...overrides,
    },
  );
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const booted = bootPlatform(config, sink);
  const app = await prepareApp(booted.platform);
  await app.ready();
  return {
    dialect,
    app,
    platform: booted.platform,
    dataDir,
    logs,
    sqliteFiles: () =>
      dialect === "sqlite" ? [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((f) => fs.existsSync(f)) : [],
    async dumpAllRows() {
      const db = booted.platform.db;
      const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
      const parts: string[] = [];
      for (const t of tables) {
        const rows = await db
          .selectFrom(t.name as "reports")
          .selectAll()
          .execute();
        parts.push(JSON.stringify({ table: t.name, rows }));
      }
      return parts.join("\n");
    },
    async close() {
      await app.close();
      await booted.close();
      await dropDatabase?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Number of rows in each table that holds reports or messages. */
export async function reportRowCounts(p: Platform): Promise<string> {
  const count = async (table: "reports" | "report_copies" | "report_messages") =>
    Number(
      (
        await p.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return `reports=${await count("reports")} copies=${await count("report_copies")} messages=${await count("report_messages")}`;
}

/** Cookies a response set, as a name → value map. */
export function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

/** The value of a hidden or text input in a rendered page. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  const value = tag?.match(/value="([^"]*)"/)?.[1];
  return value === undefined ? undefined : decodeEntities(value);
}

export function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Encodes a form body the way a browser does (repeated keys for arrays). */
export function formEncode(values: Readonly<Record<string, string | readonly string[] | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const one of typeof v === "string" ? [v] : v) params.append(k, one);
  }
  return params.toString();
}
