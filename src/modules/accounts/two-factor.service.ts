import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";
import {
  completeLogin,
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  openSession,
  type PendingSession,
} from "./accounts.service.ts";
import * as tfa from "./two-factor.repository.ts";

const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

const totpKey = (p: Platform) => p.keys.derive("totp-secret");
const recoveryKey = (p: Platform) => p.keys.derive("recovery-codes");

/** Seals a TOTP secret (base32) for storage, bound to its user so it cannot be moved to another row. */
export function sealTotpSecret(p: Platform, userId: string, base32: string): string {
  return seal(totpKey(p), base32, `totp:${userId}`);
}

function openTotpSecret(p: Platform, userId: string, sealed: string): string {
  return open(totpKey(p), sealed, `totp:${userId}`).toString("utf8");
}

function totp(base32: string, label = "Lantern"): TOTP {
  return new TOTP({
    issuer: "Lantern",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(base32),
  });
}

/** The time step a 6-digit code belongs to (±1 step of clock drift accepted), or undefined. */
export function matchingStep(base32: string, code: string, at = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(base32).validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(at / 1000 / PERIOD_SECONDS) + delta;
}

export interface Enrolment {
  /** Base32, for typing into an authenticator app by hand. */
  readonly secret: string;
  readonly uri: string;
  /** The otpauth:// URI as an inline SVG QR code (no script, no data: URL). */
  readonly qrSvg: string;
}

/** The pending secret to enrol with (made once, then shown again until confirmed). */
export async function enrolment(p: Platform, pending: PendingSession): Promise<Enrolment> {
  const user = await repo.findUser(p.db, pending.userId);
  if (!user) throw new AppError("not_signed_in", 401, "Sign in again");
  let secret = user.totp_secret && !user.totp_enabled_at ? openTotpSecret(p, user.id, user.totp_secret) : "";
  if (!secret) {
    secret = new Secret({ size: 20 }).base32;
    await repo.updateUser(p.db, user.id, {
      totp_secret: sealTotpSecret(p, user.id, secret),
      totp_enabled_at: null,
      totp_last_step: null,
    });
  }
  const uri = totp(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

const wrongCode = () => new AppError("wrong_code", 401, "That code is not right");

/** Counts a wrong code in the same per-account throttle as wrong passwords; ends a locked sign-in. */
async function refuseCode(p: Platform, pending: PendingSession, sessionToken: string): Promise<AppError> {
  const lockUntil = new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString();
  const locked = await repo.recordFailedLogin(p.db, pending.userId, MAX_FAILED_LOGINS, lockUntil);
  await appendAudit(p, {
    actor: "system",
    organisationId: pending.organisationId,
    action: "staff.login_failed",
    targetType: "user",
    targetId: pending.userId,
    detail: { reason: locked ? "wrong_code_locked" : "wrong_code" },
  });
  if (locked) {
    await repo.deleteSession(p.db, sessionTokenHash(sessionToken));
    return new AppError("account_locked", 401, "Too many wrong attempts; the account is locked for a while");
  }
  return wrongCode();
}

async function assertNotLocked(p: Platform, pending: PendingSession, sessionToken: string) {
  const user = await repo.findUser(p.db, pending.userId);
  if (!user || user.disabled_at) throw new AppError("not_signed_in", 401, "Sign in again");
  if (user.locked_until && user.locked_until > new Date().toISOString()) {
    await repo.deleteSession(p.db, sessionTokenHash(sessionToken));
    throw new AppError("account_locked", 401, "Too many wrong attempts; the account is locked for a while");
  }
  return user;
}

/**
 * Confirms enrolment with a first code: two-factor is on, ten recovery codes are made (returned once, to
 * show), and the pending session becomes a full one. Returns the new session token and the codes.
 */
export async function confirmEnrolment(
  p: Platform,
  pending: PendingSession,
  sessionToken: string,
  code: string,
): Promise<{ token: string; recoveryCodes: string[] }> {
  if (pending.stage !== "enrol") throw new AppError("not_signed_in", 401, "Sign in again");
  const user = await assertNotLocked(p, pending, sessionToken);
  if (!user.totp_secret) throw await refuseCode(p, pending, sessionToken);
  const step = matchingStep(openTotpSecret(p, user.id, user.totp_secret), code.replace(/\s/g, ""));
  if (step === undefined || !(await tfa.claimTotpStep(p.db, user.id, step)))
    throw await refuseCode(p, pending, sessionToken);
  return p.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { totp_enabled_at: now() });
    const recoveryCodes = await storeNewRecoveryCodes(p, trx, user.id);
    await appendAudit(
      p,
      {
        actor: `user:${user.id}`,
        organisationId: user.organisation_id,
        action: "staff.totp_enrolled",
        targetType: "user",
        targetId: user.id,
      },
      trx,
    );
    const token = await openSession(trx, user, "full", sessionToken);
    await completeLogin(p, trx, user, "totp");
    return { token, recoveryCodes };
  });
}

