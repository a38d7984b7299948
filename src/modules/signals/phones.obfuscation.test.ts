import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractIdentifiers } from "./extract.ts";

// Numbers from ranges kept for fiction or obvious samples, written nationally, with their region.
const NUMBERS = [
  { national: "2125550142", region: "US", e164: "+12125550142", groups: [3, 3, 4] },
  { national: "07700900417", region: "GB", e164: "+447700900417", groups: [5, 6] },
  { national: "0639981207", region: "FR", e164: "+33639981207", groups: [2, 2, 2, 2, 2] },
  { national: "612345678", region: "ES", e164: "+34612345678", groups: [3, 3, 3] },
];
const WORDS: Record<string, readonly string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  es: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
};
const CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨";
const DINGBAT = "⓿➊➋➌➍➎➏➐➑➒";
type Digit = (d: string, k: number) => string;
const DIGIT_STYLES: Record<string, Digit> = {
  plain: (d) => d,
  fullwidth: (d) => String.fromCharCode(0xff10 + Number(d)),
  arabic: (d) => String.fromCharCode(0x0660 + Number(d)),
  persian: (d) => String.fromCharCode(0x06f0 + Number(d)),
  devanagari: (d) => String.fromCharCode(0x0966 + Number(d)),
  circled: (d) => CIRCLED[Number(d)]!,
  dingbat: (d) => DINGBAT[Number(d)]!,
  keycap: (d) => `${d}\ufe0f\u20e3`,
  english: (d) => WORDS.en![Number(d)]!,
  spanish: (d) => WORDS.es![Number(d)]!,
  french: (d) => WORDS.fr![Number(d)]!,
  mixed: (d, k) => (k % 3 === 1 ? WORDS.en![Number(d)]! : d),
  leet: (d) => ({ "4": "f0ur", "5": "f1ve", "7": "s3ven", "9": "n1ne" })[d] ?? d,
  lookalike: (d, k) => (d === "0" && k > 0 ? "O" : d === "1" && k > 0 ? "l" : d),
};
const SEPARATORS = ["", " ", "-", ".", " . ", "  ", "/", "\u200b", "💋", "_"];

function write(digits: string, groups: readonly number[], style: Digit, groupSep: string, digitSep: string) {
  const out: string[] = [];
  let k = 0;
  for (const size of groups) {
    const chunk: string[] = [];
    for (let i = 0; i < size; i++, k++) chunk.push(style(digits[k]!, k));
    out.push(chunk.join(digitSep));
  }
  return out.join(groupSep);
}

describe("phones under obfuscation", () => {
  it("finds the number whatever the digits and separators look like", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NUMBERS),
        fc.constantFrom(...Object.keys(DIGIT_STYLES)),
        fc.constantFrom(...SEPARATORS),
        fc.constantFrom("", " ", "-"),
        fc.constantFrom("Call ", "txt me ", "WhatsApp: ", "📞 ", "Rates $200/hr 24/7, call "),
        fc.constantFrom("", " now!", ". 150€ half hour, 2024-03-15", " (no private numbers)"),
        (number, styleName, groupSep, digitSep, before, after) => {
          const style = DIGIT_STYLES[styleName]!;
          // Words need a separator between them or they run into letters ("fivefive" is handled, "fiveone" too).
          const wordy = ["english", "spanish", "french", "mixed", "leet"].includes(styleName);
          const sep = wordy && digitSep === "" ? " " : digitSep;
          const gsep = wordy && groupSep === "" ? " " : groupSep;
          const text = `${before}${write(number.national, number.groups, style, gsep, sep)}${after}`;
          const phones = extractIdentifiers(text, { region: number.region }).filter(
            (f) => f.type === "phone",
          );
          expect(
            phones.map((p) => p.value),
            text,
          ).toEqual([number.e164]);
          expect(text.slice(phones[0]!.start, phones[0]!.end)).toBe(phones[0]!.raw);
          if (styleName !== "plain") expect(phones[0]!.obfuscated, text).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("masks each of two IBANs written one after the other (found by the property above)", () => {
    const text = "GB82 WEST 1234 5698 7654 32 GB82 WEST 1234 5698 7654 32 1,500 2024-03-15";
    expect(extractIdentifiers(text, { region: "DE" }).filter((f) => f.type === "phone")).toEqual([]);
  });
});

describe("phones among other numbers", () => {
  const NOT_PHONES = [
    "2024-03-15",
    "15/03/2024",
    "03.15.24",
    "1/4/2025",
    "22:30",
    "10am-10pm",
    "22h30",
    "$200",
    "150€",
    "€ 80",
    "200 roses",
    "300 eur",
    "1,500",
    "24/7",
    "7/7",
    "24h",
    "22 years",
    "age 23",
    "5'6",
    "34C",
    "120lbs",
    "36-24-36",
    "90-60-90",
    "165 cm",
    "55 kg",
    "75011",
    "28013",
    "SW1A 1AA",
    "10115 Berlin",
    "since 2019",
    "room 1203",
    "#123456789",
    "order 112-3456789",
    "ref: 612345678",
    "GB82WEST12345698765432",
    "GB82 WEST 1234 5698 7654 32",
    "4111 1111 1111 1111",
    "5500-0000-0000-0004",
    "1.5 hours",
    "v2.0",
    "100%",
    "2 girls",
    "1hr",
    "30min",
    "x2",
    "3 days",
    "Suite 400",
    "123 Main St",
  ];
  it("finds no phone in text made only of dates, times, prices, measures, codes and addresses", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NOT_PHONES), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(", ", " ", ". ", " - ", " / "),
        fc.constantFrom("US", "GB", "FR", "ES", "DE", "MX"),
        (pieces, joint, region) => {
          const text = pieces.join(joint);
          const phones = extractIdentifiers(text, { region }).filter((f) => f.type === "phone");
          expect(
            phones.map((p) => `${p.value} from "${p.raw}"`),
            `${region}: ${text}`,
          ).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("masks each of two IBANs written one after the other (found by the property above)", () => {
    const text = "GB82 WEST 1234 5698 7654 32 GB82 WEST 1234 5698 7654 32 1,500 2024-03-15";
    expect(extractIdentifiers(text, { region: "DE" }).filter((f) => f.type === "phone")).toEqual([]);
  });
});
