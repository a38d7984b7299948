import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, type WebContext } from "../../platform/http/pages.ts";
import type { Platform } from "../../platform/platform.ts";
import type { PageContext } from "../../platform/views/context.ts";
import { type StaffSession, sessionFromToken } from "./accounts.service.ts";
import { can } from "./permissions.ts";

export const SESSION_COOKIE = "lantern_session";

/** The signed-in staff member, or undefined (the caller decides between a redirect and a 401). */
export function staffFromRequest(p: Platform, request: FastifyRequest): Promise<StaffSession | undefined> {
  return sessionFromToken(p, request.cookies[SESSION_COOKIE]);
}

/**
 * The staff member behind a `/api/v1` staff endpoint, or a 401 `not_signed_in`. Session cookies are
 * SameSite=Strict, so a cross-site request never carries one.
 */
export async function requireStaffApi(p: Platform, request: FastifyRequest): Promise<StaffSession> {
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
    },
  });
}
