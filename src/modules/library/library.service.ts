import { now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import type { Platform } from "../../platform/platform.ts";
import * as repo from "./library.repository.ts";
import { queryWords, type SearchFilters, searchIndexFor } from "./library-search.ts";
import type { LEVELS } from "./seed-content.ts";
import { type SnippetPart, snippetOf } from "./snippet.ts";

export const ITEM_TYPES = ["article", "guide", "best_practice", "resource", "story", "kit", "term"] as const;

export interface NewLibraryItem {
  readonly type: (typeof ITEM_TYPES)[number];
  readonly language: string;
  readonly slug: string;
  readonly title: string;
  readonly summary?: string;
  readonly body?: string;
  readonly level?: (typeof LEVELS)[number];
  readonly audiences?: readonly string[];
  readonly topics?: readonly string[];
  readonly countries?: readonly string[];
  readonly translationGroup?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Seed content and tests publish at once; the editorial workflow decides otherwise. */
  readonly status?: "draft" | "in_review" | "published" | "archived";
  readonly authorId?: string | null;
  readonly organisationId?: string | null;
}

/** Stores a library item (version 1, facets) and indexes it for search, in one transaction. */
export async function createItem(p: Platform, input: NewLibraryItem): Promise<string> {
  const id = newId();
  const at = now();
  const status = input.status ?? "draft";
  const index = searchIndexFor(p.dialect.name);
  const facets = {
    audience: input.audiences ?? [],
    topic: input.topics ?? [],
    country: input.countries ?? [],
  };
  await p.db.transaction().execute(async (trx) => {
    await repo.insertItem(
      trx,
      {
        id,
        type: input.type,
        status,
        translation_group: input.translationGroup ?? id,
        language: input.language,
        slug: input.slug,
        title: input.title,
        summary: input.summary ?? "",
        body: input.body ?? "",
        level: input.level ?? "first_steps",
        details: JSON.stringify(input.details ?? {}),
        version: 1,
        author_id: input.authorId ?? null,
        organisation_id: input.organisationId ?? null,
        created_at: at,
        updated_at: at,
        published_at: status === "published" ? at : null,
      },
      facets,
    );
    await repo.replaceFacets(trx, id, facets);
    if (status === "published")
      await index.put(trx, {
        itemId: id,
        language: input.language,
        type: input.type,
        level: input.level ?? "first_steps",
        title: input.title,
        summary: input.summary ?? "",
        body: input.body ?? "",
        audiences: input.audiences ?? [],
        topics: input.topics ?? [],
        countries: input.countries ?? [],
      });
  });
  return id;
}

export interface LibrarySearchResult {
  readonly id: string;
  readonly type: string;
  readonly slug: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly level: string;
  readonly snippet: readonly SnippetPart[];
}

/** Published items matching a query, best first (no query is logged or stored). */
export async function searchLibrary(
  p: Platform,
  query: string,
  filters: SearchFilters = {},
  page: { limit?: number; offset?: number } = {},
): Promise<LibrarySearchResult[]> {
  const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
  const hits = await searchIndexFor(p.dialect.name).search(p.db, query, filters, limit, page.offset ?? 0);
  const items = new Map(
    (
      await repo.itemsById(
        p.db,
        hits.map((h) => h.itemId),
      )
    ).map((i) => [i.id, i]),
  );
  const words = queryWords(query);
  return hits.flatMap((h) => {
    const item = items.get(h.itemId);
    return item
      ? [
          {
            id: item.id,
            type: item.type,
            slug: item.slug,
            language: item.language,
            title: item.title,
            summary: item.summary,
            level: item.level,
            snippet: snippetOf(`${item.summary}\n${item.body}`, words),
          },
        ]
      : [];
  });
}
