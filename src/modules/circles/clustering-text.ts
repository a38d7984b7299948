import { createRequire } from "node:module";
import { CONCEPTS, type LexiconLanguage } from "./clustering-lexicon.ts";

/**
 * Turns a response into comparable features: NFKC, lower case, words split on anything that is not a
 * letter, mark or digit (so French "l'école" gives "école"), stopwords (stopwords-iso) dropped, words of
 * the concept lexicon replaced by their concept (`@shelter`), every other word stemmed with the Snowball
 * stemmer of the response's language and stripped of accents. Each feature keeps the surface words it
 * came from, for labels.
 */

interface Stemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const snowball = require("snowball-stemmers") as { newStemmer(algorithm: string): Stemmer };
const stopwordsIso = require("stopwords-iso") as Record<string, readonly string[]>;

/** Snowball algorithms by ISO 639-1 code, for the languages a circle is likely to use. */
const ALGORITHMS: Readonly<Record<string, string>> = {
  en: "english",
  es: "spanish",
  fr: "french",
  ar: "arabic",
  pt: "portuguese",
  it: "italian",
  de: "german",
  nl: "dutch",
  ru: "russian",
  tr: "turkish",
};

/** Field words that stopwords-iso's (long) English and Spanish lists drop but that carry meaning here. */
const KEEP = new Set([
  "work",
  "working",
  "information",
  "men",
  "man",
  "young",
  "home",
  "free",
  "help",
  "right",
  "number",
  "call",
  "line",
  "together",
  "trabajo",
  "trabajar",
]);

const MAX_WORD = 40;

export interface Token {
  /** A concept (`@education`) or an accent-free stem. */
  readonly feature: string;
  /** The word as written, lower case with its accents. */
  readonly surface: string;
}

/** "es-MX" → "es"; anything unusable → "". */
export function baseLanguage(language: string): string {
  const base = /^[a-z]{2,3}/i.exec(language.trim())?.[0] ?? "";
  return base.toLowerCase();
}

