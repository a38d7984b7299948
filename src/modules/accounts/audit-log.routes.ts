import type { FastifyInstance } from "fastify";
import { h } from "preact";
import { z } from "zod";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import { AUDIT_PAGE_SIZE, browseAudit } from "./audit-log.service.ts";
import { requireStaffPage, staffPageContext } from "./staff-auth.ts";
import { AuditPage } from "./views/audit-page.tsx";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const AuditQuerySchema = z.object({
  action: z.preprocess(blankToUndefined, z.string().max(64).optional()),
  actor: z.preprocess(blankToUndefined, z.string().max(80).optional()),
  from: z.preprocess(blankToUndefined, day.optional()),
  to: z.preprocess(blankToUndefined, day.optional()),
  before: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  lang: z.string().optional(),
});

/** The audit log browser, for admins of an organisation. */
export function auditLogRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  app.get("/staff/audit", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const parsed = AuditQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new AppError("invalid_filter", 400, "Invalid filter");
    const { lang: _lang, ...query } = parsed.data;
    const rows = await browseAudit(p, staff, query);
    const last = rows.at(-1);
    const older =
      rows.length === AUDIT_PAGE_SIZE && last
        ? `/staff/audit?${new URLSearchParams(
            Object.entries({ ...query, before: String(last.seq) }).filter(
              (e): e is [string, string] => !!e[1],
            ),
          )}`
        : undefined;
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(reply, h(AuditPage, { ctx, rows, query, older }));
  });
}
