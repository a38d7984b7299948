/**
 * The vocabulary of spelled-out digits (English, Spanish, French), with their misspellings, leetspeak and
 * look-alike letters, and how a token is read as number words: the tables the word pass
 * (number-words.ts) works with, built once at import.
 */

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
export const WORDS: readonly Word[] = [
  ...Object.entries(STRONG).map(([word, digit]) => ({ word, digit, weak: false })),
  ...Object.entries(WEAK).map(([word, digit]) => ({ word, digit, weak: true })),
].sort((a, b) => b.word.length - a.word.length);
export const EXACT = new Map(WORDS.map((w) => [w.word, w]));

/**
 * Misspelt number words ("sinco", "seys", "siette", "tress", "neuff", "uit"): every spelling one edit
 * (a letter dropped, doubled, swapped with its neighbour or replaced) away from a number word of three
 * letters or more, built once. A spelling that two digits could reach ("sit": six or sept?) or that is
 * itself a number word is left out. Such a word is weak: it becomes a digit only among number words.
 */
function oneEditAway(word: string): Set<string> {
  const out = new Set<string>();
  const letters = "abcdefghijklmnopqrstuvwxyzé";
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    if (i < word.length) out.add(head + word.slice(i + 1));
    if (i + 1 < word.length) out.add(head + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of letters) {
      out.add(head + c + word.slice(i));
      if (i < word.length) out.add(head + c + word.slice(i + 1));
    }
  }
  return out;
}
// Everyday words one edit from a number word ("line", "nice", "your", "pero"): never read as digits.
const EVERYDAY = new Set(
  "los the dot nueva nina line lines mine wine nice fine bone gone done tone once ones owe sin sex mix sit sent even hive live give dive jive fire hour pour tour your sour foul night weight height suit quit echo hero pero bien des tes ses una unos dios trees tires nike".split(
    " ",
  ),
);
export const FUZZY = new Map<string, string>();
// A 64K-slot filter of the table's keys, so most words of prose skip the lookup in the large table.
export const FUZZY_FILTER = new Uint8Array(1 << 16);
export function shortHash(s: string): number {
  let h = 0x811c;
  for (let i = 0; i < s.length; i++) h = ((h ^ s.charCodeAt(i)) * 0x3b1) & 0xffff;
  return h;
}
{
  const clash = new Set<string>();
  for (const [word, digit] of Object.entries(STRONG)) {
    if (word.length < 3) continue;
    for (const v of oneEditAway(word)) {
      if (v.length < 3 || EXACT.has(v) || EVERYDAY.has(v) || clash.has(v)) continue;
      const had = FUZZY.get(v);
      if (had !== undefined && had !== digit) {
        FUZZY.delete(v);
        clash.add(v);
      } else FUZZY.set(v, digit);
    }
  }
  for (const key of FUZZY.keys()) FUZZY_FILTER[shortHash(key)] = 1;
}

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
export const HOMOGLYPH: Readonly<Record<string, string>> = { O: "0", o: "0", I: "1", l: "1", S: "5", B: "8" };

function sameLetter(c: string, w: string): boolean {
  return c === w || LEET[c] === w || (c === "1" && w === "l") || (c === "é" && w === "e");
}

// For each character a token may hold, the words that can start with it (directly or as leetspeak).
export const CANDIDATES = new Map<string, Word[]>();
for (const c of "abcdefghijklmnopqrstuvwxyzàáâãäçèéêëìíîïñòóôõöùúûü0123456789")
  CANDIDATES.set(
    c,
    WORDS.filter((w) => sameLetter(c, w.word[0]!)),
  );

/** A zero written for a word's final "o" ("tw0", "och0", "zer0"): still the word. */
const finalO = (tc: string, w: string, k: number, weak: boolean) =>
  tc === w[k] || (!weak && tc === "0" && k === w.length - 1 && w[k] === "o");

/** True when word `w` is written at t[i..] (with leetspeak), with at least one real letter. */
export function wordAt(t: string, i: number, w: string, weak = false): boolean {
  if (i < 0 || i + w.length > t.length) return false;
  let letters = 0;
  for (let k = 0; k < w.length; k++) {
    const tc = t[i + k]!;
    if (!sameLetter(tc, w[k]!)) return false;
    if (tc < "0" || tc > "9") letters++;
    // A digit ending a word is a digit ("six3" is 63), leetspeak sits inside words ("f0ur", "n1ne"),
    // and never in the short common words ("7oo" is 7 0 0, not "too"); the table's own spellings with a
    // final look-alike ("zer0", "un0") are words.
    else if (!finalO(tc, w, k, weak) && (weak || (k === w.length - 1 && w.length > 1))) return false;
  }
  return letters > 0;
}

const isDigitChar = (c: string) => c >= "0" && c <= "9";
// Words by their last letter (a word never ends in leetspeak, see wordAt).
const ENDINGS = new Map<string, Word[]>();
for (const w of WORDS) ENDINGS.set(w.word.at(-1)!, [...(ENDINGS.get(w.word.at(-1)!) ?? []), w]);
/** Cheap test before the split: the token must start and end with a digit or a number word. */
export function mayBeNumber(t: string): boolean {
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const starts =
    isDigitChar(first) || (CANDIDATES.get(first)?.some((w) => wordAt(t, 0, w.word, w.weak)) ?? false);
  if (!starts) return false;
  const enders = ENDINGS.get(last);
  return (
    isDigitChar(last) || (enders?.some((w) => wordAt(t, t.length - w.word.length, w.word, w.weak)) ?? false)
  );
}
