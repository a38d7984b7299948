import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";

/**
 * Full-text search over the library behind one interface: SQLite FTS5 (bm25 with column weights, porter
 * stemming for English, diacritics folded) on the embedded default, PostgreSQL full-text search (a
 * tsvector weighted A/B/C, stemmed in the item's own language) on PostgreSQL. Title counts above summary,
 * summary above body; the last word of a query also matches as a prefix ("traff" finds "trafficking").
 * Queries are never logged.
 */

export interface SearchDocument {
  readonly itemId: string;
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

export interface SearchFilters {
  readonly type?: string;
  readonly level?: string;
  readonly language?: string;
  readonly audience?: string;
  readonly topic?: string;
  readonly country?: string;
}

/** A piece of a snippet: `hit` pieces are the words that matched (shown marked). */
export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

export interface SearchHit {
  readonly itemId: string;
  readonly snippet: readonly SnippetPart[];
}

export interface SearchIndex {
  /** Adds or replaces an item's text (call inside the transaction that changes it). */
  put(db: Executor, doc: SearchDocument): Promise<void>;
  remove(db: Executor, itemId: string): Promise<void>;
  /** Published items matching the query, best first. */
  search(
    db: Executor,
    query: string,
    filters: SearchFilters,
    limit: number,
    offset: number,
  ): Promise<SearchHit[]>;
}

// Control characters mark hits in snippets: they cannot occur in stored text (it is validated), so the
// snippet can be split into parts and escaped by the view, never trusted as HTML.
const START = "\u0002";
const STOP = "\u0003";

/** The words of a query: letters and digits of any script, at most 12, each at most 40 characters. */
export function queryWords(query: string): string[] {
  return (
    query
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .slice(0, 12)
    .map((w) => w.slice(0, 40));
}

/** Splits a snippet with START/STOP marks into parts. */
export function snippetParts(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const piece of marked.split(START)) {
    const stop = piece.indexOf(STOP);
    if (stop === -1) {
      if (piece) parts.push({ text: piece, hit: false });
      continue;
    }
    if (stop > 0) parts.push({ text: piece.slice(0, stop), hit: true });
    const rest = piece.slice(stop + 1);
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

/** Stored text without the snippet marks (and other C0 controls but tab and newline). */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

function filterClauses(filters: SearchFilters, item: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const clauses: RawBuilder<unknown>[] = [sql`i.status = 'published'`];
  if (filters.type) clauses.push(sql`i.type = ${filters.type}`);
  if (filters.level) clauses.push(sql`i.level = ${filters.level}`);
  if (filters.language) clauses.push(sql`i.language = ${filters.language}`);
  for (const facet of ["audience", "topic", "country"] as const) {
    const value = filters[facet];
    if (value)
      clauses.push(
        sql`exists (select 1 from library_facets f where f.facet = ${facet} and f.value = ${value} and f.item_id = ${item})`,
      );
  }
  return clauses;
}

const sqliteIndex: SearchIndex = {
  async put(db, doc) {
    await sql`delete from library_fts where item_id = ${doc.itemId}`.execute(db);
    await sql`insert into library_fts (title, summary, body, item_id)
      values (${cleanText(doc.title)}, ${cleanText(doc.summary)}, ${cleanText(doc.body)}, ${doc.itemId})`.execute(
      db,
    );
  },
  async remove(db, itemId) {
    await sql`delete from library_fts where item_id = ${itemId}`.execute(db);
  },
  async search(db, query, filters, limit, offset) {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Each word quoted (FTS5 syntax stays inert); the last one also as a prefix.
    const match = words.map((w, k) => `"${w}"${k === words.length - 1 ? "*" : ""}`).join(" ");
    const clauses = filterClauses(filters, sql.ref("library_fts.item_id"));
    const { rows } = await sql<{ item_id: string; snippet: string }>`
      select library_fts.item_id as item_id,
             snippet(library_fts, -1, ${START}, ${STOP}, '…', 24) as snippet
      from library_fts join library_items i on i.id = library_fts.item_id
      where library_fts match ${match} and ${sql.join(clauses, sql` and `)}
      order by bm25(library_fts, 10.0, 4.0, 1.0), i.published_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => ({ itemId: r.item_id, snippet: snippetParts(r.snippet) }));
  },
};

/** PostgreSQL's text search configuration for a language (Arabic has its own stemmer since PG 12). */
export function pgConfig(language: string): string {
  return (
    {
      en: "english",
      es: "spanish",
      fr: "french",
      ar: "arabic",
      pt: "portuguese",
      it: "italian",
      de: "german",
    }[language] ?? "simple"
  );
}

const postgresIndex: SearchIndex = {
  async put(db, doc) {
    const config = pgConfig(doc.language);
    await sql`insert into library_search (item_id, config, document)
      values (${doc.itemId}, ${config},
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.title)}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.summary)}), 'B') ||
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.body)}), 'C'))
      on conflict (item_id) do update set config = excluded.config, document = excluded.document`.execute(db);
  },
  async remove(db, itemId) {
    await sql`delete from library_search where item_id = ${itemId}`.execute(db);
  },
  async search(db, query, filters, limit, offset) {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Words joined with AND; the last also as a prefix. Only letters and digits reach to_tsquery.
    const text = words.map((w, k) => (k === words.length - 1 ? `${w}:*` : w)).join(" & ");
    const configs = filters.language
      ? [pgConfig(filters.language)]
      : ["english", "spanish", "french", "arabic", "simple"];
    const tsquery = sql.join(
      configs.map((c) => sql`to_tsquery(${c}::regconfig, ${text})`),
      sql` || `,
    );
    const clauses = filterClauses(filters, sql.ref("s.item_id"));
    const { rows } = await sql<{ item_id: string; snippet: string }>`
      with q as (select (${tsquery}) as query)
      select s.item_id as item_id,
        ts_headline(s.config::regconfig, i.summary || ' ' || i.body, q.query,
          ${`StartSel="${START}", StopSel="${STOP}", MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter="…"`}) as snippet
      from library_search s join library_items i on i.id = s.item_id, q
      where s.document @@ q.query and ${sql.join(clauses, sql` and `)}
      order by ts_rank(s.document, q.query) desc, i.published_at desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => ({ itemId: r.item_id, snippet: snippetParts(r.snippet) }));
  },
};

export function searchIndexFor(dialect: "sqlite" | "postgres"): SearchIndex {
  return dialect === "sqlite" ? sqliteIndex : postgresIndex;
}
