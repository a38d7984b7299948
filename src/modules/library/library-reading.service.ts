import { z } from "zod";
import { LOCALES, type Locale } from "../../platform/i18n/i18n.ts";
import type { Platform } from "../../platform/platform.ts";
import { GLOSSARY } from "./glossary.ts";
import { ITEM_TYPES, type LibrarySearchResult, searchLibrary } from "./library.service.ts";
import * as read from "./library-reading.repository.ts";
import { searchIndexFor } from "./library-search.ts";
import { AUDIENCES, LEVELS, TOPICS } from "./seed-content.ts";

/**
 * What a visitor reads of the library: published items only, in her language when it exists, and the
 * search and browse pages. Nothing here writes, and no query is stored or logged.
 */

export type ItemType = (typeof ITEM_TYPES)[number];

/** The public page of an item: every page and link of the library uses this one helper. */
export function itemPath(type: string, slug: string): string {
  const base: Record<string, string> = {
    article: "/learn/articles",
    guide: "/learn/articles",
    best_practice: "/learn/practices",
    resource: "/learn/resources",
    story: "/learn/stories",
    kit: "/learn/kits",
    term: "/learn/glossary",
  };
  return `${base[type] ?? "/learn/articles"}/${encodeURIComponent(slug)}`;
}

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** The search page's query string; an unknown filter value is a 400 (the page says which), never a 500. */
export const SearchQuerySchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : v), z.string().optional()),
  type: optional(z.enum(ITEM_TYPES)),
  audience: optional(z.enum(AUDIENCES)),
  level: optional(z.enum(LEVELS)),
  topic: optional(z.enum(TOPICS)),
  country: optional(z.string().regex(/^[A-Z]{2}$/)),
  language: optional(z.enum(LOCALES)),
  page: optional(z.coerce.number().int().min(1).max(100)),
  lang: z.unknown().optional(),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const PAGE_SIZE = 10;
/** Counting every match of a common word costs; past this many the page says "more than". */
const COUNT_CAP = 200;

export interface SearchPage {
  readonly query: SearchQuery;
  readonly results: readonly (LibrarySearchResult | Omit<LibrarySearchResult, "snippet">)[];
  readonly total: number;
  readonly totalCapped: boolean;
  readonly page: number;
  readonly hasNext: boolean;
  /** Neither words nor filters: the page shows the form and suggestions only. */
  readonly blank: boolean;
}

/** Search (words, with filters) or browse (filters only, newest first). Glossary terms are found too. */
export async function searchPage(p: Platform, query: SearchQuery): Promise<SearchPage> {
  const filters = {
    type: query.type,
    audience: query.audience,
    level: query.level,
    topic: query.topic,
    country: query.country,
    language: query.language,
  };
  const page = query.page ?? 1;
  const offset = (page - 1) * PAGE_SIZE;
  const hasFilter = Object.values(filters).some(Boolean);
  if (query.q) {
    const [results, counted] = await Promise.all([
      searchLibrary(p, query.q, filters, { limit: PAGE_SIZE, offset }),
      searchIndexFor(p.dialect.name).search(p.db, query.q, filters, COUNT_CAP + 1, 0),
    ]);
    const total = Math.min(counted.length, COUNT_CAP);
    return {
      query,
      results,
      total,
      totalCapped: counted.length > COUNT_CAP,
      page,
      hasNext: counted.length > offset + PAGE_SIZE,
      blank: false,
    };
  }
  if (!hasFilter)
    return { query, results: [], total: 0, totalCapped: false, page: 1, hasNext: false, blank: true };
  // Browsing lists what a visitor reads; glossary terms have their own A–Z index.
  const exclude = ["term"];
  const [results, total] = await Promise.all([
    read.browse(p.db, filters, exclude, PAGE_SIZE, offset),
    read.browseCount(p.db, filters, exclude),
  ]);
  return {
    query,
    results,
    total,
    totalCapped: false,
    page,
    hasNext: total > offset + PAGE_SIZE,
    blank: false,
  };
}

/** Country codes used by published items, for the search form. */
export function usedCountries(p: Platform): Promise<string[]> {
  return read.facetValues(p.db, "country");
}

export interface Facets {
  readonly audiences: readonly string[];
  readonly topics: readonly string[];
  readonly countries: readonly string[];
}

export interface Translation {
  readonly language: string;
  readonly slug: string;
  readonly type: string;
  readonly title: string;
}

/** A published item as its page shows it. `details` is the raw JSON object: views read it defensively. */
export interface ReadableItem {
  readonly id: string;
  readonly type: string;
  readonly slug: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly level: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
  readonly facets: Facets;
  /** The item's other published languages. */
  readonly translations: readonly Translation[];
  /** The visitor's language was wanted but this item is not (yet) in it. */
  readonly notInWantedLanguage: boolean;
  /** A resource's file, when it has one. */
  readonly file?: {
    readonly href: string;
    readonly filename: string;
    readonly size: number;
    readonly mediaType: string;
  };
  /** A story: its consent is recorded and has not been withdrawn. */
  readonly consentStands?: boolean;
}

/** A JSON object from stored text, or an empty one when it is anything else. */
export function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

