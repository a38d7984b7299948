/**
 * The word pass of normalisation: spelled-out digits (English, Spanish, French, misspelt or mixed with
 * digits: "five5five", "f0ur", "cinco", "quatre") and look-alike letters (O→0, I/l→1, S→5, B→8) become
 * digits, but only inside a run of number-like tokens long enough to be a number someone is hiding.
 * A lone "one" or "for" in a sentence, or "BOSTON", stays as written.
 */
import { type NormalisedText, TextBuilder } from "./text-map.ts";

// Strong words are numbers wherever they sit in a digit run; weak words are common words too ("for",
// "to", "oh") and become digits only between spelled or plain digits.
const STRONG: Readonly<Record<string, string>> = {
  zero: "0",
  zéro: "0",
  cero: "0",
  zer0: "0",
  one: "1",
  uno: "1",
  two: "2",
  dos: "2",
  deux: "2",
  three: "3",
  thre: "3",
  tres: "3",
  três: "3",
  trés: "3",
  trois: "3",
  troi: "3",
  four: "4",
  fuor: "4",
  cuatro: "4",
  quatre: "4",
  katre: "4",
  five: "5",
  fiv: "5",
  fife: "5",
  cinco: "5",
  cinq: "5",
  cinc: "5",
  sinko: "5",
  six: "6",
  seis: "6",
  sixe: "6",
  seven: "7",
  sevn: "7",
  seben: "7",
  siete: "7",
  sept: "7",
  eight: "8",
  eigth: "8",
  eigt: "8",
  eihgt: "8",
  ocho: "8",
  huit: "8",
  nine: "9",
  nien: "9",
  nueve: "9",
  nuebe: "9",
  neuf: "9",
};
const WEAK: Readonly<Record<string, string>> = {
  oh: "0",
  o: "0",
  won: "1",
  un: "1",
  une: "1",
  to: "2",
  too: "2",
  tu: "2",
  tree: "3",
  for: "4",
  fore: "4",
  set: "7",
  ate: "8",
  wit: "8",
};

interface Word {
  readonly word: string;
  readonly digit: string;
  readonly weak: boolean;
}
const WORDS: readonly Word[] = [
  ...Object.entries(STRONG).map(([word, digit]) => ({ word, digit, weak: false })),
  ...Object.entries(WEAK).map(([word, digit]) => ({ word, digit, weak: true })),
].sort((a, b) => b.word.length - a.word.length);
const EXACT = new Map(WORDS.map((w) => [w.word, w]));
const ONLY_LETTERS = /^[a-zà-ÿ]+$/;

// Digits written in place of letters inside a spelled word ("f0ur", "n1ne", "s3ven").
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
};
const HOMOGLYPH: Readonly<Record<string, string>> = { O: "0", o: "0", I: "1", l: "1", S: "5", B: "8" };

function sameLetter(c: string, w: string): boolean {
  return c === w || LEET[c] === w || (c === "1" && w === "l") || (c === "é" && w === "e");
}

// For each character a token may hold, the words that can start with it (directly or as leetspeak).
const CANDIDATES = new Map<string, Word[]>();
for (const c of "abcdefghijklmnopqrstuvwxyzàáâãäçèéêëìíîïñòóôõöùúûü0123456789")
  CANDIDATES.set(
    c,
    WORDS.filter((w) => sameLetter(c, w.word[0]!)),
  );

/** True when word `w` is written at t[i..] (with leetspeak), with at least one real letter. */
function wordAt(t: string, i: number, w: string): boolean {
  if (i < 0 || i + w.length > t.length) return false;
  let letters = 0;
  for (let k = 0; k < w.length; k++) {
    const tc = t[i + k]!;
    if (!sameLetter(tc, w[k]!)) return false;
    if (tc < "0" || tc > "9") letters++;
  }
  return letters > 0;
}

const isDigitChar = (c: string) => c >= "0" && c <= "9";
/** Cheap test before the split: the token must start and end with a digit or a number word. */
function mayBeNumber(t: string): boolean {
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const starts = isDigitChar(first) || (CANDIDATES.get(first)?.some((w) => wordAt(t, 0, w.word)) ?? false);
  return starts && (isDigitChar(last) || WORDS.some((w) => wordAt(t, t.length - w.word.length, w.word)));
}

interface Piece {
  readonly digit: string;
  readonly from: number; // token-local
  readonly to: number;
  readonly word: boolean;
  readonly weak: boolean;
}

