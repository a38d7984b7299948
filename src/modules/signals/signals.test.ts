import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractSignals } from "./signals.ts";

const found = (text: string, region?: string) =>
  extractSignals(text, region ? { region } : {}).identifiers.map((i) => [i.type, i.value]);

describe("extractSignals: every extractor on one text", () => {
  it("finds contacts, phones, payment identifiers, ages and prices together, in the order written", () => {
    const text =
      "Ana, 22 años. Tel 612 345 678 (whatsapp). Pay to GB82 WEST 1234 5698 7654 32 or " +
      "bitcoin 1BoatSLRHtKNngkdXEeobR76b53LETtpyT, 150 € la hora. ana.l@example.com";
    expect(found(text, "ES")).toEqual([
      ["age", "22"],
      ["phone", "+34612345678"],
      ["iban", "GB82WEST12345698765432"],
      ["bitcoin", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"],
      ["price", expect.stringMatching(/^150 EUR/)],
      ["email", "ana.l@example.com"],
    ]);
  });

  it("finds a wallet or an IBAN written with look-alike or fullwidth characters, marked obfuscated", () => {
    const { identifiers } = extractSignals("IBAN ＧＢ８２ ＷＥＳＴ １２３４ ５６９８ ７６５４ ３２ thanks");
    expect(identifiers.map((i) => [i.type, i.value, i.obfuscated])).toEqual([
      ["iban", "GB82WEST12345698765432", true],
    ]);
  });

  it("never lets a card number out: the raw is masked to its last four digits", () => {
    const { identifiers } = extractSignals("card 4111 1111 1111 1111 exp 12/29");
    const card = identifiers.find((i) => i.type === "card");
    expect(card?.value).toBe("card:****1111");
    expect(card?.raw).toBe("•••• •••• •••• 1111");
    expect(JSON.stringify(identifiers)).not.toContain("4111 1111");
  });

  it("scores the text as written: every match's span is a span of the raw text", () => {
    const text = "Ｎｅｗ in town!! She is 16 years old, no papers, the boss keeps her passport.";
    const { indicators } = extractSignals(text);
    expect(indicators.score).toBeGreaterThan(0);
    expect(indicators.matches.map((m) => m.ruleId)).toContain("signal-age-under-18");
    for (const m of indicators.matches) expect(text.slice(m.start, m.end)).toBe(m.raw);
  });

  it("never throws, and every span maps back to the text (cards masked)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const { identifiers, indicators } = extractSignals(text, { region: "GB" });
        for (const id of identifiers) {
          expect(id.start).toBeGreaterThanOrEqual(0);
          expect(id.end).toBeLessThanOrEqual(text.length);
          if (id.type !== "card") expect(text.slice(id.start, id.end)).toBe(id.raw);
        }
        expect(indicators.score).toBeGreaterThanOrEqual(0);
        expect(indicators.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });
});
