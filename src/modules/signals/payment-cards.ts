import type { Identifier } from "./types.ts";

/**
 * Payment card numbers. A card number is never kept: the identifier's raw is masked except its last four
 * digits (same length, so spans still line up with the text) and its value is `card:****1234`.
 */

interface Scheme {
  readonly prefixes: readonly (readonly [number, number])[];
  readonly lengths: readonly number[];
}

// IIN ranges and lengths of the major schemes (ISO/IEC 7812 issuer numbers as published by the schemes).
// Visa's obsolete 13-digit numbers are left out: too many 13-digit phone numbers start with 4.
const range = (low: number, high = low) => [low, high] as const;
const SCHEMES: readonly Scheme[] = [
  { prefixes: [range(4)], lengths: [16, 17, 18, 19] }, // Visa
  { prefixes: [range(51, 55), range(2221, 2720)], lengths: [16] }, // Mastercard
  { prefixes: [range(34), range(37)], lengths: [15] }, // American Express
  { prefixes: [range(6011), range(644, 649), range(65)], lengths: [16, 17, 18, 19] }, // Discover
  { prefixes: [range(62)], lengths: [16, 17, 18, 19] }, // UnionPay
  { prefixes: [range(3528, 3589)], lengths: [16, 17, 18, 19] }, // JCB
  { prefixes: [range(36)], lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club International
  { prefixes: [range(300, 305), range(38, 39)], lengths: [16, 17, 18, 19] }, // Diners Club
  {
    prefixes: [
      range(5018),
      range(5020),
      range(5038),
      range(5893),
      range(6304),
      range(6759),
      range(6761, 6763),
    ],
    lengths: [13, 14, 15, 16, 17, 18, 19],
  }, // Maestro
  { prefixes: [range(2200, 2204)], lengths: [16, 17, 18, 19] }, // Mir
  { prefixes: [range(60)], lengths: [16] }, // RuPay
];

/** Luhn (ISO/IEC 7812-1 annex B): double every second digit from the right; the sum must end in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (digit < 0 || digit > 9) return false;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// Prefix ranges widened to four digits once, so a number's scheme is found from one integer comparison.
const FOUR_DIGIT_RANGES = SCHEMES.map((scheme) => ({
  lengths: scheme.lengths,
  ranges: scheme.prefixes.map(([low, high]) => {
    const scale = 10 ** (4 - String(low).length);
    return [low * scale, (high + 1) * scale - 1] as const;
  }),
}));

/** True when the digits have a major scheme's prefix and length and pass Luhn. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  const prefix = Number(digits.slice(0, 4));
  const known = FOUR_DIGIT_RANGES.some(
    ({ lengths, ranges }) =>
      lengths.includes(digits.length) && ranges.some(([low, high]) => prefix >= low && prefix <= high),
  );
  return known && luhnValid(digits);
}

// Digits with at most one space or dash between them; each repetition eats one digit (linear time).
const DIGIT_RUN = /(?<!\d)\d(?:[ -]?\d){12,}/g;

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const match of run.matchAll(/\d+/g)) {
    groups.push({
      start: offset + match.index,
      end: offset + match.index + match[0].length,
      digits: match[0],
    });
  }
  return groups;
}

/** Masks every digit but the last four with "•", keeping separators and the length. */
export function maskCard(raw: string): string {
  let remaining = raw.replace(/\D/g, "").length;
  let out = "";
  for (const char of raw) {
    if (char >= "0" && char <= "9") {
      out += remaining > 4 ? "•" : char;
      remaining -= 1;
    } else {
      out += char;
    }
  }
  return out;
}

/** Card spans in the text: `[start, end, digits]`, found group by group so a card inside a longer run counts. */
function cardSpans(text: string): [number, number, string][] {
  const spans: [number, number, string][] = [];
  for (const match of text.matchAll(DIGIT_RUN)) {
    const groups = groupsOf(match[0], match.index);
    let i = 0;
    while (i < groups.length) {
      let best: [number, number, string] | undefined;
      let digits = "";
      for (let j = i; j < groups.length && digits.length < 19; j += 1) {
        digits += groups[j]!.digits;
        if (digits.length < 13 || digits.length > 19) continue;
        const start = groups[i]!.start;
        // "+" then at most 15 digits is an international phone number (E.164), not a card.
        if (text[start - 1] === "+" && digits.length <= 15) continue;
        if (isCardNumber(digits)) best = [start, groups[j]!.end, digits];
      }
      if (best) {
        spans.push(best);
        while (i < groups.length && groups[i]!.start < best[1]) i += 1;
      } else {
        i += 1;
      }
    }
  }
  return spans;
}

/** Card numbers as `card` identifiers: value `card:****1234`, raw masked, the number itself never returned. */
export function extractCards(text: string): Identifier[] {
  return cardSpans(text).map(([start, end, digits]) => ({
    type: "card",
    value: `card:****${digits.slice(-4)}`,
    raw: maskCard(text.slice(start, end)),
    start,
    end,
    obfuscated: false,
  }));
}

/** The text with every card number masked to its last four digits (same length): store only this. */
export function redactCards(text: string): string {
  const spans = cardSpans(text);
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + maskCard(text.slice(start, end));
    at = end;
  }
  return out + text.slice(at);
}

/**
 * Masks given spans of a text, for card numbers found elsewhere (e.g. in the normalised text of an
 * obfuscated card, mapped back to raw spans): digits-only spans keep their last four digits, any other span
 * (spelled-out or look-alike digits) is masked whole except its spaces and dashes. Length is preserved.
 */
export function redactSpans(
  text: string,
  spans: readonly { readonly start: number; readonly end: number }[],
): string {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const { start, end } of ordered) {
    const from = Math.max(start, at);
    if (end <= from) continue;
    const raw = text.slice(from, end);
    out += text.slice(at, from) + (/^[\d -]+$/.test(raw) ? maskCard(raw) : raw.replace(/[^\s-]/g, "•"));
    at = end;
  }
  return out + text.slice(at);
}