/** Splits a lower-cased token into digits and number words, or undefined when it is not wholly that. */
function parsePieces(t: string): Piece[] | undefined {
  const n = t.length;
  // best[i]: fewest pieces covering t[i..]; choice[i]: the piece starting at i on that path.
  const best = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
  const choice = new Array<Piece | undefined>(n + 1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    const c = t[i]!;
    for (const w of CANDIDATES.get(c) ?? []) {
      const len = w.word.length;
      if (i + len > n || best[i + len]! + 1 >= best[i]!) continue;
      // A word needs at least one real letter, else "0" alone would read as "o".
      if (wordAt(t, i, w.word)) {
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

type Kind = "digits" | "spelled" | "weak" | "homoglyph";
interface Token {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  readonly kind: Kind;
  readonly pieces: readonly Piece[];
  readonly count: number; // digits this token would contribute
}

const DIGITS_ONLY = /^[0-9]+$/;
const HOMOGLYPH_TOKEN = /^[0-9OoIlSB]+$/;
const HAS_DIGIT = /[0-9]/;

/** The token's kind, or undefined for an ordinary word (which ends a run). */
function classify(text: string, start: number, end: number): Token | undefined {
  const t = text.slice(start, end);
  if (DIGITS_ONLY.test(t)) return { digits: t, start, end, kind: "digits", pieces: [], count: t.length };
  const lower = t.toLowerCase();
  const exact = EXACT.get(lower);
  if (exact) {
    const piece = { digit: exact.digit, from: 0, to: t.length, word: true, weak: exact.weak };
    return { digits: "", start, end, kind: exact.weak ? "weak" : "spelled", pieces: [piece], count: 1 };
  }
  const letters = ONLY_LETTERS.test(lower);
  if (t.length <= 40 && (letters ? t.length >= 4 : HAS_DIGIT.test(t)) && mayBeNumber(lower)) {
    const pieces = parsePieces(lower);
    if (pieces?.some((p) => p.word)) {
      const weak = pieces.every((p) => p.weak);
      return { digits: "", start, end, kind: weak ? "weak" : "spelled", pieces, count: pieces.length };
    }
  }
  if (HOMOGLYPH_TOKEN.test(t) && HAS_DIGIT.test(t)) {
    const pieces = [...t].map((c, k) => ({
      digit: HOMOGLYPH[c] ?? c,
      from: k,
      to: k + 1,
      word: c in HOMOGLYPH,
      weak: false,
    }));
    return { digits: "", start, end, kind: "homoglyph", pieces, count: t.length };
  }
  return undefined;
}

const TOKEN = /[0-9A-Za-z\u00c0-\u00ff]+/g;
const GAP = /^[ \t\-./()_·•*~,]{1,3}$/;
const MIN_RUN_DIGITS = 4;
const MIN_RUN_DIGITS_HOMOGLYPH = 6;

/** Which tokens of one run become digits. */
function decide(run: readonly Token[], convert: Set<Token>): void {
  const total = run.reduce((sum, t) => sum + t.count, 0);
  if (total < MIN_RUN_DIGITS) return;
  run.forEach((t, k) => {
    const next = run[k + 1];
    // "15 sept 2024" is a date: a month abbreviation before a year stays a word.
    const month = t.end - t.start === 4 && next?.kind === "digits" && /^(?:19|20)\d\d$/.test(next.digits);
    if (t.kind === "spelled" && !month) convert.add(t);
    else if (t.kind === "homoglyph" && total >= MIN_RUN_DIGITS_HOMOGLYPH) convert.add(t);
    else if (t.kind === "weak") {
      const before = run[k - 1];
      const after = run[k + 1];
      const numeric = (x: Token | undefined) =>
        x !== undefined && (x.kind === "digits" || x.kind === "spelled" || x.kind === "homoglyph");
      const zero = t.pieces.every((p) => p.digit === "0");
      const spelledBeside = before?.kind === "spelled" || after?.kind === "spelled";
      const edge =
        (before === undefined && after?.kind === "spelled") ||
        (after === undefined && before?.kind === "spelled");
      if ((numeric(before) && numeric(after) && (spelledBeside || zero)) || (edge && total >= 7))
        convert.add(t);
    }
  });
}

/** Rewrites number words and digit look-alikes in `text`; undefined when nothing changes. */
export function convertNumberWords(text: string): NormalisedText | undefined {
  const convert = new Set<Token>();
  let run: Token[] = [];
  let lastEnd = -1;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const token = classify(text, start, end);
    if (token === undefined || !(lastEnd >= 0 && GAP.test(text.slice(lastEnd, start)))) {
      if (run.length > 0) decide(run, convert);
      run = [];
    }
    if (token !== undefined) run.push(token);
    lastEnd = end;
  }
  decide(run, convert);
  if (convert.size === 0) return undefined;

  const out = new TextBuilder(text.length);
  const ordered = [...convert].sort((a, b) => a.start - b.start);
  let at = 0;
  const copy = (from: number, to: number) => out.copy(text, from, to);
  for (const t of ordered) {
    copy(at, t.start);
    for (const p of t.pieces) out.push(p.digit, t.start + p.from, t.start + p.to, p.word);
    at = t.end;
  }
  copy(at, text.length);
  return out.build(text);
}
