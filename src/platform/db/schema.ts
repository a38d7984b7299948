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
  report_events: ReportEventsTable;
  report_shares: ReportSharesTable;
  audit_log: AuditLogTable;
  recovery_codes: RecoveryCodesTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  jobs: JobsTable;
  ads: AdsTable;
  identifiers: IdentifiersTable;
  observations: ObservationsTable;
  library_items: LibraryItemsTable;
  library_versions: LibraryVersionsTable;
  library_facets: LibraryFacetsTable;
  library_reviews: LibraryReviewsTable;
  library_consents: LibraryConsentsTable;
  library_files: LibraryFilesTable;
  forums: ForumsTable;
  circles: CirclesTable;
  circle_questions: CircleQuestionsTable;
  circle_participants: CircleParticipantsTable;
  circle_responses: CircleResponsesTable;
  circle_supports: CircleSupportsTable;
  circle_response_themes: CircleResponseThemesTable;
  circle_clusters: CircleClustersTable;
  circle_cluster_members: CircleClusterMembersTable;
  circle_actions: CircleActionsTable;
  report_links: ReportLinksTable;
  clusters: ClustersTable;
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
  /** en, es, fr or ar: the console's language for the organisation's staff when they choose none. */
  default_language: ColumnType<string, string | undefined, string>;
  /** Closed reports are purged this many days after closing. */
  retention_days: ColumnType<number, number | undefined, number>;
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
  /** The TOTP secret, AES-256-GCM under a key derived from the master key, bound to the user id. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set once enrolment is confirmed with a code; null while not enrolled (or enrolment is pending). */
  totp_enabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The last accepted TOTP time step: a code of that step or earlier is a replay. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  is_superadmin: ColumnType<Flag, Flag | undefined, Flag>;
  disabled_at: ColumnType<string | null, string | null | undefined, string | null>;
  last_login_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself only lives in the cookie. */
  id_hash: string;
  user_id: string;
  organisation_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  /** "full" opens the console; "totp" and "enrol" are half-signed-in (second factor still to give). */
  stage: ColumnType<
    "full" | "totp" | "enrol",
    "full" | "totp" | "enrol" | undefined,
    "full" | "totp" | "enrol"
  >;
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
  /** The staff member who recorded a report taken by phone, SMS, email or in person. */
  recorded_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One copy of a report per receiving organisation, its sensitive payload under that organisation's key. */
