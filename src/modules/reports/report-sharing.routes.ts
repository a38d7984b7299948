import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { PageContext } from "../../platform/views/context.ts";
import type { StaffSession } from "../accounts/accounts.service.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { answerShare, pendingShareCount, pendingShares, revokeShare } from "./report-sharing.service.ts";
import { EntityId } from "./report-workflow.schema.ts";
import { StaffSharesPage } from "./views/staff-shares.tsx";

const HIDDEN = { schema: { hide: true } } as const;

/**
 * A console page's context with the number of shares waiting for this organisation's answer, shown in
 * the staff bar (the inbox can use it too).
 */
export async function staffContextWithShares(
  web: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
  staff: StaffSession,
): Promise<PageContext> {
  const ctx = staffPageContext(web, request, reply, staff);
  if (!ctx.staff?.canShare) return ctx;
  return { ...ctx, staff: { ...ctx.staff, pendingShares: await pendingShareCount(web.platform, staff) } };
}

/** Shares between organisations: the receiver's list of offers, accept, decline; the sharer's revoke. */
export function reportSharingRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get<{ Querystring: { done?: string } }>("/staff/shares", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const shares = await pendingShares(p, staff);
    const ctx = await staffContextWithShares(web, request, reply, staff);
    return sendPage(reply, h(StaffSharesPage, { ctx, shares, done: request.query.done }));
  });

  const shareId = (raw: string) => {
    const id = EntityId.safeParse(raw);
    return id.success ? id.data : "-";
  };

  app.post<{ Params: { id: string } }>("/staff/shares/:id/accept", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const reportId = await answerShare(p, staff, shareId(request.params.id), "accept");
    return reply.redirect(`/staff/reports/${reportId}?done=accepted`, 303);
  });

  app.post<{ Params: { id: string } }>("/staff/shares/:id/decline", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    await answerShare(p, staff, shareId(request.params.id), "decline");
    return reply.redirect("/staff/shares?done=declined", 303);
  });

  app.post<{ Params: { id: string } }>("/staff/shares/:id/revoke", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const reportId = await revokeShare(p, staff, shareId(request.params.id));
    return reply.redirect(`/staff/reports/${reportId}?done=revoked`, 303);
  });
}
