import type { FastifyInstance, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { pageContext, sendPage, type WebContext } from "../../platform/http/pages.ts";
import { passwordErrors } from "./account.routes.ts";
import { nextStep } from "./accounts.routes.ts";
import { acceptInvitation, invitationForToken } from "./invitations.service.ts";
import { setSessionCookie } from "./staff-auth.ts";
import {
  InvitationPage,
  type InvitationProblemKey,
  InvitationProblemPage,
} from "./views/invitation-pages.tsx";

const PROBLEMS: Readonly<Record<string, InvitationProblemKey>> = {
  invitation_unknown: "staff.invite.unknown",
  invitation_used: "staff.invite.used",
  invitation_revoked: "staff.invite.revoked",
  invitation_expired: "staff.invite.expired",
};

const tokenOf = (request: FastifyRequest) => {
  const v = (request.params as Record<string, unknown>).token;
  return typeof v === "string" ? v.slice(0, 100) : "";
};

/** The invitation link: the newcomer chooses a password, then enrols two-factor sign-in if their role needs it. */
export function invitationRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  const problemPage = (request: FastifyRequest, reply: Parameters<typeof sendPage>[0], error: unknown) => {
    const key = error instanceof AppError ? PROBLEMS[error.id] : undefined;
    if (!key || !(error instanceof AppError)) throw error;
    const ctx = pageContext(web, request, reply);
    return sendPage(reply, h(InvitationProblemPage, { ctx, message: key }), error.status);
  };

  app.get("/staff/invite/:token", { schema: { hide: true } }, async (request, reply) => {
    const token = tokenOf(request);
    try {
      const invitation = await invitationForToken(p, token);
      const ctx = pageContext(web, request, reply, { csrf: true });
      return sendPage(reply, h(InvitationPage, { ctx, token, invitation, errors: [] }));
    } catch (error) {
      return problemPage(request, reply, error);
    }
  });

  app.post("/staff/invite/:token", { schema: { hide: true } }, async (request, reply) => {
    const token = tokenOf(request);
    const password = String((request.body as Record<string, unknown> | undefined)?.password ?? "").slice(
      0,
      1024,
    );
    try {
      const signIn = await acceptInvitation(p, token, password);
      setSessionCookie(reply, signIn.token, p.config.secureCookies);
      return reply.redirect(nextStep(signIn.stage, signIn.role), 303);
    } catch (error) {
      if (error instanceof AppError && error.id === "weak_password") {
        const invitation = await invitationForToken(p, token);
        const ctx = pageContext(web, request, reply, { csrf: true });
        return sendPage(
          reply,
          h(InvitationPage, { ctx, token, invitation, errors: passwordErrors(ctx, error) }),
          400,
        );
      }
      return problemPage(request, reply, error);
    }
  });
}
