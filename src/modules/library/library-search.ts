import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../platform/db/database.ts";

/**
 * Full-text search over the library behind one interface: SQLite FTS5 (bm25 with column weights, porter
 * stemming for English, diacritics folded) on the embedded default, PostgreSQL full-text search (a
 * tsvector weighted A/B/C, stemmed in the item's own language) on PostgreSQL. Title counts above summary,
 * summary above body; the last word of a query also matches as a prefix ("traff" finds "trafficking").
 * Queries are never logged.
 */

/** A published item's searchable text (only published items are in the index). */
export interface SearchDocument {
  readonly itemId: string;
  readonly language: string;
  readonly type: string;
  readonly level: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly audiences?: readonly string[];
  readonly topics?: readonly string[];
  readonly countries?: readonly string[];
}

export interface SearchFilters {
  readonly type?: string;
  readonly level?: string;
  readonly language?: string;
  readonly audience?: string;
  readonly topic?: string;
  readonly country?: string;
}

export interface SearchHit {
  readonly itemId: string;
}

export interface SearchIndex {
  /** Adds or replaces a published item's text (in the transaction that publishes or edits it). */
  put(db: Executor, doc: SearchDocument): Promise<void>;
  /** Takes an item out (unpublished, archived, deleted). */
  remove(db: Executor, itemId: string): Promise<void>;
  /** Published items matching the query, best first (snippets are made for the page only: snippet.ts). */
  search(
    db: Executor,
    query: string,
    filters: SearchFilters,
    limit: number,
    offset: number,
  ): Promise<SearchHit[]>;
}

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

/** Stored text without C0 control characters (tab and line breaks kept). */
export function cleanText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 || ch === "\t" || ch === "\n" || ch === "\r") out += ch;
  }
  return out;
}

/** Filter clauses on the index table `t` (its item id, language, type and level columns). */
function filterClauses(filters: SearchFilters, t: string): RawBuilder<unknown>[] {
  const item = sql.ref(`${t}.item_id`);
  const clauses: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (filters.type) clauses.push(sql`${sql.ref(`${t}.type`)} = ${filters.type}`);
  if (filters.level) clauses.push(sql`${sql.ref(`${t}.level`)} = ${filters.level}`);
  if (filters.language) clauses.push(sql`${sql.ref(`${t}.language`)} = ${filters.language}`);
  for (const facet of ["audience", "topic", "country"] as const) {
    const value = filters[facet];
    if (value)
      clauses.push(
        sql`exists (select 1 from library_facets f where f.facet = ${facet} and f.value = ${value} and f.item_id = ${item})`,
      );
  }
  return clauses;
}

/** The filter word for a facet value: letters and digits only, so the tokenizer keeps it whole. */
export function tagWord(facet: string, value: string): string {
  return `f${facet}${value}`.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function tagsOf(doc: SearchDocument): string {
  return [
    tagWord("language", doc.language),
    tagWord("type", doc.type),
    tagWord("level", doc.level),
    ...(doc.audiences ?? []).map((v) => tagWord("audience", v)),
    ...(doc.topics ?? []).map((v) => tagWord("topic", v)),
    ...(doc.countries ?? []).map((v) => tagWord("country", v)),
  ].join(" ");
}

/** The filters as an FTS5 expression on the tags column, or undefined without filters. */
function tagFilter(filters: SearchFilters): string | undefined {
  const words = (["language", "type", "level", "audience", "topic", "country"] as const).flatMap((facet) => {
    const value = filters[facet];
    return value ? [`"${tagWord(facet, value)}"`] : [];
  });
  return words.length > 0 ? `{tags} : (${words.join(" ")})` : undefined;
}

const sqliteIndex: SearchIndex = {
  async put(db, doc) {
    await sqliteIndex.remove(db, doc.itemId);
    const { insertId } = await sql`insert into library_fts (title, summary, body, tags, item_id)
      values (${cleanText(doc.title)}, ${cleanText(doc.summary)}, ${cleanText(doc.body)}, ${tagsOf(doc)},
        ${doc.itemId})`.execute(db);
    await sql`insert into library_fts_rows (item_id, fts_rowid) values (${doc.itemId}, ${Number(insertId)})`.execute(
      db,
    );
  },
  async remove(db, itemId) {
    const { rows } = await sql<{ fts_rowid: number }>`
      select fts_rowid from library_fts_rows where item_id = ${itemId}`.execute(db);
    for (const row of rows) await sql`delete from library_fts where rowid = ${row.fts_rowid}`.execute(db);
    await sql`delete from library_fts_rows where item_id = ${itemId}`.execute(db);
  },
  async search(db, query, filters, limit, offset) {
    const words = queryWords(query);
    if (words.length === 0) return [];
    // Each word quoted (FTS5 syntax stays inert); the last one also as a prefix.
    const terms = words.map((w, k) => `"${w}"${k === words.length - 1 ? "*" : ""}`).join(" ");
    // The query's words are looked for in the text columns only, never among the filter words.
    const match = `{title summary body} : (${terms})`;
    const filter = tagFilter(filters);
    const ranked = async (expression: string, take: number, skip: number) =>
      (
        await sql<{ item_id: string }>`
          select item_id from library_fts
          where library_fts match ${filter ? `(${expression}) AND ${filter}` : expression}
          order by bm25(library_fts, 10.0, 4.0, 1.0, 0.0)
          limit ${take} offset ${skip}`.execute(db)
      ).rows.map((r) => ({ itemId: r.item_id }));
    // Items matching in their title or summary come first, then those matching in the body only, each
    // group by bm25 (title weighs 10, summary 4, body 1). Ranking a common word's tens of thousands of
    // body matches is what costs: the first pages rarely need it.
    const head = `{title summary} : (${terms})`;
    const first = await ranked(head, offset + limit, 0);
    if (first.length >= offset + limit) return first.slice(offset);
    const rest = await ranked(
      `(${match}) NOT (${head})`,
      offset + limit - first.length,
      Math.max(0, offset - first.length),
    );
    return [...first.slice(offset), ...rest].slice(0, limit);
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
    await sql`insert into library_search (item_id, config, language, type, level, document)
      values (${doc.itemId}, ${config}, ${doc.language}, ${doc.type}, ${doc.level},
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.title)}), 'A') ||
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.summary)}), 'B') ||
        setweight(to_tsvector(${config}::regconfig, ${cleanText(doc.body)}), 'C'))
      on conflict (item_id) do update set config = excluded.config, language = excluded.language,
        type = excluded.type, level = excluded.level, document = excluded.document`.execute(db);
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
    const clauses = filterClauses(filters, "s");
    const { rows } = await sql<{ item_id: string }>`
      with q as (select (${tsquery}) as query)
      select s.item_id as item_id from library_search s, q
      where s.document @@ q.query and ${sql.join(clauses, sql` and `)}
      order by ts_rank(s.document, q.query) desc, s.item_id desc
      limit ${limit} offset ${offset}`.execute(db);
    return rows.map((r) => ({ itemId: r.item_id }));
  },
};

export function searchIndexFor(dialect: "sqlite" | "postgres"): SearchIndex {
  return dialect === "sqlite" ? sqliteIndex : postgresIndex;
}
