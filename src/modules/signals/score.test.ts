import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractPayments } from "./payments.ts";
import { extractQuantities } from "./quantities.ts";
import { RULE_CARDS } from "./rules.ts";
import { combine, scoreText, TIER_CAPS } from "./score.ts";
import type { IndicatorMatch } from "./types.ts";

const signals = (text: string) => {
  const identifiers = [...extractPayments(text), ...extractQuantities(text)];
  return scoreText(text, { identifiers });
};

describe("scoreText", () => {
  it("scores a plain text 0 with no matches", () => {
    expect(scoreText("Selling a second-hand bicycle, good condition, collect in person.")).toEqual({
      score: 0,
      matches: [],
    });
  });

  it("explains every match with its rule, weight and raw span", () => {
    const text = "Sweet young latina, text my manager. Bitcoin only.";
    const { score, matches } = scoreText(text);
    expect(score).toBeGreaterThan(20);
    expect(matches.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(["youth-language-en", "ethnicity-en", "third-party-en", "crypto-payment"]),
    );
    for (const match of matches) {
      expect(text.slice(match.start, match.end)).toBe(match.raw);
      expect(match.weight).toBeGreaterThan(0);
    }
  });

  it("keeps folk-only text at or under the folk cap, however much of it there is", () => {
    const folk = RULE_CARDS.filter((card) => card.tier === "folk").map((card) => card.example);
    const { score, matches } = scoreText(folk.join(". ").repeat(5));
    expect(matches.every((m) => m.tier === "folk")).toBe(true);
    expect(new Set(matches.map((m) => m.ruleId)).size).toBe(folk.length);
    expect(score).toBeLessThanOrEqual(TIER_CAPS.folk.cap);
  });

  it("ranks an ad stating a child's age above one full of movement language", () => {
    const minor = signals("Lola 16 years old, text my manager");
    const movement = signals(
      "New in town, just arrived, leaving soon, limited time, de passage, recién llegada",
    );
    expect(minor.matches.map((m) => m.ruleId)).toContain("signal-age-under-18");
    expect(minor.score).toBeGreaterThan(movement.score);
  });

  it("flags a person's own account of forced-labour indicators well above any folk-only ad", () => {
    const account =
      "They promised a job in a restaurant. When I arrived they took my passport, said I must pay back the debt for the flight, and I cannot leave the apartment.";
    const { score, matches } = scoreText(account);
    expect(matches.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining(["documents-retained-en", "debt-bondage-en", "restricted-movement-en"]),
    );
    expect(score).toBeGreaterThan(TIER_CAPS.folk.cap * 2);
  });

  it("adds financial signals for payment identifiers found in the text", () => {
    const text =
      "Deposit first: GB82 WEST 1234 5698 7654 32 or btc 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, CashApp $SofiaK";
    const ids = signals(text).matches.map((m) => m.ruleId);
    expect(ids).toEqual(
      expect.arrayContaining([
        "signal-bank-account",
        "signal-crypto-address",
        "signal-payment-handle",
        "deposit-first",
      ]),
    );
  });

  it("counts each rule once: repeating a phrase does not raise the score", () => {
    expect(scoreText("young ".repeat(40)).score).toBe(scoreText("young").score);
  });

  it("is deterministic and never throws on any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const first = scoreText(text);
        expect(scoreText(text)).toEqual(first);
        expect(first.score).toBeGreaterThanOrEqual(0);
        expect(first.score).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("combine", () => {
  const tiers = ["empirical", "financial", "folk"] as const;
  const match = fc.record({
    ruleId: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"),
    tier: fc.constantFrom(...tiers),
    weight: fc.integer({ min: 1, max: 40 }),
  });
  const toMatches = (
    rules: { ruleId: string; tier: (typeof tiers)[number]; weight: number }[],
    prefix: string,
  ) =>
    rules.map(
      (rule): IndicatorMatch => ({
        ...rule,
        ruleId: prefix + rule.ruleId,
        description: "",
        raw: "",
        start: 0,
        end: 0,
      }),
    );

  it("never goes down when a rule is added or a weight grows, and stays within 0–100", () => {
    fc.assert(
      fc.property(
        fc.array(match, { maxLength: 12 }),
        match,
        fc.integer({ min: 1, max: 20 }),
        (rules, extra, more) => {
          const base = toMatches(rules, "r");
          const before = combine(base);
          expect(combine([...base, ...toMatches([extra], "new-")])).toBeGreaterThanOrEqual(before);
          const heavier = base.map((m, i) => (i === 0 ? { ...m, weight: m.weight + more } : m));
          expect(combine(heavier)).toBeGreaterThanOrEqual(before);
          expect(before).toBeGreaterThanOrEqual(0);
          expect(before).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it("never lets folk rules add more than the folk cap", () => {
    fc.assert(
      fc.property(fc.array(match, { maxLength: 12 }), (rules) => {
        const folk = toMatches(
          rules.map((r) => ({ ...r, tier: "folk" as const })),
          "f",
        );
        expect(combine(folk)).toBeLessThanOrEqual(TIER_CAPS.folk.cap);
      }),
    );
  });
});
