import { sql, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

/** The few things that differ between the embedded SQLite and PostgreSQL, kept in one place. */
export interface DialectAdapter {
  readonly name: "sqlite" | "postgres";
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /**
   * Serialises appends to a chain (the audit log) until the transaction ends. SQLite has one writer at a
   * time already; PostgreSQL takes a transaction-scoped advisory lock.
   */
  lockChain(trx: Transaction<Database>, chain: number): Promise<void>;
}

export const sqliteAdapter: DialectAdapter = {
  name: "sqlite",
  isUniqueViolation: (error) =>
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    String((error as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT"),
  lockChain: async () => {},
};

export const postgresAdapter: DialectAdapter = {
  name: "postgres",
  isUniqueViolation: (error) =>
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code: unknown }).code === "23505",
  lockChain: async (trx, chain) => {
    await sql`select pg_advisory_xact_lock(${chain})`.execute(trx);
  },
};
