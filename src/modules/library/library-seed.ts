import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform } from "../../platform/platform.ts";
import { GLOSSARY } from "./glossary.ts";
import { createItem, type NewLibraryItem } from "./library.service.ts";
import { itemWithSlug } from "./library-reading.repository.ts";
import {
  type KitItem,
  loadSeedContent as readSeedFiles,
  SEED_LANGUAGES,
  type SeedLanguage,
} from "./seed-content.ts";

/**
 * Loads the shipped library content (data/library: articles, starter kits, glossary terms) into the
 * database as published items, so search finds them. Idempotent: an item already present in a language
 * (same slug), whatever its status, is left alone, so an editor's later changes are never overwritten.
 */

export interface SeedResult {
  readonly added: number;
  readonly skipped: number;
}

/** A kit's item in one language, as stored in the kit's `details.items`. */
export type StoredKitItem =
  | { readonly kind: "article"; readonly slug: string }
  | { readonly kind: "glossary"; readonly id: string }
  | { readonly kind: "screener" }
  | { readonly kind: "text"; readonly title: string; readonly body: string };

function kitItemIn(item: KitItem, language: SeedLanguage): StoredKitItem {
  if (item.kind === "text") return { kind: "text", ...item.translations[language] };
  return item;
}

/** Creates each language version of one item, linked in one translation group (English first). */
async function seedGroup(
  p: Platform,
  versions: readonly NewLibraryItem[],
  counts: { added: number; skipped: number },
): Promise<void> {
  let group: string | undefined;
  for (const version of versions) {
    const existing = await itemWithSlug(p.db, version.language, version.slug);
    if (existing) {
      group ??= existing.translation_group;
      counts.skipped++;
      continue;
    }
    const id = await createItem(p, { ...version, status: "published", translationGroup: group });
    group ??= id;
    counts.added++;
  }
}

/** Loads every shipped article, kit and glossary term not yet in the database; says how many it added. */
export async function loadSeedContent(p: Platform): Promise<SeedResult> {
  const files = readSeedFiles();
  const counts = { added: 0, skipped: 0 };
  for (const { meta, bodies } of files.articles)
    await seedGroup(
      p,
      SEED_LANGUAGES.map((language) => ({
        type: meta.type,
        language,
        slug: meta.slug,
        title: meta.translations[language].title,
        summary: meta.translations[language].summary,
        body: bodies[language],
        level: meta.level,
        audiences: meta.audiences,
        topics: meta.topics,
        countries: meta.countries,
        details: { sources: meta.sources },
      })),
      counts,
    );
  for (const kit of files.kits)
    await seedGroup(
      p,
      SEED_LANGUAGES.map((language) => ({
        type: "kit",
        language,
        slug: kit.slug,
        title: kit.translations[language].title,
        summary: kit.translations[language].introduction.split("\n")[0] ?? "",
        body: kit.translations[language].introduction,
        level: "first_steps",
        audiences: kit.audiences,
        details: { items: kit.items.map((item) => kitItemIn(item, language)) },
      })),
      counts,
    );
  for (const entry of GLOSSARY.entries)
    await seedGroup(
      p,
      LOCALES.map((language) => ({
        type: "term",
        language,
        slug: entry.id,
        title: entry.terms[language].term,
        summary: entry.terms[language].definition,
        body: entry.terms[language].note ?? "",
        level: "first_steps",
        details: { sources: entry.sources, related: entry.related },
      })),
      counts,
    );
  return counts;
}
