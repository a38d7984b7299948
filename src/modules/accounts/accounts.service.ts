import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";

import { ROLES, type Role } from "./permissions.ts";

export { ROLES, type Role };

/** argon2id for staff passwords: 19 MiB, 2 passes (OWASP's recommended minimum). */
const PASSWORD_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;
const IDLE_MINUTES = 30;
/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const ABSOLUTE_HOURS = 12;

export interface NewOrganisation {
  readonly slug: string;
  readonly name: string;
  readonly countries: readonly string[];
  readonly isDefault?: boolean;
  readonly isDemo?: boolean;
  readonly hotlinePhone?: string;
  readonly hotlineHours?: string;
}

/** Creates an organisation with its own data key; `isDefault` makes it receive reports no one else covers. */
export async function createOrganisation(p: Platform, input: NewOrganisation): Promise<string> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) throw new AppError("invalid_slug", 400, "Invalid slug");
  for (const c of input.countries) {
    if (!p.countries.has(c)) throw new AppError("invalid_country", 400, `Unknown country ${c}`);
  }
  const id = crypto.randomUUID();
  await p.db.transaction().execute(async (trx) => {
    if (input.isDefault) await repo.clearDefaultOrganisation(trx);
    await repo.insertOrganisation(
      trx,
      {
        id,
        slug: input.slug,
        name: input.name,
        is_default: input.isDefault ? 1 : 0,
        is_demo: input.isDemo ? 1 : 0,
        data_key_wrapped: p.keys.newWrappedDataKey(id),
        hotline_phone: input.hotlinePhone ?? null,
        hotline_hours: input.hotlineHours ?? null,
        created_at: now(),
      },
      [...new Set(input.countries)],
    );
  });
  return id;
}

/** Makes sure some organisation receives reports, so a report is never left with no one to read it. */
export async function ensureDefaultOrganisation(p: Platform): Promise<void> {
  if (await repo.findDefaultOrganisation(p.db)) return;
  const first = await p.db.selectFrom("organisations").select("id").orderBy("created_at").executeTakeFirst();
  if (first) {
    await p.db.updateTable("organisations").set({ is_default: 1 }).where("id", "=", first.id).execute();
    return;
  }
  await createOrganisation(p, { slug: "default", name: "Lantern", countries: [], isDefault: true });
}

export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly key: Buffer;
}

/** Who receives a report about a country: every organisation covering it, else the default organisation. */
export async function recipientsFor(p: Platform, countryCode: string): Promise<Recipient[]> {
  let orgs = await repo.organisationsCovering(p.db, countryCode);
  if (orgs.length === 0) {
    const fallback = await repo.findDefaultOrganisation(p.db);
    orgs = fallback ? [fallback] : [];
  }
  return orgs.map((o) => ({ id: o.id, name: o.name, key: p.keys.dataKey(o.id, o.data_key_wrapped) }));
}

/** The data key of one organisation. */
export async function organisationKey(p: Platform, organisationId: string): Promise<Buffer> {
  const org = await repo.findOrganisation(p.db, organisationId);
  if (!org) throw new AppError("organisation_not_found", 404, "Organisation not found");
  return p.keys.dataKey(org.id, org.data_key_wrapped);
}

/** Several organisations' names and data keys, in one query. */
export async function organisationsById(
  p: Platform,
  ids: readonly string[],
): Promise<Map<string, Recipient>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.findOrganisations(p.db, ids);
  return new Map(
    rows.map((o) => [o.id, { id: o.id, name: o.name, key: p.keys.dataKey(o.id, o.data_key_wrapped) }]),
  );
}

export const hotlinesFor = (p: Platform, countryCode: string) => repo.hotlinesFor(p.db, countryCode);

export interface NewUser {
  readonly organisationSlug: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  readonly role: Role;
}

/** Adds a staff member; the password is stored only as an argon2id hash. */
export async function addUser(p: Platform, input: NewUser): Promise<string> {
  const org = await repo.findOrganisationBySlug(p.db, input.organisationSlug);
  if (!org) throw new AppError("organisation_not_found", 404, `No organisation "${input.organisationSlug}"`);
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(
      "password_too_short",
      400,
      `Passwords need at least ${MIN_PASSWORD_LENGTH} characters`,
    );
  }
  if (!(ROLES as readonly string[]).includes(input.role))
    throw new AppError("invalid_role", 400, "Unknown role");
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AppError("invalid_email", 400, "Invalid email address");
  const id = crypto.randomUUID();
  try {
    await repo.insertUser(p.db, {
      id,
      organisation_id: org.id,
      email,
      display_name: input.name.trim() || email,
      password_hash: await hash(input.password, PASSWORD_ARGON2),
      role: input.role,
      created_at: now(),
    });
  } catch (error) {
    if (p.dialect.isUniqueViolation(error))
      throw new AppError("email_taken", 409, "That email is already in use");
    throw error;
  }
  return id;
}

