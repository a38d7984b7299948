import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";
import type { StaffSession } from "./accounts.service.ts";
import { assertCan, ROLES, type Role } from "./permissions.ts";
import * as tfa from "./two-factor.repository.ts";

export interface StaffMember {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly twoFactor: boolean;
  readonly lastLoginAt: string | null;
  readonly disabled: boolean;
}

/** The organisation's staff accounts (user.manage). */
export async function listStaff(p: Platform, staff: StaffSession): Promise<StaffMember[]> {
  assertCan(staff, "user.manage");
  const rows = await repo.listUsers(p.db, staff.organisationId);
  return rows.map(member);
}

function member(r: {
  id: string;
  display_name: string;
  email: string;
  role: string;
  totp_enabled_at: string | null;
  last_login_at: string | null;
  disabled_at: string | null;
}): StaffMember {
  return {
    id: r.id,
    name: r.display_name,
    email: r.email,
    role: r.role,
    twoFactor: r.totp_enabled_at !== null,
    lastLoginAt: r.last_login_at,
    disabled: r.disabled_at !== null,
  };
}

/** One colleague's account as the staff list shows it (user.manage; 404 outside the organisation). */
export async function staffMember(p: Platform, staff: StaffSession, userId: string): Promise<StaffMember> {
  return member(await colleague(p, staff, userId));
}

async function colleague(p: Platform, staff: StaffSession, userId: string) {
  assertCan(staff, "user.manage");
  const user = await repo.findUserInOrganisation(p.db, staff.organisationId, userId);
  if (!user) throw new AppError("user_not_found", 404, "No such colleague");
  return user;
}

// Serialises changes to admins (PostgreSQL advisory lock), so two admins demoting each other at the same
// moment cannot both pass the last-admin check.
const ADMIN_CHANGES_LOCK = 7_041_002;

const lastAdmin = () => new AppError("last_admin", 409, "An organisation keeps at least one active admin");

/**
 * Changes a colleague's role. Never one's own (ask another admin), never the last active admin's. Their
 * sessions end, so a new role that needs two-factor sign-in takes effect at once.
 */
export async function changeRole(
  p: Platform,
  staff: StaffSession,
  userId: string,
  role: string,
): Promise<void> {
  const user = await colleague(p, staff, userId);
  if (!(ROLES as readonly string[]).includes(role)) throw new AppError("invalid_role", 400, "Unknown role");
  if (user.id === staff.userId) throw new AppError("own_role", 409, "You cannot change your own role");
  if (user.role === role) return;
  await p.db.transaction().execute(async (trx) => {
    await p.dialect.lockChain(trx, ADMIN_CHANGES_LOCK);
    await repo.updateUser(trx, user.id, { role: role as Role });
    if (
      user.role === "admin" &&
      !user.disabled_at &&
      (await repo.countActiveAdmins(trx, staff.organisationId)) < 1
    )
      throw lastAdmin();
    await repo.deleteSessionsOfUser(trx, user.id);
    await appendAudit(
      p,
      byStaff(staff, "user.role_changed", {
        targetType: "user",
        targetId: user.id,
        detail: { from: user.role, to: role },
      }),
      trx,
    );
  });
}

/** Disables (ending every session and API token's use) or enables a colleague's account. */
export async function setDisabled(
  p: Platform,
  staff: StaffSession,
  userId: string,
  disabled: boolean,
): Promise<void> {
  const user = await colleague(p, staff, userId);
  if (user.id === staff.userId) throw new AppError("own_account", 409, "You cannot disable your own account");
  if ((user.disabled_at !== null) === disabled) return;
  await p.db.transaction().execute(async (trx) => {
    await p.dialect.lockChain(trx, ADMIN_CHANGES_LOCK);
    await repo.updateUser(trx, user.id, { disabled_at: disabled ? now() : null });
    if (disabled && user.role === "admin" && (await repo.countActiveAdmins(trx, staff.organisationId)) < 1)
      throw lastAdmin();
    if (disabled) await repo.deleteSessionsOfUser(trx, user.id);
    await appendAudit(
      p,
      byStaff(staff, disabled ? "user.disabled" : "user.enabled", { targetType: "user", targetId: user.id }),
      trx,
    );
  });
}

/** Turns a colleague's two-factor sign-in off (a lost phone): they enrol again at their next sign-in. */
export async function resetTwoFactor(p: Platform, staff: StaffSession, userId: string): Promise<void> {
  const user = await colleague(p, staff, userId);
  await p.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    await tfa.deleteRecoveryCodes(trx, user.id);
    await repo.deleteSessionsOfUser(trx, user.id);
    await appendAudit(p, byStaff(staff, "user.totp_reset", { targetType: "user", targetId: user.id }), trx);
  });
}
