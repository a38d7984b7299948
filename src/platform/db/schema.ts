import type { ColumnType } from "kysely";

/**
 * The typed shape of every table. Timestamps are ISO-8601 UTC strings in both dialects, so rows read
 * the same whichever database is behind them; booleans are 0/1 integers for the same reason.
 */
export interface Database {
  settings: SettingsTable;
  organisations: OrganisationsTable;
  organisation_countries: OrganisationCountriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  reports: ReportsTable;
  report_copies: ReportCopiesTable;
  report_messages: ReportMessagesTable;
  audit_log: AuditLogTable;
}

export type Flag = 0 | 1;

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  is_default: Flag;
  is_demo: Flag;
  /** The organisation's data key, AES-256-GCM wrapped by the master key. */
  data_key_wrapped: string;
  hotline_phone: string | null;
  hotline_hours: string | null;
  created_at: string;
}

export interface OrganisationCountriesTable {
  organisation_id: string;
  country_code: string;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: string;
  created_at: string;
  failed_logins: ColumnType<number, number | undefined, number>;
  /** ISO time until which sign-in is refused after too many wrong passwords. */
  locked_until: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself only lives in the cookie. */
  id_hash: string;
  user_id: string;
  organisation_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ReportsTable {
  id: string;
  /** argon2id of the receipt code under the deployment salt: a lookup key, never the code. */
  receipt_hash: string;
  submission_key: string | null;
  created_at: string;
  country_code: string;
  /** JSON array of category ids (see reports/categories.ts). */
  categories: string;
  channel: string;
  language: string;
  people_count: string;
  children_involved: string;
  in_danger: string;
  is_demo: Flag;
}

/** One copy of a report per receiving organisation, its sensitive payload under that organisation's key. */
export interface ReportCopiesTable {
  report_id: string;
  organisation_id: string;
  status: string;
  unread: Flag;
  payload: string;
  updated_at: string;
}

export interface ReportMessagesTable {
  id: string;
  report_id: string;
  organisation_id: string;
  author: "reporter" | "staff";
  user_id: string | null;
  body: string;
  created_at: string;
}

/** One audited event; `hash` chains it to the row before (see platform/audit/audit.ts). */
export interface AuditLogTable {
  seq: number;
  at: string;
  /** `user:<id>`, `reporter` (never more than that) or `system`. */
  actor: string;
  organisation_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** JSON object of non-sensitive facts about the event (never report content). */
  detail: string;
  prev_hash: string;
  hash: string;
}
