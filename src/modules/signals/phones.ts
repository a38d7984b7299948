/**
 * Phone numbers: candidate digit runs in the normalised text (separators and spacing tricks compacted),
 * parsed and validated with libphonenumber-js and its full ("max") metadata, which checks number ranges
 * and not just lengths: dates, order numbers and postcodes of the right length are rejected by the
 * range check that "min" skips. Numbers in the ranges regulators reserve for fiction count as valid.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { platformBefore } from "./platforms.ts";
import { isObfuscated, type NormalisedText, span } from "./text-map.ts";
import type { ExtractOptions, Identifier } from "./types.ts";

interface Group {
  readonly start: number; // normalised text, first digit
  readonly end: number; // after the last digit
  readonly digits: string;
  /** Separator text before this group (empty for the first group of a run). */
  readonly gap: string;
  tainted: boolean;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const SEPARATOR = /^[ \t\-./()_·•*~]{1,3}$/;
const SENTENCE_END = /^\.\s+$/;
// Emoji between digit groups ("212💋555💋0199") are a trick, but they separate like a space.
const SEPARATOR_EMOJI = /^(?:[ \t\-./()_·•*~]|\p{Extended_Pictographic}|\u200d|\ufe0f){1,4}$/u;
// Between spelled-out digits a comma is a pause ("five five five, oh one..."), not the end of the number.
const SEPARATOR_SPELLED = /^[ \t\-./()_·•*~,]{1,3}$/;
const LETTER_AFTER = /^[A-Za-z\u00c0-\u00ff]/;
const LETTER_BEFORE = /[A-Za-z\u00c0-\u00ff]$/;
const CURRENCY_BEFORE = /(?:[$€£¥₹₽]|\b(?:usd|eur|gbp|mxn)) ?$/i;
const CURRENCY_AFTER =
  /^ ?(?:[$€£¥₹₽%+]|(?:k|usd|eur|euros?|dollars?|pesos?|roses?|gbp|mxn|hrs?|hours?|min|mins|yo|yrs?|years?|años|ans|cm|kg|lbs?)\b)/i;
