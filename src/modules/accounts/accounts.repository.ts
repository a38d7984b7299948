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
      "sessions.stage",
      "users.id as user_id",
      "users.display_name",
      "users.email",
      "users.role",
      "users.is_superadmin",
      "users.totp_enabled_at",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
      "organisations.default_language as organisation_language",
    ])
    .where("sessions.id_hash", "=", idHash)
    .where("sessions.expires_at", ">", nowIso)
    .where("users.disabled_at", "is", null)
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

// ---- used by the report workflow (assignment, sharing) ----

/** The staff of one organisation, disabled accounts included (id, name, role, disabled), by name. */
export function usersOfOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "role", "disabled_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("display_name")
    .orderBy("id")
    .execute();
}

/** Every organisation's id and name, by name. */
export function allOrganisations(db: Executor) {
  return db.selectFrom("organisations").select(["id", "name"]).orderBy("name").orderBy("id").execute();
}

export function findUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A user of one organisation (the acting staff member's scope), or undefined. */
export function findUserInOrganisation(
  db: Executor,
  organisationId: string,
  userId: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom("users")
    .selectAll()
    .where("id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Clears the lock after it has ended, keeping the count of wrong attempts (the second factor is still to come). */
export async function clearLock(db: Executor, userId: string): Promise<void> {
  await db.updateTable("users").set({ locked_until: null }).where("id", "=", userId).execute();
}

export async function updateUser(
  db: Executor,
  userId: string,
  values: {
    password_hash?: string;
    role?: string;
    disabled_at?: string | null;
    last_login_at?: string;
    totp_secret?: string | null;
    totp_enabled_at?: string | null;
    totp_last_step?: number | null;
  },
): Promise<void> {
  await db.updateTable("users").set(values).where("id", "=", userId).execute();
}

/** The organisation's staff, for the users page. */
export function listUsers(db: Executor, organisationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "email", "role", "totp_enabled_at", "last_login_at", "disabled_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("display_name")
    .orderBy("email")
    .execute();
}

/** Active (not disabled) admins of an organisation. */
export async function countActiveAdmins(db: Executor, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function organisationCountries(
  db: Executor,
  organisationId: string,
): Promise<{ country_code: string }[]> {
  return db
    .selectFrom("organisation_countries")
    .select("country_code")
    .where("organisation_id", "=", organisationId)
    .orderBy("country_code")
    .execute();
}

export async function updateOrganisation(
  db: Executor,
  organisationId: string,
  values: {
    name: string;
    default_language: string;
    retention_days: number;
    hotline_phone: string | null;
    hotline_hours: string | null;
  },
  countries: readonly string[],
): Promise<void> {
  await db.updateTable("organisations").set(values).where("id", "=", organisationId).execute();
  await db.deleteFrom("organisation_countries").where("organisation_id", "=", organisationId).execute();
  if (countries.length > 0) {
    await db
      .insertInto("organisation_countries")
      .values(countries.map((country_code) => ({ organisation_id: organisationId, country_code })))
      .execute();
  }
}

export function retentionPolicies(db: Executor) {
  return db.selectFrom("organisations").select(["id", "retention_days"]).orderBy("created_at").execute();
}

export function listOrganisations(db: Executor) {
  return db
    .selectFrom("organisations")
    .select(["id", "slug", "name", "is_default", "created_at"])
    .orderBy("name")
    .execute();
}

/** Replaces a pending (half-signed-in) session by a full one: a new token, so the old cookie is worthless. */
export async function replaceSession(
  db: Executor,
  oldIdHash: string,
  row: Insertable<SessionsTable>,
): Promise<boolean> {
  const result = await db.deleteFrom("sessions").where("id_hash", "=", oldIdHash).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  await db.insertInto("sessions").values(row).execute();
  return true;
}
