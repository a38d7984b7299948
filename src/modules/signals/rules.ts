import { z } from "zod";
import ruleData from "../../../data/indicator-rules.json" with { type: "json" };
import type { EvidenceTier, IndicatorMatch, RuleCard } from "./types.ts";

/**
 * Indicator rule cards: data in `data/indicator-rules.json`, validated here once at import and compiled
 * once. A pattern is matched case-insensitively with Unicode, and the loader wraps it in letter/digit
 * boundaries (JavaScript's `\b` knows only ASCII, so it would split "años" or "été").
 */

const TIERS = ["empirical", "folk", "financial"] as const satisfies readonly EvidenceTier[];

/**
 * True when no quantified group itself contains a quantifier (`(a+)+`, `(?:x*y)*`, `(a{1,3}){2,}`): the
 * nested shape behind catastrophic backtracking. Patterns are data anyone may edit, so they are checked.
 */
export function hasNoNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === "\\") {
      i += 1;
    } else if (char === "[") {
      while (i < source.length && source[i] !== "]") i += source[i] === "\\" ? 2 : 1;
    } else if (char === "(") {
      stack.push(quantifiedInside);
      quantifiedInside = false;
    } else if (char === ")") {
      const next = source[i + 1];
      const repeated =
        next === "*" || next === "+" || (next === "{" && !/^\{\d+\}/.test(source.slice(i + 1)));
      if (repeated && quantifiedInside) return false;
      quantifiedInside = (stack.pop() ?? false) || quantifiedInside || repeated;
    } else if (char === "*" || char === "+" || (char === "{" && !/^\{\d+\}/.test(source.slice(i)))) {
      quantifiedInside = true;
    }
  }
  return true;
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, "giu");
    return true;
  } catch {
    return false;
  }
}

export const RuleCardSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  description: z.string().min(5),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  pattern: z
    .string()
    .min(1)
    .refine(compiles, "pattern must compile with the i and u flags")
    .refine(hasNoNestedQuantifier, "pattern must not nest quantifiers"),
  weight: z.number().int().min(1).max(40),
  tier: z.enum(TIERS),
  source: z.string().min(10),
  /** A text the pattern must match: the tests check every card against its own example. */
  example: z.string().min(1),
});
export type RuleCardWithExample = z.infer<typeof RuleCardSchema> & RuleCard;

export const RuleFileSchema = z.object({
  version: z.literal(1),
  cards: z
    .array(RuleCardSchema)
    .min(1)
    .refine(
      (cards) => new Set(cards.map((card) => card.id)).size === cards.length,
      "rule ids must be unique",
    ),
});

/** Validates a rule file (throws a ZodError naming the bad card). */
export function parseRuleCards(data: unknown): readonly RuleCardWithExample[] {
  return RuleFileSchema.parse(data).cards;
}

export interface CompiledRule {
  readonly card: RuleCard;
  readonly regex: RegExp;
}

/**
 * Compiles a card's pattern to match whole words: a lookahead ends it at a Unicode letter/digit boundary,
 * and `matchRules` checks the character before a match in code. (A leading lookbehind would make V8 try
 * the whole pattern at every position of the text: about twice as slow for the same matches.)
 */
export function compileRule(card: RuleCard): CompiledRule {
  const regex = new RegExp(`(?:${card.pattern})(?![\\p{L}\\p{N}_])`, "giu");
  return { card, regex };
}

// With the patterns' own flags (`iu`), so that case folding counts the same characters as letters (the
// Greek combining ypogegrammeni folds to iota, for one).
const WORD_CHAR = /[\p{L}\p{N}_]/iu;

/** True when the text has a letter, digit or underscore just before `index` (so no word starts there). */
function wordCharBefore(text: string, index: number): boolean {
  if (index === 0) return false;
  const low = text.charCodeAt(index - 1);
  const isTrail = low >= 0xdc00 && low <= 0xdfff && index >= 2;
  return WORD_CHAR.test(isTrail ? text.slice(index - 2, index) : (text[index - 1] as string));
}

