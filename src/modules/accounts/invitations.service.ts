import crypto from "node:crypto";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform } from "../../platform/platform.ts";
import * as accountsRepo from "./accounts.repository.ts";
import {
  addUser,
  completeLogin,
  openSession,
  type SignIn,
  type StaffSession,
  sha256,
} from "./accounts.service.ts";
import * as repo from "./invitations.repository.ts";
import { assertStrongPassword } from "./passwords.ts";
import { assertCan, ROLES, type Role, readsContent } from "./permissions.ts";

export const INVITATION_DAYS = 7;

export interface InvitationInput {
  readonly email: string;
  readonly name: string;
  readonly role: string;
}

export type InvitationField = "email" | "name" | "role";

export class InvitationInvalid extends AppError {
  constructor(
    readonly field: InvitationField,
    id: string,
    message: string,
    status = 400,
  ) {
    super(id, status, message, [{ field, code: id, message }]);
  }
}

/** The one-time link an invitee opens (shown once to whoever invites). */
export function invitationUrl(p: Platform, token: string): string {
  return `${p.config.publicUrl.replace(/\/$/, "")}/staff/invite/${token}`;
}

/** Invites a colleague: returns the one-time token for the link (only its SHA-256 is stored). */
export async function createInvitation(
  p: Platform,
  staff: StaffSession,
  input: InvitationInput,
): Promise<{ id: string; token: string }> {
  assertCan(staff, "user.manage");
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320)
    throw new InvitationInvalid("email", "invalid_email", "Invalid email address");
  const name = input.name.trim();
  if (!name || name.length > 120) throw new InvitationInvalid("name", "invalid_name", "Give a name");
  if (!(ROLES as readonly string[]).includes(input.role))
    throw new InvitationInvalid("role", "invalid_role", "Unknown role");
  if (await accountsRepo.findUserByEmail(p.db, email))
    throw new InvitationInvalid("email", "email_taken", "That email is already in use", 409);
  const token = crypto.randomBytes(32).toString("base64url");
  const id = crypto.randomUUID();
  const at = new Date();
  await p.db.transaction().execute(async (trx) => {
    await repo.insertInvitation(trx, {
      id,
      organisation_id: staff.organisationId,
      email,
      display_name: name,
      role: input.role,
      token_hash: sha256(token),
      created_by: staff.userId,
      created_at: at.toISOString(),
      expires_at: new Date(at.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      accepted_at: null,
      revoked_at: null,
      user_id: null,
    });
    await appendAudit(
      p,
      byStaff(staff, "invitation.create", {
        targetType: "invitation",
        targetId: id,
        detail: { role: input.role },
      }),
      trx,
    );
  });
  return { id, token };
}

export async function listInvitations(p: Platform, staff: StaffSession) {
  assertCan(staff, "user.manage");
  const rows = await repo.openInvitations(p.db, staff.organisationId);
  const at = now();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.display_name,
    role: r.role,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    expired: r.expires_at <= at,
  }));
}

export async function revokeInvitation(p: Platform, staff: StaffSession, id: string): Promise<void> {
  assertCan(staff, "user.manage");
  await p.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeInvitation(trx, staff.organisationId, id, now())))
      throw new AppError("invitation_not_found", 404, "No such open invitation");
    await appendAudit(
      p,
      byStaff(staff, "invitation.revoke", { targetType: "invitation", targetId: id }),
      trx,
    );
  });
}

/** Why an invitation link no longer works, for a clear page: unknown, used, revoked or expired. */
export type InvitationProblem =
  | "invitation_unknown"
  | "invitation_used"
  | "invitation_revoked"
  | "invitation_expired";

export interface OpenInvitation {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly organisationSlug: string;
}

/** The invitation behind a link, or an AppError naming why it cannot be used (404 unknown, 410 otherwise). */
export async function invitationForToken(p: Platform, token: string): Promise<OpenInvitation> {
  const row = token.length <= 100 ? await repo.findInvitationByHash(p.db, sha256(token)) : undefined;
  if (!row) throw new AppError("invitation_unknown", 404, "This invitation link is not valid");
  if (row.accepted_at) throw new AppError("invitation_used", 410, "This invitation has already been used");
  if (row.revoked_at) throw new AppError("invitation_revoked", 410, "This invitation was withdrawn");
  if (row.expires_at <= now()) throw new AppError("invitation_expired", 410, "This invitation has expired");
  return {
    id: row.id,
    email: row.email,
    name: row.display_name,
    role: row.role as Role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationSlug: row.organisation_slug,
  };
}

/**
 * Accepts an invitation: creates the account with the chosen password and signs the newcomer in (to the
 * enrolment page when their role needs two-factor sign-in). Single use, even when two requests race.
 */
export async function acceptInvitation(p: Platform, token: string, password: string): Promise<SignIn> {
  const invitation = await invitationForToken(p, token);
  assertStrongPassword(password, { email: invitation.email, organisationName: invitation.organisationName });
  return p.db.transaction().execute(async (trx) => {
    const userId = await addUser(
      p,
      {
        organisationSlug: invitation.organisationSlug,
        email: invitation.email,
        name: invitation.name,
        password,
        role: invitation.role,
      },
      trx,
    );
    if (!(await repo.acceptInvitation(trx, invitation.id, userId, now())))
      throw new AppError("invitation_used", 410, "This invitation has already been used");
    const user = {
      id: userId,
      organisation_id: (await accountsRepo.findUser(trx, userId))?.organisation_id ?? "",
    };
    await appendAudit(
      p,
      {
        actor: `user:${userId}`,
        organisationId: user.organisation_id,
        action: "invitation.accept",
        targetType: "invitation",
        targetId: invitation.id,
      },
      trx,
    );
    const stage = readsContent(invitation.role) ? "enrol" : "full";
    const session = await openSession(trx, user, stage);
    if (stage === "full") await completeLogin(p, trx, user, "password");
    return { token: session, stage, role: invitation.role };
  });
}
