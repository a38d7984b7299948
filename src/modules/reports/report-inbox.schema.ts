import { z } from "zod";
import { CATEGORY_IDS } from "./categories.ts";
import { CHANNELS } from "./reports.service.ts";

/** The workflow statuses of an organisation's copy of a report, in the order the inbox shows them. */
export const STATUSES = ["new", "in_review", "referred", "escalated", "closed"] as const;
export type Status = (typeof STATUSES)[number];
/** Everything not closed: what the inbox shows first. */
export const OPEN_STATUSES: readonly Status[] = ["new", "in_review", "referred", "escalated"];
export const STATUS_FILTERS = ["open", "all", ...STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const URGENCY_NAMES = ["normal", "high", "urgent"] as const;
export type UrgencyName = (typeof URGENCY_NAMES)[number];

export const INBOX_SORTS = ["active", "newest", "oldest", "urgency"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

export const INBOX_PAGE_SIZE = 50;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: "not a date",
    },
  );
const flag = z.enum(["1", "0"]);

/**
 * The inbox's filters, sort and cursor: the query string of the console page's GET form and of the API.
 * Every field is optional; an absent status means "open" and an absent sort "active".
 */
export const InboxQuerySchema = z
  .strictObject({
    status: z
      .enum(STATUS_FILTERS)
      .optional()
      .describe("A status, `open` (all but closed, the default) or `all`"),
    urgency: z.enum(URGENCY_NAMES).optional(),
    category: z.enum(CATEGORY_IDS).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe("ISO 3166-1 alpha-2 code"),
    channel: z.enum(CHANNELS).optional(),
    assignee: z
      .string()
      .regex(/^(me|unassigned|[0-9a-f][0-9a-f-]{27,39})$/)
      .optional()
      .describe("`me`, `unassigned` or a user id"),
    from: day.optional().describe("Received on or after this day (YYYY-MM-DD, UTC)"),
    to: day.optional().describe("Received on or before this day (YYYY-MM-DD, UTC)"),
    unreadMessages: flag
      .optional()
      .describe("`1`: only reports with a reporter message nobody here has read"),
    unread: flag.optional().describe("`1`: only reports nobody here has opened yet"),
    merged: flag
      .optional()
      .describe("`1`: include duplicates merged into another report (hidden by default)"),
    sort: z
      .enum(INBOX_SORTS)
      .optional()
      .describe(
        "`active` (most recently active, the default), `newest`, `oldest` or `urgency` (then oldest)",
      ),
    cursor: z
      .string()
      .max(400)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional()
      .describe("The `next` value of the previous page"),
    lang: z.string().max(8).optional().describe("Ignored by the API (the console page's language)"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ["to"], message: "before from" });
export type InboxQuery = z.infer<typeof InboxQuerySchema>;

export const InboxRowSchema = z.object({
  id: z.string(),
  status: z.enum(STATUSES),
  urgency: z.enum(URGENCY_NAMES),
  receivedAt: z.string(),
  lastActivityAt: z.string(),
  country: z.string(),
  categories: z.array(z.string()),
  channel: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  unread: z.boolean().describe("Nobody here has opened the report yet"),
  unreadMessages: z.boolean().describe("The reporter wrote something nobody here has read"),
  mergedInto: z.string().nullable(),
});
export type InboxRow = z.infer<typeof InboxRowSchema>;

export const InboxPageSchema = z.object({
  reports: z.array(InboxRowSchema),
  counts: z
    .record(z.enum(STATUSES), z.number().int())
    .describe("Reports per status under the current filters (the status filter aside)"),
  next: z.string().nullable().describe("Cursor of the next page, or null on the last page"),
});
export type InboxPage = z.infer<typeof InboxPageSchema>;
