import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { login, logout, logoutEverywhere } from "./accounts.service.ts";
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie, staffFromRequest } from "./staff-auth.ts";
import { LoginPage } from "./views/login-page.tsx";

const str = (v: unknown) => (typeof v === "string" ? v : "");

/** Staff sign-in and sign-out pages. */
export function accountsRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const secure = p.config.secureCookies;

  app.get("/staff/login", { schema: { hide: true } }, (request, reply) =>
    sendPage(
      reply,
      h(LoginPage, { ctx: pageContext(web, request, reply, { csrf: true }), errors: [], email: "" }),
    ),
  );

  app.post("/staff/login", { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = str(body.email).slice(0, 320);
    try {
      const token = await login(p, email, str(body.password));
      setSessionCookie(reply, token, secure);
      return reply.redirect("/staff/reports", 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.id !== "invalid_credentials") throw error;
      const ctx = pageContext(web, request, reply, { csrf: true });
      return sendPage(
        reply,
        h(LoginPage, { ctx, errors: [{ field: "email", message: ctx.t("staff.login.failed") }], email }),
        401,
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