/** Lower case without combining marks (accents, Arabic short vowels). */
export function stripAccents(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

const stemmers = new Map<string, Stemmer | null>();
function stemmerFor(language: string): Stemmer | null {
  let stemmer = stemmers.get(language);
  if (stemmer === undefined) {
    const algorithm = ALGORITHMS[language];
    stemmer = algorithm ? snowball.newStemmer(algorithm) : null;
    stemmers.set(language, stemmer);
  }
  return stemmer;
}

const stopSets = new Map<string, ReadonlySet<string>>();
function stopwordsFor(language: string): ReadonlySet<string> {
  let set = stopSets.get(language);
  if (!set) {
    // A language without a list (or none given) gets the three circle languages' lists together.
    const words = Object.hasOwn(stopwordsIso, language)
      ? (stopwordsIso[language] ?? [])
      : LEXICON_LANGUAGES.flatMap((code) => stopwordsIso[code] ?? []);
    set = new Set(words.map((word) => stripAccents(word.toLowerCase())).filter((word) => !KEEP.has(word)));
    stopSets.set(language, set);
  }
  return set;
}

interface Lookup {
  readonly exact: ReadonlyMap<string, string>;
  readonly prefixes: ReadonlyMap<string, string>;
  /** Phrases of two to four words ("en ligne", "law enforcement"), words joined by one space. */
  readonly phrases: ReadonlyMap<string, string>;
}
function buildLookup(languages: readonly LexiconLanguage[]): Lookup {
  const exact = new Map<string, string>();
  const prefixes = new Map<string, string>();
  const phrases = new Map<string, string>();
  for (const concept of CONCEPTS)
    for (const language of languages)
      for (const word of concept.words[language]) {
        const target = word.includes(" ") ? phrases : word.endsWith("*") ? prefixes : exact;
        const key = word.endsWith("*") ? word.slice(0, -1) : word;
        if (!target.has(key)) target.set(key, concept.id);
      }
  return { exact, prefixes, phrases };
}
const LEXICON_LANGUAGES: readonly LexiconLanguage[] = ["en", "es", "fr"];
const OWN_LOOKUP = new Map(LEXICON_LANGUAGES.map((language) => [language, buildLookup([language])]));
const ANY_LOOKUP = buildLookup(LEXICON_LANGUAGES);

function lookUp(lookup: Lookup, word: string): string | undefined {
  const hit = lookup.exact.get(word);
  if (hit) return hit;
  // Longest prefix first, so "policia" is not caught by a shorter, wider entry.
  for (let end = word.length; end >= 3; end--) {
    const concept = lookup.prefixes.get(word.slice(0, end));
    if (concept) return concept;
  }
  return undefined;
}

/**
 * The concept of a word: from the lexicon of the response's language first; from the other languages'
 * (mixed-language answers) only for words of 5 letters or more that are not stopwords of the response's
 * language, where a chance collision is unlikely (English "former" is not French "former", to train).
 */
export function conceptOf(word: string, language: string): string | undefined {
  const own = OWN_LOOKUP.get(language as LexiconLanguage);
  const hit = own ? lookUp(own, word) : undefined;
  if (hit || stopwordsFor(language).has(word)) return hit;
  return word.length >= 5 || !own ? lookUp(ANY_LOOKUP, word) : undefined;
}

/**
 * Features of one text. `cache` (word → token or null) may be shared across the texts of one call to
 * spare repeated stemming (with the same `useLexicon`); it is keyed by language and word. Without the
 * lexicon every word is stemmed (the benchmark measures what the lexicon brings).
 */
export function tokenize(
  text: string,
  language: string,
  cache: Map<string, Token | null> = new Map(),
  useLexicon = true,
): Token[] {
  const lang = baseLanguage(language);
  const tokens: Token[] = [];
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const phrases = useLexicon ? (OWN_LOOKUP.get(lang as LexiconLanguage) ?? ANY_LOOKUP).phrases : undefined;
  const plains = phrases ? words.map(stripAccents) : [];
  for (let i = 0; i < words.length; i++) {
    const surface = words[i] as string;
    // A phrase of the lexicon wins over its words: French "en ligne" is online, "ligne" alone a phone line.
    const phrase = phrases && phraseAt(words, plains, i, phrases);
    if (phrase) {
      tokens.push(phrase.token);
      i += phrase.length - 1;
      continue;
    }
    const key = `${lang}\u0000${surface}`;
    let token = cache.get(key);
    if (token === undefined) {
      token = featureOf(surface, lang, useLexicon);
      cache.set(key, token);
    }
    if (token) tokens.push(token);
  }
  return tokens;
}

function phraseAt(
  words: readonly string[],
  plains: readonly string[],
  start: number,
  phrases: ReadonlyMap<string, string>,
): { token: Token; length: number } | undefined {
  for (const length of [4, 3, 2]) {
    if (start + length > words.length) continue;
    const concept = phrases.get(plains.slice(start, start + length).join(" "));
    if (concept)
      return {
        token: { feature: `@${concept}`, surface: words.slice(start, start + length).join(" ") },
        length,
      };
  }
  return undefined;
}

function featureOf(surface: string, language: string, useLexicon: boolean): Token | null {
  if (surface.length > MAX_WORD || /^\p{N}+$/u.test(surface)) return null;
  const plain = stripAccents(surface);
  if (plain.length < 2) return null;
  const concept = useLexicon ? conceptOf(plain, language) : undefined;
  if (concept) return { feature: `@${concept}`, surface };
  if (stopwordsFor(language).has(plain)) return null;
  const stemmer = stemmerFor(language);
  let stem = plain;
  if (stemmer) {
    try {
      stem = stripAccents(stemmer.stem(surface)) || plain;
    } catch {
      stem = plain; // a stemmer should not throw, but a suggestion must never fail because of one word
    }
  }
  return { feature: stem, surface };
}