export interface ReportCopiesTable {
  report_id: string;
  organisation_id: string;
  status: string;
  unread: Flag;
  payload: string;
  updated_at: string;
  // The report's filterable facts, copied so the inbox reads one organisation's rows of one table.
  received_at: string;
  country_code: string;
  channel: string;
  /** Bit i set when the report has CATEGORIES[i] (see reports/categories.ts). */
  category_mask: number;
  // This organisation's workflow state.
  /** 0 normal, 1 high, 2 urgent. */
  urgency: ColumnType<number, number | undefined, number>;
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1 while the reporter has written something nobody here has read yet. */
  unread_messages: ColumnType<Flag, Flag | undefined, Flag>;
  close_reason: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The report this one was merged into, as a duplicate. */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  /** The share this copy came from, when another organisation shared the report. */
  share_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One entry of a report's timeline in one organisation: a change, or an internal note (sealed body). */
export interface ReportEventsTable {
  id: string;
  report_id: string;
  organisation_id: string;
  at: string;
  user_id: string | null;
  kind: string;
  /** JSON object of non-sensitive facts (old and new status, assignee id, close reason...). */
  detail: string;
  /** An internal note's text, AES-256-GCM under the organisation's key; null for other events. */
  body: string | null;
}

/** A grant of one report from one organisation to another: offered, then accepted, declined or revoked. */
export interface ReportSharesTable {
  id: string;
  report_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  status: "offered" | "accepted" | "declined" | "revoked";
  created_by: string;
  created_at: string;
  responded_by: string | null;
  responded_at: string | null;
  revoked_at: string | null;
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

// Accounts (issue 3): two-factor recovery codes, invitations, API tokens.

/** A single-use recovery code, stored as an HMAC-SHA256 under a key derived from the master key. */
export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** A one-time link for a new colleague; only the SHA-256 of its token is stored. */
export interface InvitationsTable {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  user_id: string | null;
}

/** A personal API token (`lt_...`); only its SHA-256 is stored. */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  /** Space-separated: "read" or "read write". */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** A named periodic background job; `locked_until` is the lease of the instance running it. */
export interface JobsTable {
  name: string;
  run_at: string;
  interval_seconds: number;
  locked_until: string | null;
  locked_by: string | null;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_error: string | null;
  runs: ColumnType<number, number | undefined, number>;
}

// Linking (issue 4): ads, identifiers through a blind index, observations, clusters.

/** An imported online ad (public web content: text in the clear, card numbers redacted). */
export interface AdsTable {
  id: string;
  site: string;
  /** The ad's id in the imported file (unique per site). */
  source_id: string;
  url: string | null;
  posted_at: string | null;
  title: string;
  text: string;
  city: string | null;
  country: string | null;
  /** SHA-256 (hex) of the normalised title and text: exact reposts share it. */
  content_hash: string;
  repost_of: string | null;
  score: number;
  /** JSON array of `{ruleId, weight}`. */
  indicators: string;
  cluster_id: string;
  created_at: string;
}

/** An identifier (phone, email, handle, wallet...): found by its blind index, its value sealed. */
export interface IdentifiersTable {
  id: string;
  type: string;
  /** HMAC-SHA256 of `type:value` under a deployment key derived from the master key. */
  blind_index: string;
  /** The normalised value, sealed under a derived key with the identifier id as AAD. */
  display_sealed: string;
  item_count: number;
  /** Items on which it met identifiers of another cluster (items unrelated to those it linked before). */
  unrelated_count: number;
  /** 1 when seen on more unrelated items than the hub limit: it no longer links. */
  is_hub: Flag;
  cluster_id: string | null;
}

export interface ObservationsTable {
  identifier_id: string;
  item_type: "ad" | "report";
  item_id: string;
  first_seen: string;
  last_seen: string;
}

export interface LibraryItemsTable {
  id: string;
  /** article | guide | best_practice | resource | story | kit | term */
  type: string;
  /** draft | in_review | published | archived */
  status: string;
  translation_group: string;
  language: string;
  slug: string;
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  /** first_steps | practitioner | expert */
  level: string;
  /** JSON object of type-specific fields. */
  details: string;
  version: number;
  author_id: string | null;
  organisation_id: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  /** A revision of a published item waiting in `library_versions` (the item keeps its published text). */
  pending_version: number | null;
  /** draft | in_review, for the pending revision */
  pending_status: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
}
export interface LibraryVersionsTable {
  item_id: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  details: string;
  edited_by: string | null;
  created_at: string;
  level: string;
  /** JSON {audience: [...], topic: [...], country: [...]} */
  facets: string;
}
export interface LibraryReviewsTable {
  id: string;
  item_id: string;
  version: number;
  editor_id: string | null;
  /** submitted | approved | changes_requested | archived | restored | consent_recorded | consent_withdrawn */
  decision: string;
  anonymisation_checked: Flag;
  comment: string;
  created_at: string;
}
export interface LibraryConsentsTable {
  item_id: string;
  method: string;
  given_on: string;
  scope: string;
  /** Where the signed consent is kept, sealed with the library's derived key. */
  reference_sealed: string;
  recorded_by: string;
  recorded_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}
export interface LibraryFilesTable {
  id: string;
  item_id: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: string;
}
export interface LibraryFacetsTable {
  item_id: string;
  /** audience | topic | country */
  facet: string;
  value: string;
}
export interface ReportLinksTable {
  report_id: string;
  cluster_id: string;
  linked_at: string;
}
export interface ClustersTable {
  id: string;
  size: number;
  updated_at: string;
}

export interface ForumsTable {
  id: string;
  organisation_id: string;
  title: string;
  language: string;
  created_by: string;
  created_at: string;
}
export interface CirclesTable {
  id: string;
  organisation_id: string;
  forum_id: string | null;
  title: string;
  topic: string;
  starts_at: string;
  place: string;
  online: Flag;
  moderator_name: string;
  moderator_affiliation: string;
  /** JSON array of language codes, the main one first. */
  languages: string;
  /** draft | open | closed */
  status: string;
  join_code: string;
  /** members | public */
  report_visibility: string;
  common_threads: string;
  follow_up: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}
export interface CircleQuestionsTable {
  id: string;
  circle_id: string;
  position: number;
  text: string;
}
export interface CircleParticipantsTable {
  id: string;
  circle_id: string;
  token_hash: string;
  age_group: string | null;
  knowledge: string | null;
  sector: string | null;
  joined_at: string;
}
export interface CircleResponsesTable {
  id: string;
  circle_id: string;
  question_id: string;
  participant_id: string | null;
  language: string;
  text_sealed: string;
  original_sealed: string | null;
  /** visible | held | hidden | merged */
  status: string;
  flags: string;
  merged_into: string | null;
  supports: ColumnType<number, number | undefined, number>;
  edited_by: string | null;
  edited_at: string | null;
  created_at: string;
}
export interface CircleSupportsTable {
  response_id: string;
  participant_id: string;
  created_at: string;
}
export interface CircleResponseThemesTable {
  response_id: string;
  theme: string;
}
export interface CircleClustersTable {
  id: string;
  circle_id: string;
  question_id: string;
  name: string;
  /** suggested | accepted | rejected */
  status: string;
  created_at: string;
}
export interface CircleClusterMembersTable {
  cluster_id: string;
  response_id: string;
}
export interface CircleActionsTable {
  id: string;
  circle_id: string;
  organisation_id: string;
  source_type: string;
  source_id: string;
  kind: string;
  title: string;
  library_item_id: string | null;
  created_by: string;
  created_at: string;
}
