/**
 * Text normalisation with an offset map back to the raw text. Extractors work on `text` and report spans of
 * `raw` through `span()`, so every identifier can be highlighted where the author wrote it.
 *
 * Two passes: a character pass (NFKC, other scripts' digits, keycaps, circled digits, invisible characters)
 * and a word pass (spelled-out numbers, look-alike letters inside digit runs; see number-words.ts).
 */
import { convertNumberWords } from "./number-words.ts";
import { type NormalisedText, TextBuilder } from "./text-map.ts";

export { isObfuscated, type NormalisedText, type RawSpan, span } from "./text-map.ts";

// The zero of each decimal-digit block outside ASCII that ads use (Unicode encodes 0–9 contiguously).
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6,
  0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0xa8d0, 0xa900, 0xff10,
];

function otherScriptDigit(cp: number): string | undefined {
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  return undefined;
}

/** Digits hidden in enclosed and dingbat forms that NFKC leaves alone or wraps in punctuation. */
function enclosedDigit(cp: number): string | undefined {
  if (cp >= 0x2460 && cp <= 0x2473) return String(cp - 0x2460 + 1); // ① ... ⑳
  if (cp >= 0x2474 && cp <= 0x2487) return String(cp - 0x2474 + 1); // ⑴ ... ⒇
  if (cp >= 0x2488 && cp <= 0x249b) return String(cp - 0x2488 + 1); // ⒈ ... ⒛
  if (cp === 0x24ea || cp === 0x24ff || cp === 0x1f10b || cp === 0x1f10c) return "0"; // ⓪ ⓿ 🄋 🄌
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11); // ⓫ ... ⓴
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f5 + 1); // ⓵ ... ⓾
  if (cp >= 0x2776 && cp <= 0x277f) return String(cp - 0x2776 + 1); // ❶ ... ❿
  if (cp >= 0x2780 && cp <= 0x2789) return String(cp - 0x2780 + 1); // ➀ ... ➉
  if (cp >= 0x278a && cp <= 0x2793) return String(cp - 0x278a + 1); // ➊ ... ➓
  if (cp >= 0x1f100 && cp <= 0x1f10a) return String(Math.max(0, cp - 0x1f101)); // 🄀 🄁 ... 🄊
  return undefined;
}

// Zero-width and soft characters used to break up numbers and addresses; dropped.
function invisible(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0x34f ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff
  );
}
const COMBINING = /\p{M}/u;
const ASCII_ONLY = /^[\x20-\x7e\t\n\r]*$/;
// Latin letters, punctuation and symbols that NFKC leaves as they are: most European ads skip the pass.
const LATIN_STABLE =
  /^[\t\n\r\x20-\x7e\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2013\u2014\u2018-\u201e\u20ac]*$/;
// Characters the character pass rewrites even where NFKC would not.
const SPECIAL =
  /[\u0370-\u052f\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff\u2460-\u24ff\u2776-\u2793\u{1f100}-\u{1f10c}]|\p{Variation_Selector}|\u034f|\u20e3|(?![0-9])\p{Nd}/u;
const KEYCAP = 0x20e3;
const VS16 = 0xfe0f;
const VISIBLE_ASCII = /[0-9A-Za-z@.]/;

// Cyrillic and Greek letters drawn like Latin ones, swapped in to dodge filters ("gmаil" with a Cyrillic а).
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: "a",
  в: "B",
  е: "e",
  к: "k",
  м: "M",
  н: "H",
  о: "o",
  р: "p",
  с: "c",
  т: "T",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  А: "A",
  В: "B",
  Е: "E",
  К: "K",
  М: "M",
  Н: "H",
  О: "O",
  Р: "P",
  С: "C",
  Т: "T",
  Х: "X",
  У: "Y",
  Ѕ: "S",
  І: "I",
  Ј: "J",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  ι: "i",
  κ: "k",
  Α: "A",
  Β: "B",
  Ε: "E",
  Ζ: "Z",
  Η: "H",
  Ι: "I",
  Κ: "K",
  Μ: "M",
  Ν: "N",
  Ο: "O",
  Ρ: "P",
  Τ: "T",
  Υ: "Y",
  Χ: "X",
};
const WORD_CHAR = /[\p{L}\p{N}@._-]/u;
const LATIN_ALNUM = /[A-Za-z0-9]/;

/** True when the word around raw[i] also holds Latin letters or digits: a Cyrillic word stays Cyrillic. */
function inLatinWord(raw: string, i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k <= 64 && WORD_CHAR.test(raw[k]!); k--)
    if (LATIN_ALNUM.test(raw[k]!)) return true;
  for (let k = i + 1; k < raw.length && k - i <= 64 && WORD_CHAR.test(raw[k]!); k++)
    if (LATIN_ALNUM.test(raw[k]!)) return true;
  return false;
}

// One character that NFKC and this pass leave as it is (LATIN_STABLE's class).
const STABLE_CHAR =
  /[\t\n\r\x20-\x7e\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0\u00b1\u00b6\u00b7\u00bb\u00bf-\u0131\u0134-\u013e\u0141-\u0148\u014a-\u017e\u2013\u2014\u2018-\u201e\u20ac]/;
