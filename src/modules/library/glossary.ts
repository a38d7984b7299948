import { z } from "zod";
import raw from "../../../data/library/glossary.json" with { type: "json" };
import { LOCALES, type Locale } from "../../platform/i18n/i18n.ts";

/**
 * The glossary: shipped content (`data/library/glossary.json`), validated once when this module is
 * imported, then read through pure functions. No database: the lead's library model may import it later.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const TermTextSchema = z
  .object({
    term: z.string().trim().min(1).max(120),
    definition: z.string().trim().min(20).max(1200),
    note: z.string().trim().min(1).max(600).optional(),
  })
  .strict();

const EntrySchema = z
  .object({
    id: z.string().regex(SLUG).max(80),
    related: z.array(z.string().regex(SLUG)).max(12),
    sources: z.array(z.string().trim().min(1).max(300)).max(8),
    terms: z
      .object({ en: TermTextSchema, es: TermTextSchema, fr: TermTextSchema, ar: TermTextSchema })
      .strict(),
  })
  .strict();

export const GlossaryFileSchema = z
  .object({ licence: z.string().min(1), terms: z.array(EntrySchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    file.terms.forEach((entry, i) => {
      if (ids.has(entry.id))
        ctx.addIssue({ code: "custom", path: ["terms", i, "id"], message: "duplicate id" });
      ids.add(entry.id);
    });
    file.terms.forEach((entry, i) => {
      for (const rel of entry.related) {
        if (rel === entry.id || !ids.has(rel)) {
          ctx.addIssue({ code: "custom", path: ["terms", i, "related"], message: `bad related id ${rel}` });
        }
      }
    });
  });

export type GlossaryEntry = z.infer<typeof EntrySchema>;
export type TermText = z.infer<typeof TermTextSchema>;

/** One term in one language, ready for a page. */
export interface LocalisedTerm extends TermText {
  readonly id: string;
  readonly locale: Locale;
}

/** A letter of the A–Z index and the terms filed under it, in the language's order. */
export interface LetterGroup {
  readonly letter: string;
  readonly terms: readonly LocalisedTerm[];
}

export interface Glossary {
  readonly entries: readonly GlossaryEntry[];
  get(id: string): GlossaryEntry | undefined;
  term(id: string, locale: Locale): LocalisedTerm | undefined;
  /** Every term in the language, alphabetical by that language's rules, grouped by first letter. */
  index(locale: Locale): readonly LetterGroup[];
  /** Terms whose name has a word starting with each word of the query (case and accent blind). */
  search(query: string, locale: Locale): readonly LocalisedTerm[];
}

/** Lowercase, no accents (ñ is n) or Arabic vowel marks, Arabic letter variants folded: for matching. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\u0640/g, "") // tatweel
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ى/g, "ي")
    .replace(/ة/g, "ه");
}

/** The text a term is filed and sorted under: no leading quote or bracket, no Arabic article "ال". */
export function sortKey(term: string, locale: Locale): string {
  const bare = term.replace(/^[^\p{L}\p{N}]+/u, "");
  return locale === "ar" ? bare.replace(/^ال(?=\p{L}{2})/u, "") : bare;
}

/** The index letter of a term: its first letter, folded (É under E, أ under ا), Ñ kept for Spanish. */
export function indexLetter(term: string, locale: Locale): string {
  const key = sortKey(term, locale);
  if (locale === "es" && /^ñ/iu.test(key)) return "Ñ";
  const first = foldText(key).charAt(0);
  if (!first) return "#";
  return /\p{L}/u.test(first) ? first.toLocaleUpperCase(locale) : "#";
}

function words(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .flatMap((w) => (w.startsWith("ال") && w.length > 3 ? [w, w.slice(2)] : [w]));
}

/** Builds the glossary from already parsed JSON; throws (at start-up) if the content is invalid. */
export function buildGlossary(input: unknown): Glossary {
  const file = GlossaryFileSchema.parse(input);
  const byId = new Map(file.terms.map((e) => [e.id, e]));
  const collators = new Map(LOCALES.map((l) => [l, new Intl.Collator(l, { sensitivity: "base" })]));
  const localise = (entry: GlossaryEntry, locale: Locale): LocalisedTerm => ({
    id: entry.id,
    locale,
    ...entry.terms[locale],
  });
  const sorted = (locale: Locale, list: readonly LocalisedTerm[]) => {
    const collator = collators.get(locale)!;
    return [...list].sort((a, b) => collator.compare(sortKey(a.term, locale), sortKey(b.term, locale)));
  };
  const indexes = new Map(
    LOCALES.map((locale) => {
      const groups: { letter: string; terms: LocalisedTerm[] }[] = [];
      for (const t of sorted(
        locale,
        file.terms.map((e) => localise(e, locale)),
      )) {
        const letter = indexLetter(t.term, locale);
        const last = groups.at(-1);
        if (last?.letter === letter) last.terms.push(t);
        else groups.push({ letter, terms: [t] });
      }
      return [locale, groups] as const;
    }),
  );

  return {
    entries: file.terms,
    get: (id) => byId.get(id),
    term(id, locale) {
      const entry = byId.get(id);
      return entry ? localise(entry, locale) : undefined;
    },
    index: (locale) => indexes.get(locale) ?? [],
    search(query, locale) {
      const wanted = words(query.slice(0, 200)).filter((w) => !(w.startsWith("ال") && w.length > 3));
      if (wanted.length === 0) return [];
      const hits = file.terms
        .map((e) => localise(e, locale))
        .map((t) => {
          const own = words(t.term);
          const ok = wanted.every((w) => own.some((o) => o.startsWith(w)));
          // Terms that start with the query come first, then the rest, each alphabetically.
          return ok
            ? {
                t,
                first: foldText(sortKey(t.term, locale)).startsWith(foldText(sortKey(query.trim(), locale))),
              }
            : null;
        })
        .filter((x) => x !== null);
      const first = sorted(
        locale,
        hits.filter((h) => h.first).map((h) => h.t),
      );
      const rest = sorted(
        locale,
        hits.filter((h) => !h.first).map((h) => h.t),
      );
      return [...first, ...rest];
    },
  };
}

/** The shipped glossary, validated when the module loads. */
export const GLOSSARY: Glossary = buildGlossary(raw);
