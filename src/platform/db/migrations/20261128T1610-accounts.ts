import type { Kysely } from "kysely";

/**
 * Accounts for issue 3: organisation settings (default language, retention), two-factor sign-in (a sealed
 * TOTP secret per user, the last accepted time step against replay, single-use recovery codes stored as
 * HMACs), disabled accounts and the deployment superadmin, staged sessions (a password alone opens only a
 * pending session), invitation links and personal API tokens (both stored as hashes only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const orgs = () => db.schema.alterTable("organisations");
  await orgs()
    .addColumn("default_language", "text", (c) => c.notNull().defaultTo("en"))
    .execute();
  await orgs()
    .addColumn("retention_days", "integer", (c) => c.notNull().defaultTo(365))
    .execute();

  const users = () => db.schema.alterTable("users");
  await users().addColumn("totp_secret", "text").execute();
  await users().addColumn("totp_enabled_at", "text").execute();
  await users().addColumn("totp_last_step", "integer").execute();
  await users()
    .addColumn("is_superadmin", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await users().addColumn("disabled_at", "text").execute();
  await users().addColumn("last_login_at", "text").execute();

  // "full" opens the console; "totp" (code needed) and "enrol" (enrolment needed) open nothing else.
  await db.schema
    .alterTable("sessions")
    .addColumn("stage", "text", (c) => c.notNull().defaultTo("full"))
    .execute();

  await db.schema
    .createTable("recovery_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_codes_user").on("recovery_codes").column("user_id").execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("accepted_at", "text")
    .addColumn("revoked_at", "text")
    .addColumn("user_id", "text")
    .execute();
  await db.schema
    .createIndex("invitations_organisation")
    .on("invitations")
    .columns(["organisation_id", "created_at"])
    .execute();

  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    // "read" or "read write"
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("api_tokens").execute();
  await db.schema.dropTable("invitations").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.alterTable("sessions").dropColumn("stage").execute();
  for (const column of [
    "last_login_at",
    "disabled_at",
    "is_superadmin",
    "totp_last_step",
    "totp_enabled_at",
    "totp_secret",
  ]) {
    await db.schema.alterTable("users").dropColumn(column).execute();
  }
  await db.schema.alterTable("organisations").dropColumn("retention_days").execute();
  await db.schema.alterTable("organisations").dropColumn("default_language").execute();
}
