import type { Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { LibraryItemsTable } from "../../platform/db/schema.ts";

/**
 * What the public library pages read: published items only (a draft, an item in review or an archived one
 * is never returned from here), their facets and their translations. The lead's library.repository.ts
 * owns writing; this file only reads.
 */

export type ItemRow = Selectable<LibraryItemsTable>;

/** Published items with this slug, in any language, of one of the given types. */
export function publishedBySlug(db: Executor, types: readonly string[], slug: string): Promise<ItemRow[]> {
  return db
    .selectFrom("library_items")
    .selectAll()
    .where("status", "=", "published")
    .where("type", "in", types)
    .where("slug", "=", slug)
    .execute();
}

/** The published members of a translation group (one per language). */
export function publishedTranslations(db: Executor, group: string) {
  return db
    .selectFrom("library_items")
    .select(["id", "type", "slug", "language", "title"])
    .where("status", "=", "published")
    .where("translation_group", "=", group)
    .orderBy("language")
    .execute();
}

export function facetsOf(db: Executor, itemId: string) {
  return db
    .selectFrom("library_facets")
    .select(["facet", "value"])
    .where("item_id", "=", itemId)
    .orderBy("facet")
    .orderBy("value")
    .execute();
}

/** The distinct values of a facet among published items (for the search form's choices). */
export async function facetValues(db: Executor, facet: string): Promise<string[]> {
  const rows = await db
    .selectFrom("library_facets as f")
    .innerJoin("library_items as i", "i.id", "f.item_id")
    .select("f.value")
    .distinct()
    .where("f.facet", "=", facet)
    .where("i.status", "=", "published")
    .orderBy("f.value")
    .execute();
  return rows.map((r) => r.value);
}

export interface BrowseFilters {
  readonly type?: string;
  readonly level?: string;
  readonly language?: string;
  readonly audience?: string;
  readonly topic?: string;
  readonly country?: string;
}

function browseQuery(db: Executor, filters: BrowseFilters, excludeTypes: readonly string[]) {
  let q = db.selectFrom("library_items as i").where("i.status", "=", "published");
  if (filters.type) q = q.where("i.type", "=", filters.type);
  else if (excludeTypes.length > 0) q = q.where("i.type", "not in", excludeTypes);
  if (filters.level) q = q.where("i.level", "=", filters.level);
  if (filters.language) q = q.where("i.language", "=", filters.language);
  for (const facet of ["audience", "topic", "country"] as const) {
    const value = filters[facet];
    if (value)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("library_facets as f")
            .select("f.item_id")
            .whereRef("f.item_id", "=", "i.id")
            .where("f.facet", "=", facet)
            .where("f.value", "=", value),
        ),
      );
  }
  return q;
}

/** Published items matching filters alone (no words), newest first: browsing by audience or topic. */
export function browse(
  db: Executor,
  filters: BrowseFilters,
  excludeTypes: readonly string[],
  limit: number,
  offset: number,
) {
  return browseQuery(db, filters, excludeTypes)
    .select(["i.id", "i.type", "i.slug", "i.language", "i.title", "i.summary", "i.level"])
    .orderBy("i.published_at", "desc")
    .orderBy("i.id")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function browseCount(
  db: Executor,
  filters: BrowseFilters,
  excludeTypes: readonly string[],
): Promise<number> {
  const row = await browseQuery(db, filters, excludeTypes)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest published items of the given types in a language. */
export function recentlyPublished(db: Executor, types: readonly string[], language: string, limit: number) {
  return db
    .selectFrom("library_items")
    .select(["id", "type", "slug", "language", "title", "summary", "level", "published_at"])
    .where("status", "=", "published")
    .where("type", "in", types)
    .where("language", "=", language)
    .orderBy("published_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

/** Published items of one type with any of these slugs (every language): a kit's articles. */
export function publishedWithSlugs(db: Executor, types: readonly string[], slugs: readonly string[]) {
  if (slugs.length === 0) return Promise.resolve([] as ItemRow[]);
  return db
    .selectFrom("library_items")
    .selectAll()
    .where("status", "=", "published")
    .where("type", "in", types)
    .where("slug", "in", slugs)
    .execute();
}

/** Any item (whatever its status) with this language and slug: seeding leaves such items alone. */
export function itemWithSlug(db: Executor, language: string, slug: string) {
  return db
    .selectFrom("library_items")
    .select(["id", "translation_group"])
    .where("language", "=", language)
    .where("slug", "=", slug)
    .executeTakeFirst();
}

/** Whether a story's consent is recorded and not withdrawn. */
export async function consentStands(db: Executor, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom("library_consents")
    .select("item_id")
    .where("item_id", "=", itemId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** A file's name, type and size (not its bytes), for the resource page's download link. */
export function fileMeta(db: Executor, id: string) {
  return db
    .selectFrom("library_files")
    .select(["id", "item_id", "filename", "media_type", "size"])
    .where("id", "=", id)
    .executeTakeFirst();
}