// Verified against when the email is unknown, so a login takes as long whether or not the account exists.
let decoyHash: Promise<string> | undefined;

/** Checks a password and opens a session; returns the session token for the cookie. */
export async function login(p: Platform, email: string, password: string): Promise<string> {
  const user = await repo.findUserByEmail(p.db, email.trim().toLowerCase());
  decoyHash ??= hash(crypto.randomBytes(16).toString("hex"), PASSWORD_ARGON2);
  const refuse = async (reason: string) => {
    await appendAudit(p, {
      actor: "system",
      organisationId: user?.organisation_id ?? null,
      action: "staff.login_failed",
      ...(user ? { targetType: "user", targetId: user.id } : {}),
      detail: { reason },
    });
    // One answer for every reason, so the sign-in form tells no one which accounts exist or are locked.
    return new AppError("invalid_credentials", 401, "Wrong email or password");
  };
  const ok = await verify(user?.password_hash ?? (await decoyHash), password.slice(0, 1024));
  if (!user) throw await refuse("unknown_email");
  // While locked, even the right password is refused (and takes as long), so guessing goes nowhere.
  if (user.locked_until && user.locked_until > new Date().toISOString()) throw await refuse("locked");
  if (!ok) {
    const lockUntil = new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString();
    const locked = await repo.recordFailedLogin(p.db, user.id, MAX_FAILED_LOGINS, lockUntil);
    throw await refuse(locked ? "wrong_password_locked" : "wrong_password");
  }
  if (user.failed_logins > 0 || user.locked_until) await repo.clearFailedLogins(p.db, user.id);
  const token = crypto.randomBytes(32).toString("base64url");
  const at = new Date();
  await repo.insertSession(p.db, {
    id_hash: sha256(token),
    user_id: user.id,
    organisation_id: user.organisation_id,
    created_at: at.toISOString(),
    last_seen_at: at.toISOString(),
    expires_at: new Date(at.getTime() + ABSOLUTE_HOURS * 3_600_000).toISOString(),
  });
  await appendAudit(p, {
    actor: `user:${user.id}`,
    organisationId: user.organisation_id,
    action: "staff.login",
  });
  return token;
}

export interface StaffSession extends StaffScope {
  readonly name: string;
  readonly organisationName: string;
}

/** The staff member behind a session cookie, or undefined when absent, expired or idle too long. */
export async function sessionFromToken(
  p: Platform,
  token: string | undefined,
): Promise<StaffSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const at = new Date();
  const row = await repo.findSession(p.db, sha256(token), at.toISOString());
  if (!row) return undefined;
  if (at.getTime() - Date.parse(row.last_seen_at) > IDLE_MINUTES * 60_000) {
    await repo.deleteSession(p.db, row.id_hash);
    return undefined;
  }
  // Write the activity time at most once a minute: reads stay reads.
  if (at.getTime() - Date.parse(row.last_seen_at) > 60_000)
    await repo.touchSession(p.db, row.id_hash, at.toISOString());
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.display_name,
    organisationName: row.organisation_name,
  };
}

/** Ends every session of the staff member, on every device (for a lost phone or a shared computer). */
export async function logoutEverywhere(p: Platform, scope: StaffScope): Promise<void> {
  const ended = await repo.deleteSessionsOfUser(p.db, scope.userId);
  await appendAudit(p, byStaff(scope, "staff.logout_everywhere", { detail: { sessions: ended } }));
}

export async function logout(p: Platform, token: string | undefined): Promise<void> {
  if (token) await repo.deleteSession(p.db, sha256(token));
}

export async function isDemoDeployment(p: Platform): Promise<boolean> {
  return (await repo.getSetting(p.db, "demo")) === "1";
}

export async function markDemoDeployment(p: Platform): Promise<void> {
  await repo.putSetting(p.db, "demo", "1");
}

function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export interface Colleague {
  readonly id: string;
  readonly name: string;
}

/** The acting staff member's organisation's staff (ids and names only): for assignee names and pickers. */
export async function colleagues(p: Platform, scope: StaffScope): Promise<Colleague[]> {
  const rows = await repo.usersOfOrganisation(p.db, scope.organisationId);
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