const LABEL_BEFORE =
  /(?:#|\b(?:order|ref|reference|invoice|tracking|id|pedido|commande|zip|cp|postcode|postal|dni|passport|iban|account|acct|card|tarjeta|carte|cuenta|compte|bic|swift|btc|eth)\b)\s*[:.]?\s*\(?$/i;
// A group that itself starts like an IBAN ("GB82") begins the next code: one written right after another
// must not be swallowed into the first's mask, leaving its own tail unmasked.
const IBAN_LIKE = /\b[A-Z]{2}[0-9]{2} ?[A-Z0-9]{4}(?: ?(?![A-Z]{2}[0-9]{2}\b)[A-Z0-9]{1,4}){2,8}/g;
// "+" before the first group, also spaced out like the digits ("+ . 3 . 3 ...", "+ - 4 4").
const PLUS_BEFORE = /\+(?:[ (]|[ \t]?[-._*/·][ \t]?|[ \t]{2})?$/;
const TIME_NEIGHBOUR_BEFORE = /[0-9][:hH]$/;
const TIME_NEIGHBOUR_AFTER = /^[:hH][0-9]/;

/** Digit groups joined by separators, in order. */
function scanGroups(n: NormalisedText): Group[][] {
  const text = n.text;
  const runs: Group[][] = [];
  let run: Group[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    const prev = run[run.length - 1];
    const gap = prev ? text.slice(prev.end, start) : "";
    const spelled = prev !== undefined && n.obfuscated[prev.end - 1] === 1 && n.obfuscated[start] === 1;
    // ". " ends a sentence ("90-60-90. 1,500"); " . " between spaced digits is a trick and joins.
    const joined =
      !SENTENCE_END.test(gap) &&
      (SEPARATOR.test(gap) || (spelled && SEPARATOR_SPELLED.test(gap)) || SEPARATOR_EMOJI.test(gap));
    if (prev && !joined) {
      runs.push(run);
      run = [];
    }
    run.push({ start, end: i, digits: text.slice(start, i), gap: run.length > 0 ? gap : "", tainted: false });
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const dayOrMonth = (g: Group) => g.digits.length <= 2 && Number(g.digits) >= 1 && Number(g.digits) <= 31;

/** Marks groups that are dates, times, prices, "24/7", glued to words, or inside an IBAN-like code. */
function taint(text: string, run: Group[], masks: readonly [number, number][]): void {
  const signed = PLUS_BEFORE.test(text.slice(Math.max(0, run[0]!.start - 4), run[0]!.start));
  for (let k = 0; k < run.length; k++) {
    const g = run[k]!;
    const before = text.slice(Math.max(0, g.start - 12), g.start);
    const after = text.slice(g.end, g.end + 10);
    if (
      LETTER_AFTER.test(after) ||
      (LETTER_BEFORE.test(before) && k === 0) ||
      CURRENCY_BEFORE.test(before) ||
      CURRENCY_AFTER.test(after) ||
      TIME_NEIGHBOUR_BEFORE.test(before) ||
      /^['"′″]/.test(after) ||
      /[0-9]['′]$/.test(before) ||
      TIME_NEIGHBOUR_AFTER.test(after) ||
      masks.some(([s, e]) => g.start < e && g.end > s)
    )
      g.tainted = true;
    const next = run[k + 1];
    // A year beside spaced punctuation ("since 2019 - 123 Main St", "2019 / 2024") is a year, but not
    // the last group of a number written with its "+" ("+52 998 123 2029").
    if (
      !signed &&
      /^(?:19[5-9]\d|20[0-3]\d)$/.test(g.digits) &&
      (/ /.test(g.gap) || (next !== undefined && / /.test(next.gap)))
    )
      g.tainted = true;
    // 24/7, 7/7, 24/24: availability, not digits (unless the "/" is the spacing of a longer number,
    // "... 1 / 7 / 7").
    if (
      next &&
      next.gap.trim() === "/" &&
      g.gap !== next.gap &&
      /^(?:24|7)$/.test(g.digits) &&
      /^(?:24|7)$/.test(next.digits)
    ) {
      g.tainted = true;
      next.tainted = true;
    }
    // A card number written in groups (4-4-4-4, 4-6-5...) passing Luhn is a card, not a phone.
    let digits = "";
    for (let j = k; j < run.length && digits.length < 19 && g.digits.length === 4; j++) {
      if (j > k + 1 && run[j]!.gap !== run[k + 1]!.gap) break;
      digits += run[j]!.digits;
      if (digits.length >= 13 && luhn(digits)) {
        for (let x = k; x <= j; x++) run[x]!.tainted = true;
        break;
      }
    }
    // A date is three groups joined by one separator and not continued by it (06.12.34.56.78 is a phone).
    const third = run[k + 2];
    if (next && third && next.gap === third.gap && /^[./-]$/.test(next.gap)) {
      const sep = next.gap;
      const continued = g.gap === sep || run[k + 3]?.gap === sep;
      const dmy =
        dayOrMonth(g) && dayOrMonth(next) && (third.digits.length === 2 || third.digits.length === 4);
      const ymd = g.digits.length === 4 && dayOrMonth(next) && dayOrMonth(third);
      // Three pairs joined by "-" are body measurements or a date, never a whole phone number.
      const pairs = sep === "-" && [g, next, third].every((x) => x.digits.length === 2);
      if (!continued && (dmy || ymd || pairs)) {
        g.tainted = true;
        next.tainted = true;
        third.tainted = true;
      }
    }
  }
}

// Ranges set aside for drama and examples (Ofcom UK, ARCEP France, NANP 555-01xx, ACMA Australia).
const FICTIONAL =
  /^\+(?:447700900\d{3}|44(?:11[3-8]|121|131|141|151|161)4960\d{3}|4420794600\d{2}|4420794\d{4}|441914980\d{3}|442896496\d{3}|442920180\d{3}|441632960\d{3}|33(?:19900|26191|35301|46571|53649|63998)\d{4}|1[2-9]\d{2}55501\d{2}|61491570\d{3}|612(?:5550|7010)\d{4})$/;

/** A valid number and where its usual written form breaks it, counted in digits from the end. */
export interface ValidPhone {
  readonly e164: string;
  readonly national: number; // digits in the national significant number
  readonly breaks: readonly number[];
}

const cache = new Map<string, ValidPhone | null>();

/** Group breaks of the national format ("07700 900123" → [6]), as digit counts from the end. */
function breaksOf(formatted: string): number[] {
  const digits = formatted.replace(/[^0-9]/g, "").length;
  const breaks: number[] = [];
  let seen = 0;
  for (let k = 0; k < formatted.length; k++) {
    const c = formatted.charCodeAt(k);
    if (c >= 48 && c <= 57) seen++;
    else if (seen > 0 && seen < digits && isDigit(formatted.charCodeAt(k - 1))) breaks.push(digits - seen);
  }
  return breaks;
}

/** The number when `candidate` is a valid (or fictional) number, with a bounded memo. */
export function validPhone(
  candidate: string,
  requested: string | undefined,
  bareInternational = true,
): ValidPhone | undefined {
  const region = requested && /^[A-Za-z]{2}$/.test(requested) ? requested.toUpperCase() : undefined;
  const key = `${region ?? ""}|${bareInternational ? 1 : 0}|${candidate}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let result: ValidPhone | undefined;
  const tries = [candidate];
  if (!candidate.startsWith("+")) {
    if (candidate.startsWith("00")) tries.push(`+${candidate.slice(2)}`);
    else if (candidate.startsWith("011")) tries.push(`+${candidate.slice(3)}`);
    else if (bareInternational && candidate.length >= 11 && candidate.length <= 13)
      tries.push(`+${candidate}`);
  }
  for (const t of tries) {
    if (!t.startsWith("+") && region === undefined) continue;
    try {
      const p = parsePhoneNumberFromString(t, region ? { defaultCountry: region as never } : undefined);
      // Digits before the national number must be a trunk prefix ("0", "1") or the country code, not
      // another number's tail ("11 ☎ 212 555 0142" is 212 555 0142 after "9-11").
      const extra = t.length - (t.startsWith("+") ? 1 : 0) - (p?.nationalNumber.length ?? 0);
      const cc = p?.countryCallingCode.length ?? 0;
      const allowed = t.startsWith("+") ? cc + (t[1 + cc] === "0" ? 1 : 0) : 1; // "+44 (0) 7700 ..."
      if (p && extra <= allowed && (p.isValid() || FICTIONAL.test(p.number))) {
        result = { e164: p.number, national: p.nationalNumber.length, breaks: breaksOf(p.formatNational()) };
        break;
      }
    } catch {
      // libphonenumber-js reports some malformed input by throwing; a string that breaks it is not a phone.
    }
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(key, result ?? null);
  return result;
}

/** The E.164 form when `candidate` is a valid (or fictional) number. */
export function validatePhone(
  candidate: string,
  region: string | undefined,
  bareInternational = true,
): string | undefined {
  return validPhone(candidate, region, bareInternational)?.e164;
}

/**
 * Whether the text groups its digits the way numbers are written: where the national format breaks
 * ("212 555 0199"), in even groups of 2–4 ("612 345 678"), or digit by digit (a spacing trick). Unrelated
 * numbers side by side ("75011 28013", "Suite 400 28013 1") break elsewhere. After Google's matcher's
 * STRICT_GROUPING leniency, relaxed for the usual alternative groupings.
 */
function groupedLikeAPhone(groups: readonly Group[], phone: ValidPhone): boolean {
  if (groups.length === 1) return true;
  const total = groups.reduce((s, g) => s + g.digits.length, 0);
  const inNumber: number[] = [];
  let seen = 0;
  for (const g of groups.slice(0, -1)) {
    seen += g.digits.length;
    const fromEnd = total - seen;
    if (fromEnd < phone.national) inNumber.push(fromEnd);
  }
  if (inNumber.every((b) => phone.breaks.includes(b))) return true;
  // One punctuation mark between every group ("0-63-99-81-20-7") is one number however it is cut.
  const gaps = new Set(groups.slice(1).map((g) => g.gap));
  if (gaps.size === 1 && /^[-.]$/.test(groups[1]!.gap)) return true;
  // Groups inside the national number: even 2–4 digit groups, or (a trick) mostly single digits.
  const sizes: number[] = [];
  let end = total;
  for (let k = groups.length - 1; k >= 0 && end > total - phone.national; k--) {
    sizes.push(Math.min(groups[k]!.digits.length, end - (total - phone.national)));
    end -= groups[k]!.digits.length;
  }
  const singles = sizes.filter((s) => s === 1).length;
  const inner = sizes.slice(1, -1);
  const even = inner.every((s) => s >= 2 && s <= 4) && sizes.every((s) => s <= 4);
  return even || (singles * 2 >= sizes.length && sizes.every((s) => s <= 4));
}

const MAX_PARSES = 24;
const PLAIN_GAP = /^(?:[ \-./]|\s?\(|\)\s?|\s?-\s?)$/;

function emit(n: NormalisedText, groups: readonly Group[], value: string, plus: boolean): Identifier {
  const first = groups[0]!;
  const last = groups[groups.length - 1]!;
  let s = first.start;
  if (plus) s = n.text.lastIndexOf("+", s);
  if (n.text[s - 1] === "(") s--;
  const single = groups.filter((g) => g.digits.length === 1).length;
  const trick =
    groups.slice(1).some((g) => !PLAIN_GAP.test(g.gap)) || (groups.length >= 5 && single * 2 > groups.length);
  const platform = platformBefore(n.text, s);
  return {
    type: "phone",
    value,
    ...span(n, s, last.end),
    obfuscated: trick || isObfuscated(n, s, last.end),
    ...(platform ? { platform } : {}),
  };
}

/** Phone numbers in E.164; `options.region` is the default country for national numbers. */
export function extractPhones(n: NormalisedText, options: ExtractOptions): Identifier[] {
  const text = n.text;
  const found: Identifier[] = [];
  const masks: [number, number][] = [];
  IBAN_LIKE.lastIndex = 0;
  for (let m = IBAN_LIKE.exec(text); m !== null; m = IBAN_LIKE.exec(text))
    masks.push([m.index, m.index + m[0].length]);
  let parses = 0;
  for (const run of scanGroups(n)) {
    const total = run.reduce((sum, g) => sum + g.digits.length, 0);
    if (total < 7) continue;
    if (LABEL_BEFORE.test(text.slice(Math.max(0, run[0]!.start - 14), run[0]!.start))) continue;
    const all = run.map((g) => g.digits).join("");
    // A card number written in one piece or with one kind of separator; two numbers side by side
    // ("698 765 541 📞 634-567-324") may pass Luhn by chance.
    const oneSeparator = run.every((g, k) => k < 2 || g.gap === run[1]!.gap);
    if (
      total >= 13 &&
      total <= 19 &&
      oneSeparator &&
      luhn(all) &&
      !/\+\s?\(?$/.test(text.slice(0, run[0]!.start))
    )
      continue;
    taint(text, run, masks);
    // Split at tainted groups, then take the longest valid number from each position.
    let part: Group[] = [];
    const parts: Group[][] = [];
    for (const g of run) {
      if (g.tainted) {
        if (part.length > 0) parts.push(part);
        part = [];
      } else part.push(g);
    }
    if (part.length > 0) parts.push(part);
    for (const groups of parts) {
      let i = 0;
      while (i < groups.length && parses < MAX_PARSES) {
        const plus = PLUS_BEFORE.test(text.slice(Math.max(0, groups[i]!.start - 4), groups[i]!.start));
        let matched = false;
        // The furthest group that keeps the candidate within 17 digits, then shorter ones.
        let last = i;
        let length = groups[i]!.digits.length;
        while (last + 1 < groups.length && length + groups[last + 1]!.digits.length <= 17)
          length += groups[++last]!.digits.length;
        for (let j = last; j >= i && parses < MAX_PARSES; j--) {
          const slice = groups.slice(i, j + 1);
          const digits = slice.map((g) => g.digits).join("");
          if (digits.length < 7 || digits.length > 17) continue;
          parses++;
          // A country code without "+" ("34612345678") only in a few real groups, not in "1 2 3 4 5 ...".
          const bare = slice.length <= 4 && slice.every((g) => g.digits.length > 1);
          const phone = validPhone(plus ? `+${digits}` : digits, options.region, bare);
          const hidden = isObfuscated(n, slice[0]!.start, slice[slice.length - 1]!.end);
          if (phone && (hidden || groupedLikeAPhone(slice, phone))) {
            found.push(emit(n, slice, phone.e164, plus));
            i = j + 1;
            matched = true;
            break;
          }
        }
        if (!matched) i++;
      }
    }
  }
  return found;
}
