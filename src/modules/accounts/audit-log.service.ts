import { appendAudit, byStaff, listAudit } from "../../platform/audit/audit.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "./permissions.ts";

export interface AuditQuery {
  readonly action?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
  readonly before?: number;
}

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly detail: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** An admin's view of their organisation's audit log; reading it is itself audited. */
export async function browseAudit(p: Platform, scope: StaffScope, query: AuditQuery): Promise<AuditRow[]> {
  assertCan(scope, "audit.read");
  const rows = await listAudit(p.db, {
    organisationId: scope.organisationId,
    action: query.action,
    actor: query.actor,
    from: query.from,
    to: query.to ? nextDay(query.to) : undefined,
    beforeSeq: query.before,
    limit: AUDIT_PAGE_SIZE,
  });
  await appendAudit(p, byStaff(scope, "audit.read", { detail: { rows: rows.length } }));
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target_type ? `${r.target_type}:${r.target_id ?? ""}` : "",
    detail: r.detail === "{}" ? "" : r.detail,
  }));
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
