import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  LibraryConsentsTable,
  LibraryFilesTable,
  LibraryItemsTable,
  LibraryReviewsTable,
  LibraryVersionsTable,
} from "../../platform/db/schema.ts";

export type ItemRow = Selectable<LibraryItemsTable>;
export type VersionRow = Selectable<LibraryVersionsTable>;

/** Audience, topic and country values of an item, as stored with each version. */
export interface FacetValues {
  readonly audience: readonly string[];
  readonly topic: readonly string[];
  readonly country: readonly string[];
}

export async function insertItem(
  db: Executor,
  row: Insertable<LibraryItemsTable>,
  facets: FacetValues,
): Promise<void> {
  await db.insertInto("library_items").values(row).execute();
  await insertVersion(db, {
    item_id: row.id,
    version: row.version ?? 1,
    title: row.title,
    summary: row.summary ?? "",
    body: row.body ?? "",
    details: row.details ?? "{}",
    level: row.level ?? "first_steps",
    facets: JSON.stringify(facets),
    edited_by: row.author_id ?? null,
    created_at: row.created_at,
  });
}

export async function insertVersion(db: Executor, row: Insertable<LibraryVersionsTable>): Promise<void> {
  await db.insertInto("library_versions").values(row).execute();
}

/** Replaces an item's facets (for filters) with the given values. */
export async function replaceFacets(db: Executor, itemId: string, facets: FacetValues): Promise<void> {
  await db.deleteFrom("library_facets").where("item_id", "=", itemId).execute();
  const rows = [
    ...new Map(
      (["audience", "topic", "country"] as const).flatMap((facet) =>
        facets[facet].map((value) => [`${facet}\u0000${value}`, { item_id: itemId, facet, value }] as const),
      ),
    ).values(),
  ];
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

export function itemById(db: Executor, id: string): Promise<ItemRow | undefined> {
  return db.selectFrom("library_items").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The item row, locked for the rest of the transaction where the database can (PostgreSQL). */
export function itemForUpdate(db: Executor, id: string, lockRows: boolean): Promise<ItemRow | undefined> {
  const q = db.selectFrom("library_items").selectAll().where("id", "=", id);
  return (lockRows ? q.forUpdate() : q).executeTakeFirst();
}

/** Whether a translation group already has an item in this language. */
export function groupHasLanguage(db: Executor, group: string, language: string): Promise<boolean> {
  return db
    .selectFrom("library_items")
    .select("id")
    .where("translation_group", "=", group)
    .where("language", "=", language)
    .executeTakeFirst()
    .then(Boolean);
}

export function slugTaken(db: Executor, slug: string, language: string): Promise<boolean> {
  return db
    .selectFrom("library_items")
    .select("id")
    .where("slug", "=", slug)
    .where("language", "=", language)
    .executeTakeFirst()
    .then(Boolean);
}

export function updateItem(db: Executor, id: string, changes: Partial<Insertable<LibraryItemsTable>>) {
  return db.updateTable("library_items").set(changes).where("id", "=", id).execute();
}

export function version(db: Executor, itemId: string, n: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom("library_versions")
    .selectAll()
    .where("item_id", "=", itemId)
    .where("version", "=", n)
    .executeTakeFirst();
}

export function versions(db: Executor, itemId: string) {
  return db
    .selectFrom("library_versions")
    .leftJoin("users", "users.id", "library_versions.edited_by")
    .select([
      "library_versions.version",
      "library_versions.title",
      "library_versions.edited_by",
      "library_versions.created_at",
      "users.display_name as editor_name",
    ])
    .where("library_versions.item_id", "=", itemId)
    .orderBy("library_versions.version", "desc")
    .execute();
}

export function facetsOf(db: Executor, itemId: string) {
  return db.selectFrom("library_facets").select(["facet", "value"]).where("item_id", "=", itemId).execute();
}

export async function insertReview(db: Executor, row: Insertable<LibraryReviewsTable>): Promise<void> {
  await db.insertInto("library_reviews").values(row).execute();
}

export function reviews(db: Executor, itemId: string) {
  return db
    .selectFrom("library_reviews")
    .leftJoin("users", "users.id", "library_reviews.editor_id")
    .select([
      "library_reviews.id",
      "library_reviews.version",
      "library_reviews.editor_id",
      "library_reviews.decision",
      "library_reviews.anonymisation_checked",
      "library_reviews.comment",
      "library_reviews.created_at",
      "users.display_name as editor_name",
    ])
    .where("library_reviews.item_id", "=", itemId)
    .orderBy("library_reviews.created_at", "desc")
    .orderBy("library_reviews.id", "desc")
    .execute();
}

export function consent(db: Executor, itemId: string): Promise<Selectable<LibraryConsentsTable> | undefined> {
  return db.selectFrom("library_consents").selectAll().where("item_id", "=", itemId).executeTakeFirst();
}

export async function putConsent(db: Executor, row: Insertable<LibraryConsentsTable>): Promise<void> {
  await db.deleteFrom("library_consents").where("item_id", "=", row.item_id).execute();
  await db.insertInto("library_consents").values(row).execute();
}

export async function withdrawConsent(db: Executor, itemId: string, by: string, at: string): Promise<void> {
  await db
    .updateTable("library_consents")
    .set({ withdrawn_at: at, withdrawn_by: by })
    .where("item_id", "=", itemId)
    .execute();
}

export interface QueueFilter {
  /** draft | in_review | published | archived | revising (a published item with a pending revision) */
  readonly status?: string;
  /** Only items this person wrote or submitted. */
  readonly authorId?: string;
  readonly type?: string;
  readonly limit: number;
}

/** Items for the editorial console, most recently changed first. */
export function queue(db: Executor, f: QueueFilter) {
  let q = db
    .selectFrom("library_items")
    .leftJoin("users", "users.id", "library_items.author_id")
    .leftJoin("organisations", "organisations.id", "library_items.organisation_id")
    .select([
      "library_items.id",
      "library_items.type",
      "library_items.status",
      "library_items.pending_status",
      "library_items.language",
      "library_items.slug",
      "library_items.title",
      "library_items.version",
      "library_items.pending_version",
      "library_items.author_id",
      "library_items.submitted_by",
      "library_items.updated_at",
      "users.display_name as author_name",
      "organisations.name as organisation_name",
    ]);
  if (f.status === "in_review")
    q = q.where((eb) =>
      eb.or([
        eb("library_items.status", "=", "in_review"),
        eb("library_items.pending_status", "=", "in_review"),
      ]),
    );
  else if (f.status === "revising") q = q.where("library_items.pending_status", "=", "draft");
  else if (f.status) q = q.where("library_items.status", "=", f.status);
  if (f.authorId) q = q.where("library_items.author_id", "=", f.authorId);
  if (f.type) q = q.where("library_items.type", "=", f.type);
  // Glossary terms are edited in data/library/glossary.json, not here.
  q = q.where("library_items.type", "<>", "term");
  return q.orderBy("library_items.updated_at", "desc").orderBy("library_items.id").limit(f.limit).execute();
}

export async function insertFile(db: Executor, row: Insertable<LibraryFilesTable>): Promise<void> {
  await db.insertInto("library_files").values(row).execute();
}

export function fileMeta(db: Executor, id: string) {
  return db
    .selectFrom("library_files")
    .select(["id", "item_id", "filename", "media_type", "size", "sha256", "created_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}

export function fileWithContent(db: Executor, id: string) {
  return db.selectFrom("library_files").selectAll().where("id", "=", id).executeTakeFirst();
}
