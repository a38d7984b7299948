import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";
import { hashPassword, verifyPassword } from "./accounts.service.ts";
import { assertStrongPassword } from "./passwords.ts";

/** The signed-in staff member's own account details. */
export async function accountDetails(
  p: Platform,
  scope: StaffScope,
): Promise<{ email: string; role: string }> {
  const user = await repo.findUser(p.db, scope.userId);
  if (!user) throw new AppError("not_signed_in", 401, "Sign in again");
  return { email: user.email, role: user.role };
}

/** Changes one's own password: the current one is required, the new one must pass the rules. */
export async function changePassword(
  p: Platform,
  scope: StaffScope,
  current: string,
  next: string,
): Promise<void> {
  const user = await repo.findUser(p.db, scope.userId);
  if (!user) throw new AppError("not_signed_in", 401, "Sign in again");
  if (!(await verifyPassword(user.password_hash, current)))
    throw new AppError("wrong_password", 400, "The current password is not right", [
      { field: "current", code: "wrong_password", message: "The current password is not right" },
    ]);
  const org = await repo.findOrganisation(p.db, user.organisation_id);
  assertStrongPassword(next, { email: user.email, organisationName: org?.name });
  const passwordHash = await hashPassword(next);
  await p.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { password_hash: passwordHash });
    await appendAudit(
      p,
      byStaff(scope, "staff.password_changed", { targetType: "user", targetId: user.id }),
      trx,
    );
  });
}
