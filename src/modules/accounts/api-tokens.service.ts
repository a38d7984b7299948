import crypto from "node:crypto";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { type StaffSession, sha256, type TokenScope } from "./accounts.service.ts";
import * as repo from "./api-tokens.repository.ts";

export const TOKEN_PREFIX = "lt_";

/** `read` lists and reads reports; `write` also replies, updates, notes and assigns. */
export const TOKEN_ACCESS = ["read", "write"] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

export interface NewApiToken {
  readonly name: string;
  readonly access: TokenAccess;
  /** ISO date (YYYY-MM-DD): the token stops working at the end of that day (UTC). */
  readonly expiresOn?: string;
}

export interface ApiTokenView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly TokenScope[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

const scopesOf = (text: string): TokenScope[] =>
  text.split(" ").filter((s): s is TokenScope => s === "read" || s === "write");

/** Creates a personal API token; returns it once (only its SHA-256 is stored). */
export async function createApiToken(
  p: Platform,
  scope: StaffScope,
  input: NewApiToken,
): Promise<{ id: string; token: string }> {
  const name = input.name.trim();
  if (!name || name.length > 80) throw new AppError("invalid_name", 400, "Give the token a name");
  if (!(TOKEN_ACCESS as readonly string[]).includes(input.access))
    throw new AppError("invalid_scope", 400, "Unknown scope");
  let expiresAt: string | null = null;
  if (input.expiresOn) {
    const end = Date.parse(`${input.expiresOn}T23:59:59.999Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) || Number.isNaN(end) || end <= Date.now())
      throw new AppError("invalid_expiry", 400, "The expiry date must be in the future");
    expiresAt = new Date(end).toISOString();
  }
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  const id = crypto.randomUUID();
  await p.db.transaction().execute(async (trx) => {
    await repo.insertToken(trx, {
      id,
      user_id: scope.userId,
      name,
      token_hash: sha256(token),
      scopes: input.access === "write" ? "read write" : "read",
      created_at: now(),
      last_used_at: null,
      expires_at: expiresAt,
      revoked_at: null,
    });
    await appendAudit(
      p,
      byStaff(scope, "api_token.create", {
        targetType: "api_token",
        targetId: id,
        detail: { scopes: input.access },
      }),
      trx,
    );
  });
  return { id, token };
}

export async function listApiTokens(p: Platform, scope: StaffScope): Promise<ApiTokenView[]> {
  const rows = await repo.listTokens(p.db, scope.userId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: scopesOf(r.scopes),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the staff member's own tokens (404 for anyone else's). */
export async function revokeApiToken(p: Platform, scope: StaffScope, id: string): Promise<void> {
  await p.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeToken(trx, scope.userId, id, now())))
      throw new AppError("token_not_found", 404, "No such token");
    await appendAudit(p, byStaff(scope, "api_token.revoke", { targetType: "api_token", targetId: id }), trx);
  });
}

/** The staff member behind a bearer token, or undefined when unknown, revoked, expired or disabled. */
export async function staffFromApiToken(p: Platform, token: string): Promise<StaffSession | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return undefined;
  const row = await repo.findToken(p.db, sha256(token));
  const at = new Date();
  if (!row || row.revoked_at || row.disabled_at) return undefined;
  if (row.expires_at && row.expires_at <= at.toISOString()) return undefined;
  // Note the use at most once a minute: reads stay reads.
  if (!row.last_used_at || at.getTime() - Date.parse(row.last_used_at) > 60_000)
    await repo.touchToken(p.db, row.id, at.toISOString());
  return {
    userId: row.user_id,
    organisationId: row.organisation_id,
    role: row.role,
    name: row.display_name,
    organisationName: row.organisation_name,
    isSuperadmin: row.is_superadmin === 1,
    scopes: scopesOf(row.scopes),
  };
}

/**
 * Refuses (403 `insufficient_scope`) a request made with an API token that lacks the scope. A cookie session
 * has every scope. Call it in API routes next to `assertCan`.
 */
export function assertTokenScope(staff: StaffSession, scope: TokenScope): void {
  if (staff.scopes && !staff.scopes.includes(scope))
    throw new AppError("insufficient_scope", 403, `This API token lacks the ${scope} scope`);
}