/** The shipped rule cards, validated at import. */
export const RULE_CARDS: readonly RuleCardWithExample[] = parseRuleCards(ruleData);
export const COMPILED_RULES: readonly CompiledRule[] = RULE_CARDS.map(compileRule);

// An ad repeating a phrase a hundred times gains nothing after the first: keep a few spans to show.
const MAX_SPANS_PER_RULE = 20;

/** The rules' patterns joined in one alternation, and each alone anchored (sticky), for `matchRules`. */
interface RuleScan {
  readonly anyRule: RegExp;
  readonly sticky: readonly RegExp[];
}

const scans = new WeakMap<readonly CompiledRule[], RuleScan>();

function scanOf(rules: readonly CompiledRule[]): RuleScan {
  let scan = scans.get(rules);
  if (!scan) {
    scan = {
      anyRule: new RegExp(rules.map((r) => `(?:${r.regex.source})`).join("|") || "(?!)", "giu"),
      sticky: rules.map((r) => new RegExp(r.regex.source, "yiu")),
    };
    scans.set(rules, scan);
  }
  return scan;
}

/**
 * Every span of the text that a rule matches, in rule order then text order; per rule, matches do not
 * overlap and start where a word starts (as scanning the text with each rule in turn would find them).
 *
 * One pass of all the patterns joined finds each position where some rule matches; only there is each
 * rule tried, anchored. Running the 54 shipped patterns one after another over the whole text took
 * about twice as long.
 */
export function matchRules(text: string, rules: readonly CompiledRule[] = COMPILED_RULES): IndicatorMatch[] {
  const { anyRule, sticky } = scanOf(rules);
  const found: IndicatorMatch[][] = rules.map(() => []);
  const next = new Array<number>(rules.length).fill(0);
  anyRule.lastIndex = 0;
  for (let hit = anyRule.exec(text); hit !== null; hit = anyRule.exec(text)) {
    const at = hit.index;
    const code = text.charCodeAt(at);
    anyRule.lastIndex = at + (code >= 0xd800 && code <= 0xdbff ? 2 : 1);
    if (wordCharBefore(text, at)) continue;
    for (let i = 0; i < rules.length; i++) {
      const spans = found[i] as IndicatorMatch[];
      if (at < (next[i] as number) || spans.length >= MAX_SPANS_PER_RULE) continue;
      const regex = sticky[i] as RegExp;
      regex.lastIndex = at;
      const match = regex.exec(text);
      if (match === null || match[0].length === 0) continue;
      const { card } = rules[i] as CompiledRule;
      spans.push({
        ruleId: card.id,
        description: card.description,
        tier: card.tier,
        weight: card.weight,
        raw: match[0],
        start: at,
        end: at + match[0].length,
      });
      next[i] = at + match[0].length;
    }
  }
  return found.flat();
}

/** `matchRules` the plain way, each rule scanning the whole text: the reference its tests compare with. */
export function matchRulesOneByOne(
  text: string,
  rules: readonly CompiledRule[] = COMPILED_RULES,
): IndicatorMatch[] {
  const matches: IndicatorMatch[] = [];
  for (const { card, regex } of rules) {
    regex.lastIndex = 0;
    let kept = 0;
    for (
      let match = regex.exec(text);
      match !== null && kept < MAX_SPANS_PER_RULE;
      match = regex.exec(text)
    ) {
      if (match[0].length === 0 || wordCharBefore(text, match.index)) {
        // Not a word start: look again from the next position (a later start may be one).
        regex.lastIndex = match.index + 1;
        continue;
      }
      kept += 1;
      matches.push({
        ruleId: card.id,
        description: card.description,
        tier: card.tier,
        weight: card.weight,
        raw: match[0],
        start: match.index,
        end: match.index + match[0].length,
      });
    }
  }
  return matches;
}
