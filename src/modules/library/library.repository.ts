import type { Insertable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type { LibraryItemsTable } from "../../platform/db/schema.ts";

export async function insertItem(db: Executor, row: Insertable<LibraryItemsTable>): Promise<void> {
  await db.insertInto("library_items").values(row).execute();
  await db
    .insertInto("library_versions")
    .values({
      item_id: row.id,
      version: row.version ?? 1,
      title: row.title,
      summary: row.summary ?? "",
      body: row.body ?? "",
      details: row.details ?? "{}",
      edited_by: row.author_id ?? null,
      created_at: row.created_at,
    })
    .execute();
}

export async function insertFacets(
  db: Executor,
  itemId: string,
  facets: readonly { facet: string; value: string }[],
): Promise<void> {
  const rows = [...new Map(facets.map((f) => [`${f.facet}\u0000${f.value}`, f])).values()].map((f) => ({
    item_id: itemId,
    ...f,
  }));
  if (rows.length > 0) await db.insertInto("library_facets").values(rows).execute();
}

export function itemsById(db: Executor, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("library_items")
    .select(["id", "type", "slug", "language", "title", "summary", "body", "level", "published_at"])
    .where("id", "in", ids)
    .execute();
}