/** Finishes a sign-in with a 6-digit code or a recovery code; returns the full session's token. */
export async function verifySecondFactor(
  p: Platform,
  pending: PendingSession,
  sessionToken: string,
  input: string,
): Promise<string> {
  if (pending.stage !== "totp") throw new AppError("not_signed_in", 401, "Sign in again");
  const user = await assertNotLocked(p, pending, sessionToken);
  const code = input.replace(/[\s-]/g, "").toLowerCase();
  let method: "totp" | "recovery";
  if (/^\d{6}$/.test(code)) {
    if (!user.totp_secret) throw await refuseCode(p, pending, sessionToken);
    const step = matchingStep(openTotpSecret(p, user.id, user.totp_secret), code);
    // A code already used (in its time step or a later one) is refused: it may have been watched.
    if (step === undefined || !(await tfa.claimTotpStep(p.db, user.id, step)))
      throw await refuseCode(p, pending, sessionToken);
    method = "totp";
  } else {
    if (!(await tfa.useRecoveryCode(p.db, user.id, recoveryHash(p, user.id, code), now())))
      throw await refuseCode(p, pending, sessionToken);
    method = "recovery";
  }
  return p.db.transaction().execute(async (trx) => {
    const token = await openSession(trx, user, "full", sessionToken);
    await completeLogin(p, trx, user, method);
    return token;
  });
}

/** Replaces the staff member's recovery codes by ten new ones, returned once to show. */
export async function regenerateRecoveryCodes(p: Platform, scope: StaffScope): Promise<string[]> {
  const user = await repo.findUser(p.db, scope.userId);
  if (!user?.totp_enabled_at) throw new AppError("totp_not_enrolled", 409, "Two-factor sign-in is not on");
  return p.db.transaction().execute(async (trx) => {
    const codes = await storeNewRecoveryCodes(p, trx, user.id);
    await appendAudit(p, byStaff(scope, "staff.recovery_codes_regenerated"), trx);
    return codes;
  });
}

/** The staff member's two-factor state, for the account page. */
export async function twoFactorStatus(
  p: Platform,
  scope: StaffScope,
): Promise<{ enabledAt: string | null; recoveryCodesLeft: number }> {
  const user = await repo.findUser(p.db, scope.userId);
  return {
    enabledAt: user?.totp_enabled_at ?? null,
    recoveryCodesLeft: user?.totp_enabled_at ? await tfa.unusedRecoveryCodes(p.db, scope.userId) : 0,
  };
}

async function storeNewRecoveryCodes(
  p: Platform,
  trx: Parameters<typeof tfa.replaceRecoveryCodes>[0],
  userId: string,
): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
  const at = now();
  await tfa.replaceRecoveryCodes(
    trx,
    userId,
    codes.map((c) => ({
      id: crypto.randomUUID(),
      code_hash: recoveryHash(p, userId, c.replace("-", "")),
      created_at: at,
    })),
  );
  return codes;
}

/** Ten characters from an alphabet without look-alikes (about 49 bits), shown as `xxxxx-xxxxx`. */
function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function recoveryHash(p: Platform, userId: string, normalised: string): string {
  return crypto.createHmac("sha256", recoveryKey(p)).update(`${userId}:${normalised}`).digest("hex");
}

function sessionTokenHash(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
