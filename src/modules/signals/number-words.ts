/**
 * The word pass of normalisation: spelled-out digits (English, Spanish, French, misspelt or mixed with
 * digits: "five5five", "f0ur", "cinco", "quatre") and look-alike letters (O→0, I/l→1, S→5, B→8) become
 * digits, but only inside a run of number-like tokens long enough to be a number someone is hiding.
 * A lone "one" or "for" in a sentence, or "BOSTON", stays as written.
 */

import {
  CANDIDATES,
  EXACT,
  FUZZY,
  FUZZY_FILTER,
  HOMOGLYPH,
  mayBeNumber,
  shortHash,
  WORDS,
  wordAt,
} from "./number-vocabulary.ts";
import { type NormalisedText, TextBuilder } from "./text-map.ts";

interface Piece {
  readonly digit: string;
  readonly from: number; // token-local
  readonly to: number;
  readonly word: boolean;
  readonly weak: boolean;
}

/** Splits a lower-cased token into digits and number words, or undefined when it is not wholly that. */
function parsePieces(t: string, digits: boolean): Piece[] | undefined {
  const n = t.length;
  // best[i]: fewest pieces covering t[i..]; choice[i]: the piece starting at i on that path.
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const choice = new Array<Piece | undefined>(n + 1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    const c = t[i]!;
    for (const w of CANDIDATES.get(c) ?? []) {
      // Homophones glued to number words are prose ("todos" is not "to dos"); beside digits they count,
      // and French "un" is a number glued or not ("undeux").
      if (w.weak && !digits && w.digit !== "1") continue;
      const len = w.word.length;
      if (i + len > n || best[i + len]! + 1 >= best[i]!) continue;
      // A word needs at least one real letter, else "0" alone would read as "o".
      if (wordAt(t, i, w.word, w.weak)) {
        best[i] = best[i + len]! + 1;
        choice[i] = { digit: w.digit, from: i, to: i + len, word: true, weak: w.weak };
      }
    }
    if (c >= "0" && c <= "9" && best[i + 1]! + 1 < best[i]!) {
      best[i] = best[i + 1]! + 1;
      choice[i] = { digit: c, from: i, to: i + 1, word: false, weak: false };
    }
  }
  if (!Number.isFinite(best[0]!)) return undefined;
  const pieces: Piece[] = [];
  for (let i = 0; i < n; ) {
    const p = choice[i]!;
    pieces.push(p);
    i = p.to;
  }
  return pieces;
}

type Kind = "digits" | "spelled" | "weak" | "homoglyph" | "repeat" | "plus";
interface Token {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  pieces: readonly Piece[];
  readonly count: number; // digits this token would contribute
  /** For "double"/"triple": the digit repeated, set when the run is decided. */
  repeated: string | undefined;
  /** A misspelt number word (see FUZZY). */
  readonly fuzzy: boolean;
  /** For "plus": where the number it signs starts (the gap between them is read as part of the "+"). */
  signs: number | undefined;
}

/** Every token has the same shape (V8 keeps the code that reads them monomorphic). */
function token(
  digits: string,
  start: number,
  end: number,
  kind: Kind,
  pieces: readonly Piece[],
  count: number,
  fuzzy = false,
): Token {
  return { digits, start, end, kind, pieces, count, fuzzy, repeated: undefined, signs: undefined };
}

// The word for "+" before a spelled international number ("plus three three ...", "más tres cuatro ...").
const PLUS_WORDS = new Set(["plus", "más", "mas"]);

// "double five" is 55, "triple seven" 777 (English, Spanish and French say it the same way).
const REPEAT = new Map<string, number>([
  ["double", 2],
  ["triple", 3],
  ["doble", 2],
  ["dbl", 2],
]);

const HOMOGLYPH_TOKEN = /^[0-9OoIlSB]+$/;
const LOOKALIKE_ONLY = /^[OoIlSB]+$/;
const EDGE_LOOKALIKE = /^[OoIl]+$/; // "SOS", "BB" at the edge of a number stay words
const LONGEST_WORD = Math.max(...WORDS.map((x) => x.word.length));

