import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import {
  login,
  logout,
  logoutEverywhere,
  pendingSessionFromToken,
  type SessionStage,
} from "./accounts.service.ts";
import { can } from "./permissions.ts";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, staffFromRequest } from "./staff-auth.ts";
import { confirmEnrolment, enrolment, verifySecondFactor } from "./two-factor.service.ts";
import { LoginPage } from "./views/login-page.tsx";
import { CodePage, EnrolPage, RecoveryCodesPage } from "./views/two-factor-pages.tsx";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const field = (request: FastifyRequest, name: string) =>
  str(((request.body ?? {}) as Record<string, unknown>)[name]);

/**
 * Where a fully signed-in staff member lands: the inbox when their role reads it, the ranked ads for an
 * analyst, the editorial queues for an editor, else their account.
 */
export function landingFor(role: string): string {
  if (can(role, "report.list")) return "/staff/reports";
  if (can(role, "links.read")) return "/staff/ads";
  return can(role, "library.edit") ? "/staff/library" : "/staff/account";
}

/** Where a sign-in continues after the password (or an accepted invitation). */
export function nextStep(stage: SessionStage, role: string): string {
  if (stage === "totp") return "/staff/login/code";
  if (stage === "enrol") return "/staff/enrol";
  return landingFor(role);
}

/** Staff sign-in (password, then a second factor or mandatory enrolment) and sign-out. */
export function accountsRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const secure = p.config.secureCookies;

  const loginFailed = (request: FastifyRequest, reply: FastifyReply, email: string) => {
    const ctx = pageContext(web, request, reply, { csrf: true });
    return sendPage(
      reply,
      h(LoginPage, { ctx, errors: [{ field: "email", message: ctx.t("staff.login.failed") }], email }),
      401,
    );
  };

  app.get("/staff/login", { schema: { hide: true } }, (request, reply) =>
    sendPage(
      reply,
      h(LoginPage, { ctx: pageContext(web, request, reply, { csrf: true }), errors: [], email: "" }),
    ),
  );

  app.post("/staff/login", { schema: { hide: true } }, async (request, reply) => {
    const email = field(request, "email").slice(0, 320);
    try {
      const signIn = await login(p, email, field(request, "password"));
      setSessionCookie(reply, signIn.token, secure);
      return reply.redirect(nextStep(signIn.stage, signIn.role), 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.id !== "invalid_credentials") throw error;
      return loginFailed(request, reply, email);
    }
  });

  // The second factor: only a half-signed-in session (stage "totp") reaches this page.
  app.get("/staff/login/code", { schema: { hide: true } }, async (request, reply) => {
    const pending = await pendingSessionFromToken(p, request.cookies[SESSION_COOKIE]);
    if (pending?.stage !== "totp") return reply.redirect("/staff/login", 303);
    return sendPage(
      reply,
      h(CodePage, { ctx: pageContext(web, request, reply, { csrf: true }), errors: [] }),
    );
  });

  app.post("/staff/login/code", { schema: { hide: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE] ?? "";
    const pending = await pendingSessionFromToken(p, token);
    if (pending?.stage !== "totp") return reply.redirect("/staff/login", 303);
    try {
      const full = await verifySecondFactor(p, pending, token, field(request, "code").slice(0, 40));
      setSessionCookie(reply, full, secure);
      return reply.redirect(landingFor(pending.role), 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.id === "account_locked") {
        clearSessionCookie(reply, secure);
        return loginFailed(request, reply, pending.email);
      }
      if (error.id !== "wrong_code") throw error;
      const ctx = pageContext(web, request, reply, { csrf: true });
      return sendPage(
        reply,
        h(CodePage, { ctx, errors: [{ field: "code", message: ctx.t("staff.tfa.wrongCode") }] }),
        401,
      );
    }
  });

  // Mandatory enrolment: a content role gets nothing else until two-factor sign-in is on.
  app.get("/staff/enrol", { schema: { hide: true } }, async (request, reply) => {
    const pending = await pendingSessionFromToken(p, request.cookies[SESSION_COOKIE]);
    if (pending?.stage !== "enrol") return reply.redirect("/staff/login", 303);
    const e = await enrolment(p, pending);
    const ctx = pageContext(web, request, reply, { csrf: true });
    return sendPage(reply, h(EnrolPage, { ctx, errors: [], secret: e.secret, qrSvg: e.qrSvg }));
  });

  app.post("/staff/enrol", { schema: { hide: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE] ?? "";
    const pending = await pendingSessionFromToken(p, token);
    if (pending?.stage !== "enrol") return reply.redirect("/staff/login", 303);
    try {
      const done = await confirmEnrolment(p, pending, token, field(request, "code").slice(0, 20));
      setSessionCookie(reply, done.token, secure);
      const ctx = pageContext(web, request, reply, { csrf: true });
      return sendPage(
        reply,
        h(RecoveryCodesPage, { ctx, codes: done.recoveryCodes, next: landingFor(pending.role) }),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.id === "account_locked") {
        clearSessionCookie(reply, secure);
        return loginFailed(request, reply, pending.email);
      }
      if (error.id !== "wrong_code") throw error;
      const e = await enrolment(p, pending);
      const ctx = pageContext(web, request, reply, { csrf: true });
      return sendPage(
        reply,
        h(EnrolPage, {
          ctx,
          errors: [{ field: "code", message: ctx.t("staff.tfa.wrongCode") }],
          secret: e.secret,
          qrSvg: e.qrSvg,
        }),
        400,
      );
    }
  });

  app.post("/staff/logout-everywhere", { schema: { hide: true } }, async (request, reply) => {
    const staff = await staffFromRequest(p, request);
    if (staff) await logoutEverywhere(p, staff);
    clearSessionCookie(reply, secure);
    return reply.redirect("/staff/login", 303);
  });

  app.post("/staff/logout", { schema: { hide: true } }, async (request, reply) => {
    await logout(p, request.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply, secure);
    return reply.redirect("/staff/login", 303);
  });
}
