import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, type WebContext } from "../../platform/http/pages.ts";
import type { Platform } from "../../platform/platform.ts";
import type { PageContext } from "../../platform/views/context.ts";
import { type StaffSession, sessionFromToken, type TokenScope } from "./accounts.service.ts";
import { assertTokenScope, staffFromApiToken } from "./api-tokens.service.ts";
import { can } from "./permissions.ts";

export { assertTokenScope };

export const SESSION_COOKIE = "lantern_session";

/**
 * The OpenAPI `security` of a staff endpoint: a session, or an API token with this scope. The declaration
 * is also the check: `requireStaffApi` and the early `tokenScopeCheck` read it from the route.
 */
export const API_SECURITY = {
  read: [{ apiToken: ["read"] }, { session: [] }],
  write: [{ apiToken: ["write"] }, { session: [] }],
} as const;

/** The signed-in staff member, or undefined (the caller decides between a redirect and a 401). */
export function staffFromRequest(p: Platform, request: FastifyRequest): Promise<StaffSession | undefined> {
  return sessionFromToken(p, request.cookies[SESSION_COOKIE]);
}

/**
 * The token scope a staff API route declares in its OpenAPI `security` (`API_SECURITY.read` or `.write`):
 * the document and the check are one declaration. A route that declares a token without a scope (who am
 * I) needs none; one that declares nothing needs `write`, the stricter.
 */
function declaredScope(request: FastifyRequest): TokenScope | undefined {
  const security = request.routeOptions.schema?.security as
    | readonly Readonly<Record<string, readonly string[]>>[]
    | undefined;
  const entry = security?.find((s) => s.apiToken !== undefined);
  if (!entry) return "write";
  return entry.apiToken?.[0] as TokenScope | undefined;
}

const tokenHolders = new WeakMap<FastifyRequest, StaffSession>();

/** The staff member behind the request's bearer token, scope checked (once per request). */
async function staffFromBearer(p: Platform, request: FastifyRequest, authorization: string) {
  let staff = tokenHolders.get(request);
  if (!staff) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    staff = match?.[1] ? await staffFromApiToken(p, match[1]) : undefined;
    if (!staff)
      throw new AppError("invalid_token", 401, "The API token is not valid (unknown, revoked or expired)");
    tokenHolders.set(request, staff);
  }
  const need = declaredScope(request);
  if (need) assertTokenScope(staff, need);
  return staff;
}

/**
 * Checks API tokens before the body is validated, so a token without the scope is told so (403
 * `insufficient_scope`) whatever it sent. Applies to the routes that declare a `security` (staff API).
 */
export function tokenScopeCheck(app: FastifyInstance, web: WebContext): void {
  app.addHook("preValidation", async (request) => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined && request.routeOptions.schema?.security) {
      await staffFromBearer(web.platform, request, authorization);
    }
  });
}

/**
 * The staff member behind a `/api/v1` staff endpoint: an `Authorization: Bearer lt_...` API token, else the
 * session cookie. A token needs the scope the route declares (see `declaredScope`), or gets 403
 * `insufficient_scope`; a cookie session has every scope. A token that is unknown, revoked, expired or
 * whose user is disabled gives 401 `invalid_token`; no credential gives 401 `not_signed_in`. Session
 * cookies are SameSite=Strict, so a cross-site request never carries one.
 */
export async function requireStaffApi(p: Platform, request: FastifyRequest): Promise<StaffSession> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) return staffFromBearer(p, request, authorization);
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
    defaultLocale: staff.organisationLanguage,
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
      canReadLinks: can(staff.role, "links.read"),
      canUseLibrary: can(staff.role, "library.submit"),
      canUseCircles: can(staff.role, "circle.facilitate"),
    },
  });
}
