import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, type WebContext } from "../../platform/http/pages.ts";
import type { Platform } from "../../platform/platform.ts";
import type { PageContext } from "../../platform/views/context.ts";
import { type StaffSession, sessionFromToken, type TokenScope } from "./accounts.service.ts";
import { assertTokenScope, staffFromApiToken } from "./api-tokens.service.ts";
import { can } from "./permissions.ts";

export { assertTokenScope };

export const SESSION_COOKIE = "lantern_session";

/** The signed-in staff member, or undefined (the caller decides between a redirect and a 401). */
export function staffFromRequest(p: Platform, request: FastifyRequest): Promise<StaffSession | undefined> {
  return sessionFromToken(p, request.cookies[SESSION_COOKIE]);
}

/**
 * The staff member behind a `/api/v1` staff endpoint: an `Authorization: Bearer lt_...` API token, else the
 * session cookie. Every endpoint names the token scope it needs (`read` to look, `write` to change), so
 * none can forget it: a token without it gets 403 `insufficient_scope`; a cookie session has every scope.
 * A token that is unknown, revoked, expired or whose user is disabled gives 401 `invalid_token`; no
 * credential gives 401 `not_signed_in`. Session cookies are SameSite=Strict, so a cross-site request never
 * carries one.
 */
export async function requireStaffApi(
  p: Platform,
  request: FastifyRequest,
  need: TokenScope,
): Promise<StaffSession> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const staff = match?.[1] ? await staffFromApiToken(p, match[1]) : undefined;
    if (!staff)
      throw new AppError("invalid_token", 401, "The API token is not valid (unknown, revoked or expired)");
    assertTokenScope(staff, need);
    return staff;
  }
  const staff = await staffFromRequest(p, request);
  if (!staff) throw new AppError("not_signed_in", 401, "Sign in, or send an API token");
  return staff;
}

/** The staff member for a console page; redirects to sign-in when there is none. */
export async function requireStaffPage(
  p: Platform,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<StaffSession | undefined> {
  const staff = await staffFromRequest(p, request);
  if (!staff) {
    await reply.redirect("/staff/login", 303);
    return undefined;
  }
  return staff;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "strict", secure, path: "/" });
}

/** The page context of a console page: the staff bar, its links for the role, and a CSRF token. */
export function staffPageContext(
  web: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  staff: StaffSession,
): PageContext {
  return pageContext(web, request, reply, {
    csrf: true,
    staff: {
      name: staff.name,
      organisation: staff.organisationName,
      canReadAudit: can(staff.role, "audit.read"),
      canIntake: can(staff.role, "report.intake"),
      canShare: can(staff.role, "report.share"),
      canReadReports: can(staff.role, "report.list"),
      canManageUsers: can(staff.role, "user.manage"),
      canManageOrganisation: can(staff.role, "organisation.manage"),
      isSuperadmin: staff.isSuperadmin === true,
    },
  });
}
