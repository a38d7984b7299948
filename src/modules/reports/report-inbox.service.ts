import { z } from "zod";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { type Colleague, colleaguesOf } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import { CATEGORY_IDS, categoriesOfMask } from "./categories.ts";
import * as repo from "./report-inbox.repository.ts";
import {
  INBOX_PAGE_SIZE,
  type InboxPage,
  type InboxQuery,
  type InboxRow,
  type InboxSort,
  STATUSES,
  type Status,
  URGENCY_NAMES,
} from "./report-inbox.schema.ts";

export interface InboxResult extends InboxPage {
  /** The organisation's staff, for assignee names and the assignee filter. */
  readonly colleagues: readonly Colleague[];
}

const CursorSchema = z.union([
  z.tuple([z.enum(["active", "newest", "oldest"]), z.string().max(40), z.string().max(40)]),
  z.tuple([z.literal("urgency"), z.number().int().min(0).max(2), z.string().max(40), z.string().max(40)]),
]);

function invalidCursor(): AppError {
  return new AppError("invalid_cursor", 400, "The page cursor is not valid for this sort", [
    { field: "cursor", code: "invalid", message: "Start again from the first page" },
  ]);
}

/** The opaque `next` cursor: the sort and the last row's sort keys. */
export function encodeCursor(key: repo.InboxKey): string {
  const parts = key.sort === "urgency" ? [key.sort, key.urgency, key.at, key.id] : [key.sort, key.at, key.id];
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string, sort: InboxSort): repo.InboxKey {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const parsed = CursorSchema.safeParse(raw);
  if (!parsed.success || parsed.data[0] !== sort) throw invalidCursor();
  const d = parsed.data;
  return d[0] === "urgency"
    ? { sort: "urgency", urgency: d[1], at: d[2], id: d[3] }
    : { sort: d[0], at: d[1], id: d[2] };
}

function keyOf(
  sort: InboxSort,
  row: { updated_at: string; received_at: string; urgency: number; report_id: string },
): repo.InboxKey {
  if (sort === "active") return { sort, at: row.updated_at, id: row.report_id };
  if (sort === "urgency")
    return { sort, urgency: Number(row.urgency), at: row.received_at, id: row.report_id };
  return { sort, at: row.received_at, id: row.report_id };
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
}

/** The query's filters in database terms. */
export function toFilter(scope: StaffScope, q: InboxQuery): repo.InboxFilter {
  const assigneeId =
    q.assignee === undefined
      ? undefined
      : q.assignee === "me"
        ? scope.userId
        : q.assignee === "unassigned"
          ? null
          : q.assignee;
  return {
    status: q.status ?? "open",
    ...(q.urgency && { urgency: URGENCY_NAMES.indexOf(q.urgency) }),
    ...(q.category && { categoryBit: 1 << CATEGORY_IDS.indexOf(q.category) }),
    ...(q.country && { country: q.country }),
    ...(q.channel && { channel: q.channel }),
    ...(assigneeId !== undefined && { assigneeId }),
    ...(q.from && { from: `${q.from}T00:00:00.000Z` }),
    ...(q.to && { until: nextDay(q.to) }),
    unread: q.unread === "1",
    unreadMessages: q.unreadMessages === "1",
    includeMerged: q.merged === "1",
  };
}

/**
 * One page (50 rows) of the organisation's inbox under the query's filters and sort, the counts per status,
 * and the cursor of the next page. Audited once, with the number of rows (never content).
 */
export async function listInbox(p: Platform, scope: StaffScope, q: InboxQuery): Promise<InboxResult> {
  assertCan(scope, "report.list");
  const sort = q.sort ?? "active";
  const key = q.cursor ? decodeCursor(q.cursor, sort) : undefined;
  const filter = toFilter(scope, q);
  const [rows, counts, staff] = await Promise.all([
    repo.inboxPage(p.db, scope, filter, sort, key, INBOX_PAGE_SIZE + 1),
    repo.inboxCounts(p.db, scope, filter),
    colleaguesOf(p, scope, { includeDisabled: true }),
  ]);
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const last = page.at(-1);
  const names = new Map(staff.map((c) => [c.id, c.name]));
  await appendAudit(p, byStaff(scope, "report.list", { detail: { count: page.length } }));
  return {
    reports: page.map(
      (r): InboxRow => ({
        id: r.report_id,
        status: r.status as Status,
        urgency: URGENCY_NAMES[Number(r.urgency)] ?? "normal",
        receivedAt: r.received_at,
        lastActivityAt: r.updated_at,
        country: r.country_code,
        categories: categoriesOfMask(Number(r.category_mask)),
        channel: r.channel,
        assignee: r.assignee_id ? { id: r.assignee_id, name: names.get(r.assignee_id) ?? "?" } : null,
        unread: Number(r.unread) === 1,
        unreadMessages: Number(r.unread_messages) === 1,
        mergedInto: r.merged_into,
      }),
    ),
    counts: Object.fromEntries(STATUSES.map((s) => [s, counts.get(s) ?? 0])) as Record<Status, number>,
    next: rows.length > INBOX_PAGE_SIZE && last ? encodeCursor(keyOf(sort, last)) : null,
    colleagues: staff,
  };
}
