import { newId } from "../../platform/db/ids.ts";
import { AppError, type FieldProblem } from "../../platform/http/errors.ts";
import type { Platform } from "../../platform/platform.ts";
import type * as repo from "./library.repository.ts";
import { AUDIENCES, LEVELS, TOPICS } from "./seed-content.ts";

/** What a library item holds and how it is checked: the editable types, their fields, the content checks. */

export const EDITABLE_TYPES = ["article", "guide", "best_practice", "resource", "story"] as const;

export type EditableType = (typeof EDITABLE_TYPES)[number];

/** What a member of any organisation may submit for review. */
export const SUBMITTABLE_TYPES = ["best_practice", "resource"] as const;

export const MAX_BODY = 100_000;

/** The details a type carries besides its text (labels live in the i18n catalogue `library.field.*`). */
export const DETAIL_FIELDS: Readonly<Record<EditableType, readonly string[]>> = {
  article: ["sources"],
  guide: ["sources"],
  best_practice: ["problem", "actions", "where", "evidence", "contact"],
  resource: ["publisher", "year", "resourceLanguage", "licence", "url"],
  story: ["contentNote"],
};

export const REQUIRED_DETAILS: Readonly<Record<EditableType, readonly string[]>> = {
  article: [],
  guide: [],
  best_practice: ["problem", "actions", "where", "evidence", "contact"],
  resource: ["publisher", "year", "resourceLanguage", "licence"],
  story: [],
};

export interface ItemContent {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
  readonly level: string;
  readonly audiences: readonly string[];
  readonly topics: readonly string[];
  readonly countries: readonly string[];
  readonly details: Readonly<Record<string, string>>;
}

export interface NewDraft extends ItemContent {
  readonly type: string;
  readonly language: string;
  /** Another item this one translates (shares its translation group). */
  readonly translationOf?: string;
}

/** A form's problems, field by field (codes are `library.error.<code>` in the catalogue). */
export class LibraryInvalid extends AppError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super("library_invalid", 400, "Some fields need attention", problems);
  }
}

export function problem(field: string, code: string): FieldProblem {
  return { field, code, message: code };
}

/** Checks and tidies an item's content for its type; throws LibraryInvalid listing every problem. */
export function checkContent(
  p: Platform,
  type: EditableType,
  c: ItemContent,
  options: { hasFile?: boolean } = {},
): ItemContent {
  const problems: FieldProblem[] = [];
  const title = c.title.trim();
  if (title.length < 3 || title.length > 200) problems.push(problem("title", "title"));
  const summary = c.summary.trim();
  if (summary.length === 0 || summary.length > 600) problems.push(problem("summary", "summary"));
  if (c.body.length > MAX_BODY) problems.push(problem("body", "bodyLong"));
  if ((type === "article" || type === "guide" || type === "story") && c.body.trim().length === 0)
    problems.push(problem("body", "body"));
  if (!(LEVELS as readonly string[]).includes(c.level)) problems.push(problem("level", "level"));
  const audiences = [...new Set(c.audiences)];
  if (audiences.length === 0 || audiences.some((a) => !(AUDIENCES as readonly string[]).includes(a)))
    problems.push(problem("audiences", "audiences"));
  const topics = [...new Set(c.topics)];
  if (topics.length === 0 || topics.some((x) => !(TOPICS as readonly string[]).includes(x)))
    problems.push(problem("topics", "topics"));
  const countries = [...new Set(c.countries.map((x) => x.trim().toUpperCase()).filter(Boolean))];
  if (countries.some((x) => !p.countries.has(x))) problems.push(problem("countries", "countries"));
  const details: Record<string, string> = {};
  for (const field of DETAIL_FIELDS[type]) {
    const value = (c.details[field] ?? "").trim();
    if (value.length > 5000) problems.push(problem(field, "detailLong"));
    else if (value) details[field] = value;
    else if (REQUIRED_DETAILS[type].includes(field)) problems.push(problem(field, "required"));
  }
  if (type === "resource") {
    const year = Number(details.year);
    if (details.year && !(Number.isInteger(year) && year >= 1900 && year <= new Date().getUTCFullYear() + 1))
      problems.push(problem("year", "year"));
    if (details.url && !isHttpsUrl(details.url)) problems.push(problem("url", "url"));
    const fileId = c.details.fileId;
    if (fileId) details.fileId = fileId;
    if (!details.url && !fileId && !options.hasFile) problems.push(problem("url", "linkOrFile"));
  }
  if (problems.length > 0) throw new LibraryInvalid(problems);
  return {
    title,
    summary,
    body: c.body.replace(/\r\n/g, "\n"),
    level: c.level,
    audiences,
    topics,
    countries,
    details,
  };
}

export function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

/** A slug from a title: lower-case letters and digits joined by hyphens (accents dropped). */
export function slugify(title: string): string {
  const base = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  // Scripts without Latin letters (Arabic titles) keep a short random slug rather than an empty one.
  return /^[a-z0-9-]+$/.test(base) && base.length > 0 ? base : `item-${newId().slice(-8).toLowerCase()}`;
}

export function facetValues(c: ItemContent): repo.FacetValues {
  return { audience: c.audiences, topic: c.topics, country: c.countries };
}

export function contentOf(v: repo.VersionRow): ItemContent {
  const facets = JSON.parse(v.facets) as Partial<repo.FacetValues>;
  return {
    title: v.title,
    summary: v.summary,
    body: v.body,
    level: v.level,
    audiences: facets.audience ?? [],
    topics: facets.topic ?? [],
    countries: facets.country ?? [],
    details: JSON.parse(v.details) as Record<string, string>,
  };
}
