import type { Insertable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { InvitationsTable } from "../../platform/db/schema.ts";

export async function insertInvitation(db: Executor, row: Insertable<InvitationsTable>): Promise<void> {
  await db.insertInto("invitations").values(row).execute();
}

/** Invitations of one organisation not yet accepted or revoked, newest first. */
export function openInvitations(db: Executor, organisationId: string) {
  return db
    .selectFrom("invitations")
    .select(["id", "email", "display_name", "role", "created_at", "expires_at"])
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .orderBy("created_at", "desc")
    .execute();
}

export function findInvitationByHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("organisations", "organisations.id", "invitations.organisation_id")
    .selectAll("invitations")
    .select(["organisations.name as organisation_name", "organisations.slug as organisation_slug"])
    .where("invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export async function revokeInvitation(
  db: Executor,
  organisationId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("organisation_id", "=", organisationId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks an invitation accepted, once: false when it was accepted or revoked in the meantime. */
export async function acceptInvitation(
  db: Executor,
  id: string,
  userId: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ accepted_at: at, user_id: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
