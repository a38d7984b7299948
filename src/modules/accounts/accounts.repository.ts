import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { OrganisationsTable, SessionsTable, UsersTable } from "../../platform/db/schema.ts";

export type OrganisationRow = Selectable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;

export async function insertOrganisation(
  db: Executor,
  row: Insertable<OrganisationsTable>,
  countries: readonly string[],
): Promise<void> {
  await db.insertInto("organisations").values(row).execute();
  if (countries.length > 0) {
    await db
      .insertInto("organisation_countries")
      .values(countries.map((country_code) => ({ organisation_id: row.id, country_code })))
      .execute();
  }
}

export function findOrganisation(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
}

export function findOrganisations(db: Executor, ids: readonly string[]): Promise<OrganisationRow[]> {
  return db.selectFrom("organisations").selectAll().where("id", "in", ids).execute();
}

export function findOrganisationBySlug(db: Executor, slug: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom("organisations").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function findDefaultOrganisation(db: Executor): Promise<OrganisationRow | undefined> {
  return db
    .selectFrom("organisations")
    .selectAll()
    .where("is_default", "=", 1)
    .orderBy("created_at")
    .executeTakeFirst();
}

export async function clearDefaultOrganisation(db: Executor): Promise<void> {
  await db.updateTable("organisations").set({ is_default: 0 }).where("is_default", "=", 1).execute();
}

/** Organisations that declare they cover a country. */
export function organisationsCovering(db: Executor, countryCode: string): Promise<OrganisationRow[]> {
  return db
    .selectFrom("organisations")
    .innerJoin("organisation_countries", "organisation_countries.organisation_id", "organisations.id")
    .selectAll("organisations")
    .where("organisation_countries.country_code", "=", countryCode)
    .orderBy("organisations.created_at")
    .execute();
}

/** Organisations with a public hotline covering a country (for the "get help now" page). */
export function hotlinesFor(db: Executor, countryCode: string) {
  return db
    .selectFrom("organisations")
    .innerJoin("organisation_countries", "organisation_countries.organisation_id", "organisations.id")
    .select([
      "organisations.name",
      "organisations.hotline_phone",
      "organisations.hotline_hours",
      "organisations.is_demo",
    ])
    .where("organisation_countries.country_code", "=", countryCode)
    .where("organisations.hotline_phone", "is not", null)
    .orderBy("organisations.name")
    .execute();
}

export async function insertUser(db: Executor, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto("users").values(row).execute();
}

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
}

/** Counts a wrong password; locks the account (and restarts the count) once `limit` is reached. */
export async function recordFailedLogin(
  db: Executor,
  userId: string,
  limit: number,
  lockUntil: string,
): Promise<boolean> {
  const row = await db
    .updateTable("users")
    .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
    .where("id", "=", userId)
    .returning("failed_logins")
    .executeTakeFirst();
  if (!row || Number(row.failed_logins) < limit) return false;
  await db
    .updateTable("users")
    .set({ failed_logins: 0, locked_until: lockUntil })
    .where("id", "=", userId)
    .execute();
  return true;
}

export async function clearFailedLogins(db: Executor, userId: string): Promise<void> {
  await db
    .updateTable("users")
    .set({ failed_logins: 0, locked_until: null })
    .where("id", "=", userId)
    .execute();
}

export async function insertSession(db: Executor, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto("sessions").values(row).execute();
}

/** A live session with its user and organisation, or undefined. */
export function findSession(db: Executor, idHash: string, nowIso: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "sessions.id_hash",
      "sessions.last_seen_at",
      "users.id as user_id",
      "users.display_name",
      "users.role",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", nowIso)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, idHash: string, nowIso: string): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: nowIso }).where("id_hash", "=", idHash).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

export async function getSetting(db: Executor, key: string): Promise<string | undefined> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

export async function putSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** The staff of one organisation, by name (for assignee names and pickers). */
export function usersOfOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "display_name"])
    .where("organisation_id", "=", organisationId)
    .orderBy("display_name")
    .orderBy("id")
    .execute();
}
