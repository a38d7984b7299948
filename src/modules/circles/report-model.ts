/**
 * The circle report as plain data: what the circles service assembles from the database and every format
 * renders (web page, Markdown, Word, PDF). Nothing here touches the database; texts are already the
 * facilitator's edited versions, hidden and held responses are left out, merged duplicates are folded
 * into the response they were merged into (their supports added).
 */

/** Broad, optional self-descriptions of participants. */
export const AGE_GROUPS = ["under_18", "18_24", "25_34", "35_54", "55_plus"] as const;
export const KNOWLEDGE = ["new", "some", "experienced", "expert"] as const;
export const SECTORS = [
  "grassroots",
  "advocacy",
  "service_provider",
  "government",
  "education",
  "faith",
  "health",
  "media",
  "business",
  "student",
  "survivor_leader",
  "other",
] as const;
/** The "four Ps" of anti-trafficking work, then the library's topics (see library/seed-content.ts TOPICS). */
export const CIRCLE_THEMES = ["prevention", "protection", "prosecution", "partnership"] as const;

/** One count in the participant summary; `count` is undefined where fewer than 5 people (shown so). */
export interface GroupCount {
  readonly value: string;
  /** The number of participants, or undefined for "fewer than 5" (small groups are never shown exactly). */
  readonly count: number | undefined;
}

export interface ParticipantSummary {
  /** Everyone who joined; also suppressed below 5. */
  readonly total: number | undefined;
  readonly ageGroups: readonly GroupCount[];
  readonly knowledge: readonly GroupCount[];
  readonly sectors: readonly GroupCount[];
}

export interface ReportResponse {
  readonly id: string;
  readonly text: string;
  /** BCP 47 language of the text (en, es, fr, ar...). */
  readonly language: string;
  /** Supports (+1), one per participant, including those of duplicates merged into it. */
  readonly supports: number;
  readonly themes: readonly string[];
}

/** Responses under one heading: an accepted cluster (its name) or a theme. */
export interface ReportGroup {
  readonly kind: "cluster" | "theme" | "ungrouped";
  /** The cluster's name, or the theme's code (labelled by the renderer); empty for "ungrouped". */
  readonly label: string;
  readonly responses: readonly ReportResponse[];
  /** Sum of the responses' supports. */
  readonly supports: number;
}

export interface ReportQuestion {
  readonly position: number;
  readonly text: string;
  readonly groups: readonly ReportGroup[];
  readonly responseCount: number;
}

export interface CircleReport {
  readonly circleId: string;
  readonly title: string;
  readonly topic: string;
  /** ISO date-time. */
  readonly startsAt: string;
  readonly place: string;
  readonly moderator: { readonly name: string; readonly affiliation: string };
  /** The circle's main language: the report's labels are in it. */
  readonly language: string;
  readonly forumTitle?: string;
  readonly questions: readonly ReportQuestion[];
  readonly participants: ParticipantSummary;
  /** The facilitator's reflections (Markdown-free plain text with line breaks). */
  readonly commonThreads: string;
  readonly followUp: string;
  /** When the report was produced (ISO). */
  readonly generatedAt: string;
}

/** A forum's report: what its circles raised together. */
export interface ForumReport {
  readonly forumId: string;
  readonly title: string;
  readonly language: string;
  readonly circles: readonly {
    readonly circleId: string;
    readonly title: string;
    readonly startsAt: string;
  }[];
  /** Each theme (or cluster name shared across circles): how many circles and responses raised it. */
  readonly themes: readonly {
    readonly label: string;
    readonly kind: "theme" | "cluster";
    readonly circles: number;
    readonly responses: number;
    readonly supports: number;
  }[];
  /** Every circle's common threads, in order. */
  readonly commonThreads: readonly { readonly circleTitle: string; readonly text: string }[];
  readonly participants: ParticipantSummary;
  readonly generatedAt: string;
}
