import { AppError } from "../../platform/http/errors.ts";
import type { StaffScope } from "../../platform/platform.ts";

export const ROLES = ["admin", "coordinator", "caseworker", "analyst", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Everything a staff member can be allowed to do; services check one of these before acting. */
export const ACTIONS = ["report.list", "report.read", "report.reply", "audit.read"] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The permission table: which role may do what, within its own organisation. Roles that are not listed
 * for an action are refused it. Report content is for the roles that answer reporters.
 */
const TABLE: Readonly<Record<Role, readonly Action[]>> = {
  admin: ["report.list", "report.read", "report.reply", "audit.read"],
  coordinator: ["report.list", "report.read", "report.reply"],
  caseworker: ["report.list", "report.read", "report.reply"],
  analyst: [],
  editor: [],
  viewer: [],
};

const ALLOWED: ReadonlyMap<string, ReadonlySet<Action>> = new Map(
  Object.entries(TABLE).map(([role, actions]) => [role, new Set(actions)]),
);

export function can(role: string, action: Action): boolean {
  return ALLOWED.get(role)?.has(action) ?? false;
}

/** Throws `forbidden` (403) unless the acting user's role allows the action. */
export function assertCan(scope: StaffScope, action: Action): void {
  if (!can(scope.role, action)) throw new AppError("forbidden", 403, "Your role does not allow this");
}
