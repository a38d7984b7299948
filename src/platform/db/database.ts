import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from "kysely";
import pg from "pg";
import { type DialectAdapter, postgresAdapter, sqliteAdapter } from "./adapter.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** A repository function accepts either the database or an open transaction. */
export type Executor = Db | Trx;

export interface DatabaseHandle {
  readonly db: Db;
  readonly adapter: DialectAdapter;
  close(): Promise<void>;
}

/** Opens the database named by the URL: `sqlite:<file>` (WAL) or `postgres://...`. */
export function openDatabase(url: string): DatabaseHandle {
  if (url.startsWith("sqlite:")) {
    const file = url.slice("sqlite:".length);
    if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    // FULL: an acknowledged report must survive a power cut, not only a process crash.
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    // Up to 128 MiB of pages in memory (the default is 2 MiB): a million imported ads make indexes of
    // hundreds of MiB, and a page read from the cache is a disk read saved. Memory is used only as needed.
    sqlite.pragma("cache_size = -131072");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, adapter: sqliteAdapter, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, adapter: postgresAdapter, close: () => db.destroy() };
}

/** The current time as the ISO-8601 string every timestamp column holds. */
export function now(): string {
  return new Date().toISOString();
}