const isStableCode = (c: number) =>
  c < 0x80
    ? (c >= 0x20 && c <= 0x7e) || c === 9 || c === 10 || c === 13
    : c !== 0xad && STABLE_CHAR.test(String.fromCharCode(c)); // a soft hyphen is dropped
function characterPass(raw: string): NormalisedText {
  const out = new TextBuilder(raw.length + 16);
  let i = 0;
  while (i < raw.length) {
    // Most of a text is plain: copy runs of characters nothing rewrites in one go. A digit or letter
    // followed by a keycap, a combining mark or an invisible character ends the run.
    let stable = i;
    while (stable < raw.length && isStableCode(raw.charCodeAt(stable))) stable++;
    if (stable < raw.length && raw.charCodeAt(stable) >= 0x300) stable--; // it may compose with what follows
    if (stable > i) {
      out.copy(raw, i, stable);
      i = stable;
      continue;
    }
    const cp = raw.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp < 0x80) {
      // Keycap: digit, optional VS16, combining enclosing keycap.
      let j = i + 1;
      if (raw.charCodeAt(j) === VS16) j++;
      if (raw.charCodeAt(j) === KEYCAP && cp >= 0x30 && cp <= 0x39) {
        out.push(raw[i]!, i, j + 1, true);
        i = j + 1;
        continue;
      }
      // An ASCII letter followed by a combining mark composes with it below ("e" + U+0301 = "é").
      if (!(raw.charCodeAt(i + 1) >= 0x300 && COMBINING.test(raw[i + 1]!))) {
        out.push(raw[i]!, i, i + 1, false);
        i++;
        continue;
      }
    }
    if (invisible(cp) || cp === KEYCAP) {
      out.flagLast();
      i += width;
      continue;
    }
    const latin = CONFUSABLE[raw[i]!];
    if (latin !== undefined && inLatinWord(raw, i)) {
      out.push(latin, i, i + 1, true);
      i++;
      continue;
    }
    const digit = otherScriptDigit(cp) ?? enclosedDigit(cp);
    if (digit !== undefined) {
      out.push(digit, i, i + width, true);
      i += width;
      continue;
    }
    // A base character with its combining marks normalises as one cluster (composition needs both).
    let j = i + width;
    while (j < raw.length && COMBINING.test(raw[j]!) && raw.charCodeAt(j) !== KEYCAP) j++;
    const cluster = raw.slice(i, j);
    const normal = cluster.normalize("NFKC");
    out.push(normal, i, j, normal !== cluster && VISIBLE_ASCII.test(normal));
    i = j;
  }
  return narrow(out.build(raw));
}

const WIDE = /[\u0100-\uffff]/;
/**
 * Runs copied from a text with emoji or other scripts keep its two-byte strings; when nothing wide is left
 * (fullwidth or circled digits turned into ASCII), rebuild the text from its codes so V8 stores it one
 * byte a character: the rule and price regexes that read it run ~15% faster on such strings.
 */
function narrow(n: NormalisedText): NormalisedText {
  if (WIDE.test(n.text)) return n;
  let text = "";
  const codes: number[] = [];
  for (let i = 0; i < n.text.length; i += 4096) {
    codes.length = 0;
    for (let k = i; k < Math.min(n.text.length, i + 4096); k++) codes.push(n.text.charCodeAt(k));
    text += String.fromCharCode(...codes);
  }
  return { ...n, text };
}

// Shared, never written: the map of an unchanged text is a view of 0, 1, 2, ... (no allocation per text).
let COUNTING = new Int32Array(0);
let ZEROS = new Uint8Array(0);

function identity(raw: string): NormalisedText {
  const n = raw.length;
  if (COUNTING.length < n + 1) {
    COUNTING = new Int32Array(Math.max(n + 1, COUNTING.length * 2, 4096));
    for (let i = 0; i < COUNTING.length; i++) COUNTING[i] = i;
    ZEROS = new Uint8Array(COUNTING.length);
  }
  return {
    raw,
    text: raw,
    map: COUNTING.subarray(0, n),
    mapEnd: COUNTING.subarray(1, n + 1),
    obfuscated: ZEROS.subarray(0, n),
  };
}

/** Composes a pass over `inner.text` (whose maps index `inner.text`) with `inner` (whose maps index raw). */
function compose(inner: NormalisedText, outer: NormalisedText): NormalisedText {
  const n = outer.text.length;
  const map = new Int32Array(n);
  const mapEnd = new Int32Array(n);
  const obfuscated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = outer.map[i]!;
    const e = outer.mapEnd[i]!;
    map[i] = inner.map[s]!;
    mapEnd[i] = inner.mapEnd[e - 1]!;
    let flag = outer.obfuscated[i]!;
    for (let k = s; k < e && flag === 0; k++) flag = inner.obfuscated[k]!;
    obfuscated[i] = flag;
  }
  return { raw: inner.raw, text: outer.text, map, mapEnd, obfuscated };
}

/** Normalises `raw` for the extractors; never throws. */
export function normalise(raw: string): NormalisedText {
  const plain =
    ASCII_ONLY.test(raw) || LATIN_STABLE.test(raw) || (!SPECIAL.test(raw) && raw.normalize("NFKC") === raw);
  const first = plain ? identity(raw) : characterPass(raw);
  const words = convertNumberWords(first.text);
  if (words === undefined) return first;
  return plain ? { ...words, raw } : compose(first, words);
}