/** The token text[start, end) (`lower` is it in lower case; `shape` says what it holds), or undefined for a word. */
function classify(
  text: string,
  start: number,
  end: number,
  lower: string,
  shape: { digits: boolean; letters: boolean },
): Token | undefined {
  const length = end - start;
  if (!shape.letters) {
    return token(text.slice(start, end), start, end, "digits", [], length);
  }
  if (!shape.digits && length <= LONGEST_WORD) {
    const exact = EXACT.get(lower);
    const times = REPEAT.get(lower);
    if (times !== undefined) return token("", start, end, "repeat", [], times - 1);
    if (exact) {
      const piece = { digit: exact.digit, from: 0, to: length, word: true, weak: exact.weak };
      return token("", start, end, exact.weak ? "weak" : "spelled", [piece], 1);
    }
    if (PLUS_WORDS.has(lower)) return token("", start, end, "plus", [], 0);
    const fuzzy = FUZZY_FILTER[shortHash(lower)] === 1 ? FUZZY.get(lower) : undefined;
    if (fuzzy !== undefined) {
      const piece = { digit: fuzzy, from: 0, to: length, word: true, weak: true };
      return token("", start, end, "weak", [piece], 1, true);
    }
    if (length <= 3)
      return LOOKALIKE_ONLY.test(text.slice(start, end)) ? lookalike(text, start, end) : undefined;
  }
  if (length <= 40 && mayBeNumber(lower)) {
    const pieces = parsePieces(lower, shape.digits);
    if (pieces?.some((p) => p.word)) {
      const weak = pieces.every((p) => p.weak);
      return token("", start, end, weak ? "weak" : "spelled", pieces, pieces.length);
    }
  }
  if (shape.digits && HOMOGLYPH_TOKEN.test(text.slice(start, end))) return lookalike(text, start, end);
  return undefined;
}

/** A token of digits and look-alike letters ("5O5", or a lone "l" between digits). */
function lookalike(text: string, start: number, end: number): Token {
  const t = text.slice(start, end);
  const pieces = [...t].map((c, k) => ({
    digit: HOMOGLYPH[c] ?? c,
    from: k,
    to: k + 1,
    word: c in HOMOGLYPH,
    weak: false,
  }));
  return token("", start, end, "homoglyph", pieces, end - start);
}

const isTokenCode = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);
// Separators allowed between the tokens of one run: up to three of " \t-./()_·•*~," or an emoji.
const GAP_CODES = new Set([..." \t-./()_·•*~,"].map((c) => c.charCodeAt(0)));
const isEmojiCode = (c: number) =>
  (c >= 0xd800 && c <= 0xdfff) || (c >= 0x2190 && c <= 0x2bff) || c === 0x200d || c === 0xfe0f;
function isGap(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 4) return false;
  let emoji = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isEmojiCode(c)) emoji++;
    else if (!GAP_CODES.has(c)) return false;
  }
  return emoji > 0 || to - from <= 3;
}
const MIN_RUN_DIGITS = 4;
const MIN_RUN_DIGITS_HOMOGLYPH = 6;

// Words only French or only Spanish writes, to tell "un0" (French "un" then 0) from "un0" (Spanish "uno").
const FRENCH = new Set(["zéro", "un", "une", "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf"]);
const SPANISH = new Set(["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"]);

/** In a French run, a word ending in a zero for "o" whose stem is a French number is that number then 0. */
function splitFrenchZeros(text: string, run: readonly Token[]): void {
  let french = 0;
  let spanish = 0;
  for (const t of run)
    for (const p of t.pieces) {
      if (!p.word || p.to - p.from < 2) continue;
      const word = text.slice(t.start + p.from, t.start + p.to).toLowerCase();
      if (FRENCH.has(word)) french++;
      else if (SPANISH.has(word)) spanish++;
    }
  if (french === 0 || spanish > 0) return;
  for (const t of run) {
    if (!t.pieces.some((p) => p.word && text[t.start + p.to - 1] === "0")) continue;
    t.pieces = t.pieces.flatMap((p) => {
      const stem = text.slice(t.start + p.from, t.start + p.to - 1).toLowerCase();
      const word = EXACT.get(stem);
      if (!p.word || text[t.start + p.to - 1] !== "0" || word === undefined || !FRENCH.has(stem)) return [p];
      return [
        { ...p, digit: word.digit, to: p.to - 1 },
        { digit: "0", from: p.to - 1, to: p.to, word: false, weak: false },
      ];
    });
  }
}

