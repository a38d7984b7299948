import fc from "fast-check";
import { describe, expect, it } from "vitest";
import ruleData from "../../../data/indicator-rules.json" with { type: "json" };
import {
  COMPILED_RULES,
  compileRule,
  hasNoNestedQuantifier,
  matchRules,
  matchRulesOneByOne,
  parseRuleCards,
  RULE_CARDS,
} from "./rules.ts";

describe("rule cards", () => {
  it("ship at least 40 valid cards in English, Spanish and French, in every tier", () => {
    expect(RULE_CARDS.length).toBeGreaterThanOrEqual(40);
    const languages = new Set(RULE_CARDS.flatMap((card) => card.languages));
    expect([...languages].sort()).toEqual(["en", "es", "fr"]);
    expect(new Set(RULE_CARDS.map((card) => card.tier))).toEqual(new Set(["empirical", "folk", "financial"]));
    for (const card of RULE_CARDS) expect(card.source.length).toBeGreaterThan(20);
  });

  it.each(RULE_CARDS.map((card) => [card.id, card] as const))("%s matches its own example", (_id, card) => {
    const [match] = matchRules(card.example, [compileRule(card)]);
    expect(match?.ruleId).toBe(card.id);
    expect(card.example.slice(match!.start, match!.end)).toBe(match!.raw);
  });

  it("keeps movement language folk and light: research found it LESS likely in trafficking ads", () => {
    for (const card of RULE_CARDS.filter((c) => c.id.startsWith("movement-"))) {
      expect(card.tier).toBe("folk");
      expect(card.weight).toBeLessThanOrEqual(5);
    }
  });

  it("matches whole words only, with accents and in any case", () => {
    const ids = (text: string) => matchRules(text).map((match) => match.ruleId);
    expect(ids("RECIÉN LLEGADA")).toContain("movement-es");
    expect(ids("Petite Jeune")).toContain("youth-language-fr");
    expect(ids("youngster's bitcoinage teenage")).toEqual([]);
  });

  it("rejects a card with a nested quantifier, a bad regex, a duplicate id or an unknown tier", () => {
    const good = RULE_CARDS[0]!;
    const file = (cards: unknown[]) => ({ version: 1, cards });
    expect(() => parseRuleCards(file([{ ...good, pattern: "(a+)+b" }]))).toThrow(/nest/);
    expect(() => parseRuleCards(file([{ ...good, pattern: "(unclosed" }]))).toThrow(/compile/);
    expect(() => parseRuleCards(file([good, good]))).toThrow(/unique/);
    expect(() => parseRuleCards(file([{ ...good, tier: "hunch" }]))).toThrow();
    expect(parseRuleCards(ruleData)).toHaveLength(COMPILED_RULES.length);
  });

  it("tells nested quantifiers from safe ones", () => {
    for (const bad of ["(a+)+", "(?:x*y)*", "(a{1,3}){2,}", "((ab)+c)+", "(?:a|b+){2,9}"]) {
      expect(hasNoNestedQuantifier(bad)).toBe(false);
    }
    for (const safe of ["(?:ab)+", "(a+)?", "a{2}(?:b){3}", "[(+)]+", "\\(a+\\)+", "(?:no|new)? girls?"]) {
      expect(hasNoNestedQuantifier(safe)).toBe(true);
    }
    for (const card of RULE_CARDS) expect(hasNoNestedQuantifier(card.pattern)).toBe(true);
  });
});

describe("whole-word matching", () => {
  // The definition the fast path must keep: a Unicode letter/digit boundary on both sides of a match.
  const byLookbehind = (text: string) =>
    RULE_CARDS.flatMap((card) => {
      const regex = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${card.pattern})(?![\\p{L}\\p{N}_])`, "giu");
      return [...text.matchAll(regex)]
        .filter((m) => m[0].length > 0)
        .slice(0, 20)
        .map((m) => [card.id, m.index, m.index + m[0].length]);
    });

  it("treats a combining mark that folds to a letter as a letter, as the lookbehind does", () => {
    const text = "\u03b1\u0313\u0345No me dejan salir";
    expect(matchRules(text).map((m) => m.ruleId)).toEqual(byLookbehind(text).map(([id]) => id));
  });

  it("finds exactly the matches a leading lookbehind would, on card examples glued to other text", () => {
    const examples = RULE_CARDS.map((card) => card.example);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...examples), fc.string({ unit: "grapheme", maxLength: 8 })), {
          maxLength: 6,
        }),
        (parts) => {
          const text = parts.join("");
          const fast = matchRules(text).map((m) => [m.ruleId, m.start, m.end]);
          expect(fast).toEqual(byLookbehind(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("finds, in one pass of all patterns, exactly what each rule scanning the text in turn finds", () => {
    const examples = RULE_CARDS.map((card) => card.example);
    const words = examples.flatMap((e) => e.split(" "));
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...examples),
            fc.constantFrom(...words),
            fc.constantFrom(" ", "\n", "-", "é", "😀", "\u0301"),
            fc.string({ unit: "grapheme", maxLength: 4 }),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const text = parts.join(parts.length % 2 ? " " : "");
          expect(matchRules(text)).toEqual(matchRulesOneByOne(text));
        },
      ),
      { numRuns: 1500 },
    );
    const crowded = examples.join(" ").repeat(3);
    expect(matchRules(crowded)).toEqual(matchRulesOneByOne(crowded));
    expect(matchRules(crowded).length).toBeGreaterThan(RULE_CARDS.length);
  });
});
