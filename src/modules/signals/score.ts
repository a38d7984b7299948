import { COMPILED_RULES, type CompiledRule, matchRules } from "./rules.ts";
import type { EvidenceTier, Identifier, IndicatorMatch, Score } from "./types.ts";

/**
 * How worrying a text is, 0–100, and why.
 *
 * 1. Every rule card that matches adds its weight once, however often it matches (all its spans are
 *    still listed). Identifiers found in the text add signals of their own (below), also once each.
 * 2. Points are summed per evidence tier, and each tier maps to a share that saturates at its cap:
 *    `share = cap × points / (points + half)`, so a tier reaches half its cap at `half` points and
 *    never passes the cap. Caps: empirical 60, financial 25, folk 15.
 * 3. The score is the rounded sum of the three shares. Folk indicators, which published research did not
 *    support (movement language was found LESS likely in trafficking ads), can therefore never add more
 *    than 15, and the score only ever grows when a rule or signal is added.
 */
export const TIER_CAPS: Readonly<Record<EvidenceTier, { readonly cap: number; readonly half: number }>> = {
  empirical: { cap: 60, half: 25 },
  financial: { cap: 25, half: 12 },
  folk: { cap: 15, half: 8 },
};

export interface ScoreOptions {
  /** Identifiers already extracted from the same text (spans in the same text), for identifier signals. */
  readonly identifiers?: readonly Identifier[];
  /** Rules to use instead of the shipped cards (tests, or an organisation's own cards). */
  readonly rules?: readonly CompiledRule[];
  /**
   * Maps a rule match's span in `text` to the span of the text as written, when `text` is a normalised
   * form of it (identifier signals keep their identifiers' spans).
   */
  readonly mapSpan?: (start: number, end: number) => { raw: string; start: number; end: number };
}

interface Signal {
  readonly ruleId: string;
  readonly description: string;
  readonly tier: EvidenceTier;
  readonly weight: number;
  /** The identifiers that raise the signal, or none. */
  readonly pick: (identifiers: readonly Identifier[]) => readonly Identifier[];
}

const PAYMENT_APPS = new Set(["cashapp", "venmo", "paypal", "revolut"]);
const distinctBy = (identifiers: readonly Identifier[]) => new Set(identifiers.map((i) => i.value)).size;
const ofType = (identifiers: readonly Identifier[], type: Identifier["type"]) =>
  identifiers.filter((identifier) => identifier.type === type);

// Signals from identifiers; their sources are the same as the rule cards' (see data/README.md).
const SIGNALS: readonly Signal[] = [
  {
    ruleId: "signal-age-under-18",
    description: "A stated age under 18 (a child in a commercial sex ad is trafficked whatever the means)",
    tier: "empirical",
    weight: 30,
    pick: (ids) => ofType(ids, "age").filter((age) => Number(age.value) < 18),
  },
  {
    ruleId: "signal-obscured-phone",
    description:
      "A phone number written to hide it from search (obscured phone numbers predicted trafficking)",
    tier: "empirical",
    weight: 10,
    pick: (ids) => ofType(ids, "phone").filter((phone) => phone.obfuscated),
  },
  {
    ruleId: "signal-several-ages",
    description: "Different ages stated in one ad (several people offered together)",
    tier: "empirical",
    weight: 8,
    pick: (ids) => (distinctBy(ofType(ids, "age")) >= 2 ? ofType(ids, "age") : []),
  },
  {
    ruleId: "signal-several-phones",
    description: "Three or more different phone numbers in one ad",
    tier: "folk",
    weight: 3,
    pick: (ids) => (distinctBy(ofType(ids, "phone")) >= 3 ? ofType(ids, "phone") : []),
  },
  {
    ruleId: "signal-crypto-address",
    description: "A crypto-currency address for payment",
    tier: "financial",
    weight: 8,
    pick: (ids) => ids.filter((i) => i.type === "bitcoin" || i.type === "ethereum"),
  },
  {
    ruleId: "signal-card-number",
    description: "A payment card number in the ad",
    tier: "financial",
    weight: 8,
    pick: (ids) => ofType(ids, "card"),
  },
  {
    ruleId: "signal-bank-account",
    description: "A bank account (IBAN) for payment",
    tier: "financial",
    weight: 4,
    pick: (ids) => ofType(ids, "iban"),
  },
  {
    ruleId: "signal-payment-handle",
    description: "A payment-app handle (CashApp, Venmo, PayPal, Revolut)",
    tier: "financial",
    weight: 5,
    pick: (ids) =>
      ofType(ids, "handle").filter((h) => h.platform !== undefined && PAYMENT_APPS.has(h.platform)),
  },
];

function signalMatches(identifiers: readonly Identifier[]): IndicatorMatch[] {
  return SIGNALS.flatMap(({ pick, ...rule }) =>
    pick(identifiers).map((identifier) => ({
      ...rule,
      raw: identifier.raw,
      start: identifier.start,
      end: identifier.end,
    })),
  );
}

/** The 0–100 score of a set of matches: distinct rules' weights per tier, each tier saturating at its cap. */
export function combine(matches: readonly IndicatorMatch[]): number {
  const weights = new Map<string, IndicatorMatch>();
  for (const match of matches) weights.set(match.ruleId, match);
  const points: Record<EvidenceTier, number> = { empirical: 0, financial: 0, folk: 0 };
  for (const { tier, weight } of weights.values()) points[tier] += weight;
  let total = 0;
  for (const tier of Object.keys(TIER_CAPS) as EvidenceTier[]) {
    const { cap, half } = TIER_CAPS[tier];
    total += (cap * points[tier]) / (points[tier] + half);
  }
  return Math.round(total);
}

/** Scores a text: every matched rule and identifier signal, with its weight and span, and the 0–100 score. */
export function scoreText(text: string, options: ScoreOptions = {}): Score {
  const matches = [
    ...matchRules(text, options.rules ?? COMPILED_RULES).map((m) =>
      options.mapSpan ? { ...m, ...options.mapSpan(m.start, m.end) } : m,
    ),
    ...signalMatches(options.identifiers ?? []),
  ].sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return { score: combine(matches), matches };
}
