import type { Insertable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { ApiTokensTable } from "../../platform/db/schema.ts";

export async function insertToken(db: Executor, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto("api_tokens").values(row).execute();
}

/** The user's tokens, newest first (never their hashes). */
export function listTokens(db: Executor, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "scopes", "created_at", "last_used_at", "expires_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

export async function revokeToken(db: Executor, userId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A token with its user and organisation, whatever its state (the service decides). */
export function findToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .innerJoin("organisations", "organisations.id", "users.organisation_id")
    .select([
      "api_tokens.id",
      "api_tokens.scopes",
      "api_tokens.expires_at",
      "api_tokens.revoked_at",
      "api_tokens.last_used_at",
      "users.id as user_id",
      "users.display_name",
      "users.role",
      "users.is_superadmin",
      "users.disabled_at",
      "organisations.id as organisation_id",
      "organisations.name as organisation_name",
    ])
    .where("api_tokens.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function touchToken(db: Executor, id: string, at: string): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
}
