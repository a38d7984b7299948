/** The few things that differ between the embedded SQLite and PostgreSQL, kept in one place. */
export interface DialectAdapter {
  readonly name: "sqlite" | "postgres";
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
}

export const sqliteAdapter: DialectAdapter = {
  name: "sqlite",
  isUniqueViolation: (error) =>
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    String((error as { code: unknown }).code).startsWith("SQLITE_CONSTRAINT"),
};

export const postgresAdapter: DialectAdapter = {
  name: "postgres",
  isUniqueViolation: (error) =>
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    (error as { code: unknown }).code === "23505",
};