/** Which tokens of one run become digits. */
function decide(text: string, run: readonly Token[], convert: Set<Token>): void {
  const total = run.reduce((sum, t) => sum + t.count, 0);
  if (total < MIN_RUN_DIGITS) return;
  if (run.some((t) => t.kind === "spelled")) splitFrenchZeros(text, run);
  run.forEach((t, k) => {
    const next = run[k + 1];
    if (t.kind === "plus") {
      // "plus" signs a number of phone length that follows it, spelled or not.
      if (total >= 7 && next !== undefined && next.kind !== "plus" && next.kind !== "repeat") {
        t.signs = next.start;
        convert.add(t);
      }
      return;
    }
    // "15 sept 2024" is a date: a month abbreviation before a year stays a word.
    const month = t.end - t.start === 4 && next?.kind === "digits" && /^(?:19|20)\d\d$/.test(next.digits);
    if (t.kind === "spelled" && !month) convert.add(t);
    else if (t.kind === "repeat") {
      const first = next?.kind === "digits" ? next.digits[0] : next?.pieces[0]?.digit;
      if (first !== undefined && next?.kind !== "weak" && next?.kind !== "repeat") {
        t.repeated = first.repeat(t.count);
        convert.add(t);
      }
    } else if (t.kind === "homoglyph" && total >= MIN_RUN_DIGITS_HOMOGLYPH) {
      // Letters alone ("l", "OO") count only between digits; inside a token with digits they always do.
      const alone = t.pieces.every((p) => p.word);
      const digitish = (x: Token | undefined) =>
        x !== undefined &&
        x.kind !== "repeat" &&
        (x.kind !== "weak" || x.pieces.every((p) => p.digit === "0"));
      // A "+" before counts as a digit ("+l 212 ..."); two or more letters may open or close a long run
      // of digits ("Ol.99.00.90.79").
      const signed = k === 0 && text[t.start - 1] === "+";
      const word = text.slice(t.start, t.end);
      const edge =
        t.end - t.start >= 2 &&
        total >= 8 &&
        EDGE_LOOKALIKE.test(word) &&
        /[OI]/.test(word) && // "lol" is a word, "Ol" is not
        (k === 0 ? digitish(next) : next === undefined && digitish(run[k - 1]));
      if (!alone || ((digitish(run[k - 1]) || signed) && digitish(next)) || edge) convert.add(t);
    } else if (t.kind === "weak") {
      // "oh oh" reads as 00: a chain of zeros is judged by what stands either side of the chain.
      // Up to three weak words side by side ("unn set") are judged together the same way.
      const zeroWeak = (x: Token | undefined) => x?.kind === "weak" && x.pieces.every((p) => p.digit === "0");
      let a = k - 1;
      let b = k + 1;
      if (zeroWeak(t)) {
        while (zeroWeak(run[a])) a--;
        while (zeroWeak(run[b])) b++;
      } else {
        while (run[a]?.kind === "weak" && b - a <= 3) a--;
        while (run[b]?.kind === "weak" && b - a <= 3) b++;
        if (run[a]?.kind === "weak" || run[b]?.kind === "weak") return; // a long chain of weak words is prose
      }
      const before = run[a];
      const after = run[b];
      const numeric = (x: Token | undefined) =>
        x !== undefined && (x.kind === "digits" || x.kind === "spelled" || x.kind === "homoglyph");
      const zero = t.pieces.every((p) => p.digit === "0");
      const spelledBeside = before?.kind === "spelled" || after?.kind === "spelled";
      const edge =
        (before === undefined && after?.kind === "spelled") ||
        (after === undefined && before?.kind === "spelled");
      // A misspelt word opens or closes a number only when no full stop parts them ("...75. Line").
      const stop =
        t.fuzzy === true &&
        /\./.test(before ? text.slice(before.end, t.start) : text.slice(t.end, after?.start));
      // A "+" written as a word opens a number like a digit ("más, tress, tres, ...").
      const opened = before?.kind === "plus" && k === a + 1;
      if (
        ((numeric(before) || opened) && numeric(after) && (spelledBeside || zero)) ||
        (edge && total >= 7 && !stop)
      )
        convert.add(t);
    }
  });
}

/** Rewrites number words and digit look-alikes in `text`; undefined when nothing changes. */
export function convertNumberWords(text: string): NormalisedText | undefined {
  const convert = new Set<Token>();
  let run: Token[] = [];
  let lastEnd = -1;
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length; // a few characters lower-case to two
  const shape = { digits: false, letters: false };
  let i = 0;
  while (i < text.length) {
    if (!isTokenCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    shape.digits = false;
    shape.letters = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!isTokenCode(c)) break;
      if (c >= 48 && c <= 57) shape.digits = true;
      else shape.letters = true;
    }
    const lower = sameLength ? lowerText.slice(start, i) : text.slice(start, i).toLowerCase();
    const token = classify(text, start, i, lower, shape);
    if (token === undefined || !(lastEnd >= 0 && isGap(text, lastEnd, start))) {
      if (run.length > 0) decide(text, run, convert);
      run = [];
    }
    if (token !== undefined) run.push(token);
    lastEnd = i;
  }
  decide(text, run, convert);
  if (convert.size === 0) return undefined;

  const out = new TextBuilder(text.length);
  const ordered = [...convert].sort((a, b) => a.start - b.start);
  let at = 0;
  const copy = (from: number, to: number) => out.copy(text, from, to);
  for (const t of ordered) {
    copy(at, t.start);
    if (t.repeated !== undefined) out.push(t.repeated, t.start, t.end, true);
    if (t.signs !== undefined) out.push("+", t.start, t.signs, true);
    for (const p of t.pieces) out.push(p.digit, t.start + p.from, t.start + p.to, p.word);
    at = t.signs ?? t.end;
  }
  copy(at, text.length);
  return out.build(text);
}
