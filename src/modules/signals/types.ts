/**
 * The signals library's vocabulary. `signals` is pure: no database, no I/O, no clock; it turns messy text
 * into identifiers (what links items) and indicator matches (what makes an ad worrying), each with the
 * span of the raw text it came from.
 */

export const IDENTIFIER_TYPES = [
  "phone",
  "email",
  "url",
  "domain",
  "handle",
  "iban",
  "bitcoin",
  "ethereum",
  "card", // detected by Luhn, always redacted: the value is never the number
  "age",
  "price",
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** Where a handle lives, when the text says so (or the URL shows it). */
export const PLATFORMS = [
  "whatsapp",
  "telegram",
  "instagram",
  "snapchat",
  "wechat",
  "line",
  "kik",
  "onlyfans",
  "twitter",
  "facebook",
  "tiktok",
  "signal",
  "skype",
  // payment apps: a handle there receives money
  "cashapp",
  "venmo",
  "paypal",
  "revolut",
] as const;
export type Platform = (typeof PLATFORMS)[number];

/** One identifier found in a text. `start`/`end` index the RAW text (UTF-16 code units, end exclusive). */
export interface Identifier {
  readonly type: IdentifierType;
  /**
   * The normalised value, the key that links items: E.164 for phones (`+34612345678`), lower-case email,
   * `host/path` for URLs, lower-case host for domains, `platform:name` or `name` for handles, compact
   * upper-case IBAN, the address for wallets (EIP-55 form for Ethereum), `card:****1234` for cards,
   * the number of years for ages, `amount currency` for prices.
   */
  readonly value: string;
  /** The raw text of the span, as written (for a card: redacted to its last four digits). */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** True when the text hid the identifier (spelled digits, homoglyphs, "(at)", spacing tricks...). */
  readonly obfuscated: boolean;
  readonly platform?: Platform;
}

export interface ExtractOptions {
  /** ISO 3166-1 alpha-2 region for numbers written without a country code (the ad's or report's country). */
  readonly region?: string;
}

/** Evidence behind an indicator rule: measured in research, widely believed, or a financial red flag. */
export type EvidenceTier = "empirical" | "folk" | "financial";

/** An indicator rule card: data, not code. */
export interface RuleCard {
  readonly id: string;
  readonly description: string;
  /** Languages the pattern is written for (ISO 639-1). */
  readonly languages: readonly string[];
  /** A regular expression source, matched case-insensitively with Unicode on the normalised text. */
  readonly pattern: string;
  /** Points the rule adds to the score (before the tier's cap). */
  readonly weight: number;
  readonly tier: EvidenceTier;
  /** Where the indicator comes from (publication, list), for analysts to check. */
  readonly source: string;
}

/** A rule that matched, with the raw span that triggered it. */
export interface IndicatorMatch {
  readonly ruleId: string;
  readonly description: string;
  readonly tier: EvidenceTier;
  readonly weight: number;
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

export interface Score {
  /** 0–100. */
  readonly score: number;
  readonly matches: readonly IndicatorMatch[];
}

export interface Signals {
  readonly identifiers: readonly Identifier[];
  readonly indicators: Score;
}
