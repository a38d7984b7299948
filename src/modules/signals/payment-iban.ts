import { spanIdentifier } from "./raw-span.ts";
import type { Identifier } from "./types.ts";

/**
 * IBAN length per country, from the SWIFT IBAN Registry (release 99, 2025) and its partial list of
 * countries whose IBANs are in use. A country missing here yields no IBAN: unknown lengths would turn
 * every long reference number into a guess.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

// A candidate: country, check digits, then up to 32 more characters, each optionally after one space
// or dash. Every repetition consumes exactly one character, so the pattern cannot backtrack badly.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]){11,32}/giu;

/** ISO 13616 check: move the first four characters to the end, read letters as 10–35, mod 97 must be 1. */
export function ibanChecksumValid(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return false;
    }
  }
  return remainder === 1;
}

/** IBANs written compact or grouped with spaces or dashes; value is compact upper-case. */
export function extractIbans(text: string): Identifier[] {
  const found: Identifier[] = [];
  const candidates = new RegExp(IBAN_CANDIDATE);
  for (let match = candidates.exec(text); match !== null; match = candidates.exec(text)) {
    const start = match.index;
    // The greedy candidate may run into the next words: look again just after this start unless we keep it.
    candidates.lastIndex = start + 1;
    const candidate = match[0];
    const length = IBAN_LENGTHS[candidate.slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    // Walk the candidate until the country's length is reached; the rest (a following word) is not ours.
    let compact = "";
    let cut = 0;
    while (cut < candidate.length && compact.length < length) {
      const char = candidate[cut]!;
      if (char !== " " && char !== "-") compact += char.toUpperCase();
      cut += 1;
    }
    if (compact.length !== length) continue;
    const end = start + cut;
    if (/[\p{L}\p{N}]/u.test(text[end] ?? "")) continue;
    if (!ibanChecksumValid(compact)) continue;
    found.push(spanIdentifier("iban", compact, text, start, end));
    candidates.lastIndex = end;
  }
  return found;
}
