import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { type AuditEntry, appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";

import { assertStrongPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";
import { ROLES, type Role, readsContent } from "./permissions.ts";

export { ROLES, type Role };

/** argon2id for staff passwords: 19 MiB, 2 passes (OWASP's recommended minimum). */
const PASSWORD_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export { MIN_PASSWORD_LENGTH };

const IDLE_MINUTES = 30;
/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const ABSOLUTE_HOURS = 12;
/** How long a half-signed-in session (waiting for a code or enrolment) lives. */
const PENDING_MINUTES = 10;

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
export async function createOrganisation(
  p: Platform,
  input: NewOrganisation,
  /** The audit entry of whoever creates it, written in the same transaction (its target is filled in). */
  audit?: AuditEntry,
): Promise<string> {
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
    if (audit) await appendAudit(p, { ...audit, targetType: "organisation", targetId: id }, trx);
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
  /** The deployment's superadmin, who may create organisations (set by the CLI only). */
  readonly isSuperadmin?: boolean;
}

/** Adds a staff member; the password is stored only as an argon2id hash. */
export async function addUser(p: Platform, input: NewUser, trx?: Executor): Promise<string> {
  const db = trx ?? p.db;
  const org = await repo.findOrganisationBySlug(db, input.organisationSlug);
  if (!org) throw new AppError("organisation_not_found", 404, `No organisation "${input.organisationSlug}"`);
  if (!(ROLES as readonly string[]).includes(input.role))
    throw new AppError("invalid_role", 400, "Unknown role");
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320)
    throw new AppError("invalid_email", 400, "Invalid email address");
  assertStrongPassword(input.password, { email, organisationName: org.name });
  const id = crypto.randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    await repo.insertUser(db, {
      id,
      organisation_id: org.id,
      email,
      display_name: input.name.trim() || email,
      password_hash: passwordHash,
      role: input.role,
      created_at: now(),
      is_superadmin: input.isSuperadmin ? 1 : 0,
    });
  } catch (error) {
    if (p.dialect.isUniqueViolation(error))
      throw new AppError("email_taken", 409, "That email is already in use");
    throw error;
  }
  return id;
}

/** argon2id of a password (for a new or changed password). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_ARGON2);
}

/** Checks a password against its stored hash. */
export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password.slice(0, 1024));
}

// Verified against when the email is unknown, so a login takes as long whether or not the account exists.
let decoyHash: Promise<string> | undefined;

/**
 * How far a sign-in got: `full` opens the console; `totp` still needs a code (or a recovery code);
 * `enrol` still needs two-factor enrolment (required for roles that read report content).
 */
export type SessionStage = "full" | "totp" | "enrol";

export interface SignIn {
  readonly token: string;
  readonly stage: SessionStage;
  readonly role: string;
}

/**
 * Checks a password. With no second factor due, opens a full session; otherwise a pending session that
 * opens nothing but the code or enrolment page. Returns the session token for the cookie.
 */
export async function login(p: Platform, email: string, password: string): Promise<SignIn> {
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
  if (user.disabled_at) throw await refuse("disabled");
  const stage: SessionStage = user.totp_enabled_at ? "totp" : readsContent(user.role) ? "enrol" : "full";
  if (stage !== "full") {
    // The count of wrong attempts carries on into the code page: a password does not buy fresh guesses.
    if (user.locked_until) await repo.clearLock(p.db, user.id);
    return { token: await openSession(p.db, user, stage), stage, role: user.role };
  }
  const token = await p.db.transaction().execute(async (trx) => {
    const t = await openSession(trx, user, "full");
    await completeLogin(p, trx, user, "password");
    return t;
  });
  return { token, stage, role: user.role };
}

/** Opens a session of a stage for a user; returns its token (only its SHA-256 is stored). */
export async function openSession(
  db: Executor,
  user: { readonly id: string; readonly organisation_id: string },
  stage: SessionStage,
  replacing?: string,
): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  const at = new Date();
  const row = {
    id_hash: sha256(token),
    user_id: user.id,
    organisation_id: user.organisation_id,
    created_at: at.toISOString(),
    last_seen_at: at.toISOString(),
    expires_at: new Date(
      at.getTime() + (stage === "full" ? ABSOLUTE_HOURS * 60 : PENDING_MINUTES) * 60_000,
    ).toISOString(),
    stage,
  };
  if (replacing === undefined) await repo.insertSession(db, row);
  else if (!(await repo.replaceSession(db, sha256(replacing), row)))
    throw new AppError("not_signed_in", 401, "The sign-in has expired; start again");
  return token;
}

/** Records a completed sign-in: clears the count of wrong attempts, notes the time, audits `staff.login`. */
export async function completeLogin(
  p: Platform,
  trx: Executor,
  user: { readonly id: string; readonly organisation_id: string },
  method: "password" | "totp" | "recovery",
): Promise<void> {
  await repo.clearFailedLogins(trx, user.id);
  await repo.updateUser(trx, user.id, { last_login_at: now() });
  await appendAudit(
    p,
    {
      actor: `user:${user.id}`,
      organisationId: user.organisation_id,
      action: "staff.login",
      detail: { method },
    },
    trx,
  );
}

export type TokenScope = "read" | "write";

export interface StaffSession extends StaffScope {
  readonly name: string;
  readonly organisationName: string;
  /** The organisation's default language: the console's language unless the person picks another. */
  readonly organisationLanguage?: string;
  /** The deployment superadmin, who may create organisations. */
  readonly isSuperadmin?: boolean;
  /** Set when the request came with an API token: what the token allows. A cookie session has every scope. */
  readonly scopes?: readonly TokenScope[];
}

/** The staff member behind a session cookie, or undefined when absent, expired, idle, pending or disabled. */
export async function sessionFromToken(
  p: Platform,
  token: string | undefined,
): Promise<StaffSession | undefined> {
  const row = await liveSession(p, token);
  if (row?.stage !== "full") return undefined;
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.display_name,
    organisationName: row.organisation_name,
    organisationLanguage: row.organisation_language,
    isSuperadmin: row.is_superadmin === 1,
  };
}

/** A half-signed-in session (password given, second factor or enrolment still due). */
export interface PendingSession {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly email: string;
  readonly name: string;
  readonly stage: "totp" | "enrol";
}

export async function pendingSessionFromToken(
  p: Platform,
  token: string | undefined,
): Promise<PendingSession | undefined> {
  const row = await liveSession(p, token);
  if (!row || row.stage === "full") return undefined;
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    email: row.email,
    name: row.display_name,
    stage: row.stage,
  };
}

async function liveSession(p: Platform, token: string | undefined) {
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
  return row;
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

/** SHA-256 in hex: how session, invitation and API tokens are stored. */
export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

// ---- used by the report workflow (assignment, sharing) ----

export interface Colleague {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly disabled: boolean;
}

/**
 * The staff of the acting user's organisation (never another organisation's): the active ones (who can be
 * assigned), or with `includeDisabled` everyone (to name who a report was assigned to).
 */
export async function colleaguesOf(
  p: Platform,
  scope: StaffScope,
  options: { readonly includeDisabled?: boolean } = {},
): Promise<Colleague[]> {
  const rows = await repo.usersOfOrganisation(p.db, scope.organisationId);
  return rows
    .filter((u) => options.includeDisabled || u.disabled_at === null)
    .map((u) => ({ id: u.id, name: u.display_name, role: u.role, disabled: u.disabled_at !== null }));
}

/** Every organisation's id and name (the choice of whom to share a report with). */
export async function organisationDirectory(p: Platform): Promise<{ id: string; name: string }[]> {
  return repo.allOrganisations(p.db);
}
