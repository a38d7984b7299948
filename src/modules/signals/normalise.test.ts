import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalise, span } from "./normalise.ts";

const text = (raw: string) => normalise(raw).text;

describe("normalise", () => {
  it.each([
    ["fullwidth digits", "２１２ ５５５ ０１９９", "212 555 0199"],
    ["Arabic-Indic digits", "٠٦١٢٣٤٥٦٧٨", "0612345678"],
    ["Persian digits", "۰۹۱۲۳۴۵۶۷۸۹", "09123456789"],
    ["Devanagari digits", "९८७६५", "98765"],
    ["emoji keycaps", "1️⃣2️⃣3️⃣", "123"],
    ["keycap without the variation selector", "4\u20e35\u20e3", "45"],
    ["circled, parenthesised, full-stop and dingbat digits", "①②③ ⑴⑵ ⒈⒉ ➊➋ ❶ ⓿", "123 12 12 12 1 0"],
    ["zero-width characters inside a number", "555\u200b01\u200d99", "5550199"],
    ["Cyrillic letters inside a Latin address", "аnnа@gmаil.com ехаmple.com", "anna@gmail.com example.com"],
    ["Greek capitals inside a Latin word", "ΟΝLYFANS", "ONLYFANS"],
    ["NFKC on letters", "ｅｘａｍｐｌｅ．ｃｏｍ", "example.com"],
    ["a decomposed accent composes", "zero cafe\u0301", "zero café"],
    ["English words in a run", "call five five five one two three four", "call 5 5 5 1 2 3 4"],
    ["words mixed into digits", "212-five55-0199", "212-555-0199"],
    ["word, digit, word in one token", "five5five 0199", "555 0199"],
    ["leetspeak words", "f0ur f1ve s3ven n1ne", "4 5 7 9"],
    ["Spanish", "seis uno dos, tres cuatro cinco, seis siete ocho, nueve cero", "6 1 2, 3 4 5, 6 7 8, 9 0"],
    ["French", "zéro six trente", "zéro six trente"],
    ["French run", "zéro six neuf quatre deux huit sept un", "0 6 9 4 2 8 7 1"],
    ["French tens are not digits (yet)", "zéro six quatre-vingt", "zéro six quatre-vingt"],
    ["misspellings", "fiv sevn eigth nien", "5 7 8 9"],
    ["oh inside a run", "555 oh one nine nine", "555 0 1 9 9"],
    ["look-alike letters between digits", "555-O1O9 2I2-l23", "555-0109 212-123"],
  ])("%s", (_label, input, expected) => {
    expect(text(input)).toBe(expected);
  });

  it.each([
    ["BOSTON stays a word", "BOSTON 555 0199"],
    ["a lone number word in a sentence", "I am one of a kind, two for one"],
    ["'for' and 'to' in prose", "available for you, come to me 4 hours"],
    ["'sept' before a year is a month", "15 sept 2024"],
    ["a vitamin and a road", "B12 and I-95"],
    ["Arabic words", "مرحبا بكم"],
    ["Cyrillic words", "Москва, Анна, телефон"],
    ["Greek words", "Αθήνα και Κρήτη"],
  ])("%s", (_label, input) => {
    expect(text(input)).toBe(input);
  });

  it("marks characters that came from an obfuscation, not plain ones", () => {
    const n = normalise("call 212 five five five 0199");
    expect(n.text).toBe("call 212 5 5 5 0199");
    const flags = [...n.obfuscated].map(String).join("");
    expect(flags).toBe("0000000001010100000");
  });

  it("maps each normalised character back to what was written", () => {
    const n = normalise("tel: cinco5cinco ①② 1️⃣");
    expect(n.text).toBe("tel: 555 12 1");
    expect(span(n, 5, 8)).toEqual({ raw: "cinco5cinco", start: 5, end: 16 });
    expect(span(n, 9, 11)).toEqual({ raw: "①②", start: 17, end: 19 });
    expect(span(n, 12, 13).raw).toBe("1️⃣");
    expect(span(n, 3, 3)).toEqual({ raw: "", start: 3, end: 3 });
  });

  it("keeps astral characters whole when mapping", () => {
    const n = normalise("😀 𝟓𝟓𝟓 0199");
    expect(n.text).toBe("😀 555 0199");
    expect(span(n, 0, 2).raw).toBe("😀");
    expect(span(n, 3, 6).raw).toBe("𝟓𝟓𝟓");
  });

  it("never throws, and its map is monotonic, within bounds and spans map back", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (raw) => {
        const n = normalise(raw);
        expect(n.map.length).toBe(n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.map[i]).toBeGreaterThanOrEqual(0);
          expect(n.mapEnd[i]).toBeLessThanOrEqual(raw.length);
          expect(n.map[i]).toBeLessThan(n.mapEnd[i]!);
          if (i > 0) expect(n.map[i]).toBeGreaterThanOrEqual(n.map[i - 1]!);
        }
        const s = span(n, 0, n.text.length);
        expect(s.raw).toBe(raw.slice(s.start, s.end));
      }),
      { numRuns: 500 },
    );
  });

  it("handles number words and digits mixed at random", () => {
    const parts = [
      "five",
      "5",
      "oh",
      "for",
      "O",
      "l",
      " ",
      "-",
      ".",
      "cinq",
      "f0ur",
      "①",
      "٣",
      "BOSTON",
      "@",
      "dot",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 40 }), (chunks) => {
        const raw = chunks.join("");
        const n = normalise(raw);
        for (let i = 1; i < n.text.length; i++) expect(n.map[i]).toBeGreaterThanOrEqual(n.map[i - 1]!);
        for (let i = 0; i < n.text.length; i++) {
          const s = span(n, i, i + 1);
          expect(s.raw).toBe(raw.slice(s.start, s.end));
        }
      }),
      { numRuns: 500 },
    );
  });
});
