import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { Database } from "../../platform/db/schema.ts";
import type { StaffScope } from "../../platform/platform.ts";
import type { InboxSort, Status, StatusFilter } from "./report-inbox.schema.ts";
import { OPEN_STATUSES } from "./report-inbox.schema.ts";

/** The inbox's filters in database terms (the service translates names, "me" and days). */
export interface InboxFilter {
  readonly status: StatusFilter;
  readonly urgency?: number;
  readonly categoryBit?: number;
  readonly country?: string;
  readonly channel?: string;
  /** A user id, or null for "nobody". */
  readonly assigneeId?: string | null;
  /** ISO instants: received_at >= from and < until. */
  readonly from?: string;
  readonly until?: string;
  readonly unread?: boolean;
  readonly unreadMessages?: boolean;
  readonly includeMerged?: boolean;
}

/** Where a page starts: the sort keys of the last row of the page before. */
export type InboxKey =
  | { readonly sort: "active"; readonly at: string; readonly id: string }
  | { readonly sort: "newest" | "oldest"; readonly at: string; readonly id: string }
  | { readonly sort: "urgency"; readonly urgency: number; readonly at: string; readonly id: string };

type Eb = ExpressionBuilder<Database, "report_copies">;

function conditions(eb: Eb, scope: StaffScope, f: InboxFilter, withStatus: boolean): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [eb("organisation_id", "=", scope.organisationId)];
  if (withStatus && f.status === "open") c.push(eb("status", "in", OPEN_STATUSES));
  else if (withStatus && f.status !== "all") c.push(eb("status", "=", f.status));
  if (!f.includeMerged) c.push(eb("merged_into", "is", null));
  if (f.urgency !== undefined) c.push(eb("urgency", "=", f.urgency));
  if (f.categoryBit !== undefined)
    c.push(sql<SqlBool>`(${sql.ref("category_mask")} & ${f.categoryBit}) <> 0`);
  if (f.country) c.push(eb("country_code", "=", f.country));
  if (f.channel) c.push(eb("channel", "=", f.channel));
  if (f.assigneeId === null) c.push(eb("assignee_id", "is", null));
  else if (f.assigneeId !== undefined) c.push(eb("assignee_id", "=", f.assigneeId));
  if (f.from) c.push(eb("received_at", ">=", f.from));
  if (f.until) c.push(eb("received_at", "<", f.until));
  if (f.unread) c.push(eb("unread", "=", 1));
  if (f.unreadMessages) c.push(eb("unread_messages", "=", 1));
  return c;
}

// Row-value comparisons let both SQLite and PostgreSQL start the index scan at the cursor.
function after(eb: Eb, key: InboxKey): Expression<SqlBool> {
  switch (key.sort) {
    case "active":
      return eb(eb.refTuple("updated_at", "report_id"), "<", eb.tuple(key.at, key.id));
    case "newest":
      return eb(eb.refTuple("received_at", "report_id"), "<", eb.tuple(key.at, key.id));
    case "oldest":
      return eb(eb.refTuple("received_at", "report_id"), ">", eb.tuple(key.at, key.id));
    case "urgency":
      return eb.or([
        eb("urgency", "<", key.urgency),
        eb.and([
          eb("urgency", "=", key.urgency),
          eb(eb.refTuple("received_at", "report_id"), ">", eb.tuple(key.at, key.id)),
        ]),
      ]);
  }
}

/** One page of the organisation's inbox, in the sort's order, starting after `key`. */
export function inboxPage(
  db: Executor,
  scope: StaffScope,
  f: InboxFilter,
  sort: InboxSort,
  key: InboxKey | undefined,
  limit: number,
) {
  return inboxPageQuery(db, scope, f, sort, key, limit).execute();
}

/** The query of `inboxPage`, unexecuted (the bench and a test explain it). */
export function inboxPageQuery(
  db: Executor,
  scope: StaffScope,
  f: InboxFilter,
  sort: InboxSort,
  key: InboxKey | undefined,
  limit: number,
) {
  let q = db
    .selectFrom("report_copies")
    .select([
      "report_id",
      "status",
      "urgency",
      "received_at",
      "updated_at",
      "country_code",
      "channel",
      "category_mask",
      "assignee_id",
      "unread",
      "unread_messages",
      "merged_into",
    ])
    .where((eb) => eb.and([...conditions(eb, scope, f, true), ...(key ? [after(eb, key)] : [])]));
  if (sort === "active") q = q.orderBy("updated_at", "desc").orderBy("report_id", "desc");
  else if (sort === "newest") q = q.orderBy("received_at", "desc").orderBy("report_id", "desc");
  else if (sort === "oldest") q = q.orderBy("received_at", "asc").orderBy("report_id", "asc");
  else q = q.orderBy("urgency", "desc").orderBy("received_at", "asc").orderBy("report_id", "asc");
  return q.limit(limit);
}

/** How many of the organisation's reports have each status, under the filters (the status one aside). */
export async function inboxCounts(
  db: Executor,
  scope: StaffScope,
  f: InboxFilter,
): Promise<Map<Status, number>> {
  const rows = await db
    .selectFrom("report_copies")
    .select((eb) => ["status", eb.fn.countAll<string | number>().as("n")])
    .where((eb) => eb.and(conditions(eb, scope, f, false)))
    .groupBy("status")
    .execute();
  return new Map(rows.map((r) => [r.status as Status, Number(r.n)]));
}
