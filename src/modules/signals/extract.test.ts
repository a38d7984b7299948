import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Extractor, extractIdentifiers, resolveOverlaps } from "./extract.ts";
import { span } from "./normalise.ts";
import type { Identifier } from "./types.ts";

const AD =
  "NEW in town!! Sweet Anna, 22 años. Llámame 612 345 678 o WhatsApp +34 612 34 56 78 (24/7). " +
  "Insta: anna.rose_xx  snap: annarose  telegram @annarose  t.me/annarose. " +
  "Email anna (at) example (dot) com o anna@example.es. Fotos en www.example.com/anna y example dot org. " +
  "Precio 150€ media hora, 200€ hora. Disponible 2024-03-15 22:30. Ref #123456789. " +
  "Call six one two, three four five, six seven eight!";

describe("extractIdentifiers", () => {
  it("finds every identifier in a realistic ad, once each, in order", () => {
    const found = extractIdentifiers(AD, { region: "ES" });
    expect(found.map((f) => `${f.type} ${f.value}`)).toEqual([
      "phone +34612345678",
      "phone +34612345678",
      "handle instagram:anna.rose_xx",
      "handle snapchat:annarose",
      "handle telegram:annarose",
      "domain t.me",
      "handle telegram:annarose",
      "url t.me/annarose",
      "email anna@example.com",
      "email anna@example.es",
      "domain example.com",
      "url example.com/anna",
      "domain example.org",
      "url example.org",
      "phone +34612345678",
    ]);
    const last = found[found.length - 1]!;
    expect(last.obfuscated).toBe(true);
    expect(last.raw).toBe("six one two, three four five, six seven eight");
    expect(found[1]!.platform).toBe("whatsapp");
  });

  it("gives spans that point into the raw text", () => {
    for (const id of extractIdentifiers(AD, { region: "ES" }))
      expect(AD.slice(id.start, id.end)).toBe(id.raw);
  });

  it("runs extractors from other modules on the same normalised text", () => {
    const ages: Extractor = (n) => {
      const out: Identifier[] = [];
      for (const m of n.text.matchAll(/(\d\d) años/g))
        out.push({
          type: "age",
          value: m[1]!,
          ...span(n, m.index, m.index + m[0].length),
          obfuscated: false,
        });
      return out;
    };
    const found = extractIdentifiers("veinte, ２２ años", {}, [ages]);
    expect(found).toEqual([
      { type: "age", value: "22", raw: "２２ años", start: 8, end: 15, obfuscated: false },
    ]);
  });

  it("prefers the more specific of overlapping finds and keeps companions", () => {
    const at = (type: Identifier["type"], value: string, start: number, end: number, platform?: "whatsapp") =>
      ({
        type,
        value,
        raw: "",
        start,
        end,
        obfuscated: false,
        ...(platform ? { platform } : {}),
      }) as Identifier;
    const kept = resolveOverlaps([
      at("phone", "+441234569876", 5, 15),
      at("iban", "GB82WEST12345698765432", 0, 22),
      at("url", "wa.me/34612345678", 30, 47),
      at("phone", "+34612345678", 36, 47),
      at("phone", "+34612345678", 30, 47, "whatsapp"),
      at("domain", "wa.me", 30, 47),
      at("url", "wa.me/34612345678", 30, 47),
    ]);
    expect(kept.map((k) => `${k.type} ${k.start}`)).toEqual(["iban 0", "domain 30", "phone 30", "url 30"]);
  });

  it("never throws and every span maps back, on any string", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom(undefined, "US", "GB", "XX"),
        (text, region) => {
          for (const id of extractIdentifiers(text, region ? { region } : {})) {
            expect(text.slice(id.start, id.end)).toBe(id.raw);
            expect(id.start).toBeLessThan(id.end);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws and spans map back on ad-like text built from tricky pieces", () => {
    const pieces = [
      "212",
      "555",
      "0199",
      "+44",
      "7700",
      "900123",
      " ",
      "-",
      ".",
      "(",
      ")",
      "/",
      "@",
      "at",
      "dot",
      "(at)",
      "[dot]",
      "com",
      "example",
      "five",
      "oh",
      "for",
      "O",
      "l",
      "①",
      "1️⃣",
      "٣",
      "ｅ",
      "\u200b",
      "24/7",
      "$",
      "€",
      "ig:",
      "telegram",
      "t.me/",
      "wa.me/",
      "https://",
      "www.",
      "anna",
      "\n",
      "é",
      "e\u0301",
      "😀",
      "GB82WEST",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.constantFrom(undefined, "US", "ES"),
        (chunks, region) => {
          const text = chunks.join("");
          for (const id of extractIdentifiers(text, region ? { region } : {}))
            expect(text.slice(id.start, id.end)).toBe(id.raw);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("stays fast on long hostile input (no catastrophic backtracking)", () => {
    const hostile = [
      "a".repeat(20_000),
      "a-".repeat(10_000),
      "a.".repeat(10_000),
      "1 ".repeat(10_000),
      "@a".repeat(10_000),
      "x at y dot ".repeat(2_000),
      "five ".repeat(4_000),
    ];
    for (const text of hostile) expect(() => extractIdentifiers(text, { region: "US" })).not.toThrow();
  });
});