async function readable(p: Platform, row: read.ItemRow, wanted: Locale): Promise<ReadableItem> {
  const details = parseDetails(row.details);
  const fileId = row.type === "resource" && typeof details.fileId === "string" ? details.fileId : undefined;
  const [facets, translations, file, consent] = await Promise.all([
    read.facetsOf(p.db, row.id),
    read.publishedTranslations(p.db, row.translation_group),
    fileId ? read.fileMeta(p.db, fileId) : undefined,
    row.type === "story" ? read.consentStands(p.db, row.id) : undefined,
  ]);
  const of = (facet: string) => facets.filter((f) => f.facet === facet).map((f) => f.value);
  return {
    file:
      file && file.item_id === row.id
        ? {
            href: `/learn/files/${file.id}/${encodeURIComponent(file.filename)}`,
            filename: file.filename,
            size: file.size,
            mediaType: file.media_type,
          }
        : undefined,
    consentStands: consent,
    id: row.id,
    type: row.type,
    slug: row.slug,
    language: row.language,
    title: row.title,
    summary: row.summary,
    body: row.body,
    level: row.level,
    details,
    version: row.version,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    facets: { audiences: of("audience"), topics: of("topic"), countries: of("country") },
    translations: translations.filter((t) => t.id !== row.id),
    notInWantedLanguage: row.language !== wanted,
  };
}

/**
 * The published item at `slug` among `types`, in the visitor's language when it has a version in it,
 * else in English, else in whichever language it exists. Undefined when nothing published is there.
 */
export async function readItem(
  p: Platform,
  types: readonly ItemType[],
  slug: string,
  wanted: Locale,
): Promise<ReadableItem | undefined> {
  const found = await read.publishedBySlug(p.db, types, slug);
  if (found.length === 0) return undefined;
  const inWanted = found.find((r) => r.language === wanted);
  if (inWanted) return readable(p, inWanted, wanted);
  // The slug may be another language's: look for the wanted language in the item's translation group.
  const first = found.find((r) => r.language === "en") ?? (found[0] as read.ItemRow);
  const group = await read.publishedTranslations(p.db, first.translation_group);
  const sibling = group.find((t) => t.language === wanted && (types as readonly string[]).includes(t.type));
  if (sibling) {
    const rows = await read.publishedBySlug(p.db, types, sibling.slug);
    const row = rows.find((r) => r.language === wanted);
    if (row) return readable(p, row, wanted);
  }
  return readable(p, first, wanted);
}

/** The hub's lists: starter kits and recent items, in the visitor's language, else English. */
export async function hubContent(p: Platform, wanted: Locale) {
  const pick = async (types: readonly string[], limit: number) => {
    const mine = await read.recentlyPublished(p.db, types, wanted, limit);
    return mine.length > 0 || wanted === "en" ? mine : read.recentlyPublished(p.db, types, "en", limit);
  };
  const [kits, recent] = await Promise.all([
    pick(["kit"], 10),
    pick(["article", "guide", "best_practice", "resource", "story"], 6),
  ]);
  return { kits, recent };
}

/** The published articles a kit names, each in the kit's language when it exists, else in English. */
export async function kitArticles(
  p: Platform,
  slugs: readonly string[],
  language: string,
): Promise<Map<string, read.ItemRow>> {
  const rows = await read.publishedWithSlugs(p.db, ["article", "guide"], slugs);
  const bySlug = new Map<string, read.ItemRow>();
  for (const slug of slugs) {
    const versions = rows.filter((r) => r.slug === slug);
    const row =
      versions.find((r) => r.language === language) ??
      versions.find((r) => r.language === "en") ??
      versions[0];
    if (row) bySlug.set(slug, row);
  }
  return bySlug;
}

/** One part of a starter kit, resolved for reading and printing. */
export type KitPart =
  | {
      readonly kind: "article";
      readonly path: string;
      readonly title: string;
      readonly summary: string;
      readonly body: string;
      readonly language: string;
    }
  | {
      readonly kind: "glossary";
      readonly path: string;
      readonly title: string;
      readonly body: string;
      readonly language: string;
    }
  | { readonly kind: "screener"; readonly path: string }
  | { readonly kind: "text"; readonly title: string; readonly body: string; readonly language: string };

const record = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * A kit's `details.items`, in order, each resolved: articles in the kit's language (else English), glossary
 * terms from the glossary, the screener, and the kit's own texts. An item that cannot be found (an article
 * not published, an unknown term, a malformed entry) is left out rather than shown broken.
 */
export async function kitParts(p: Platform, kit: ReadableItem): Promise<KitPart[]> {
  const items = Array.isArray(kit.details.items) ? kit.details.items.map(record) : [];
  const slugs = items.filter((i) => i.kind === "article").map((i) => str(i.slug));
  const articles = await kitArticles(p, slugs, kit.language);
  const termLocale: Locale = (LOCALES as readonly string[]).includes(kit.language)
    ? (kit.language as Locale)
    : "en";
  return items.flatMap((item): KitPart[] => {
    if (item.kind === "article") {
      const row = articles.get(str(item.slug));
      return row
        ? [
            {
              kind: "article",
              path: itemPath(row.type, row.slug),
              title: row.title,
              summary: row.summary,
              body: row.body,
              language: row.language,
            },
          ]
        : [];
    }
    if (item.kind === "glossary") {
      const term = GLOSSARY.term(str(item.id), termLocale);
      return term
        ? [
            {
              kind: "glossary",
              path: itemPath("term", term.id),
              title: term.term,
              body: term.note ? `${term.definition}\n\n${term.note}` : term.definition,
              language: term.locale,
            },
          ]
        : [];
    }
    if (item.kind === "screener") return [{ kind: "screener", path: "/learn/screener" }];
    if (item.kind === "text" && str(item.title) && str(item.body))
      return [{ kind: "text", title: str(item.title), body: str(item.body), language: kit.language }];
    return [];
  });
}
