import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { GLOSSARY } from "./glossary.ts";

/**
 * The library's seed content: articles and starter kits written by the Lantern team, kept as files in
 * `data/library/` (Markdown bodies, JSON metadata) so they can be reviewed and translated like code.
 * This file only validates and reads them; loading them into the database is the library service's job.
 */

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../data/library");

export const SEED_LANGUAGES = ["en", "es", "fr"] as const;
export const AUDIENCES = [
  "youth",
  "parents_teachers",
  "rural_communities",
  "men_boys",
  "faith_communities",
  "officials_police",
  "health_workers",
  "ngo_staff",
  "journalists",
] as const;
export const TOPICS = [
  "sex_trafficking",
  "labour_trafficking",
  "child_trafficking",
  "online_exploitation",
  "forced_marriage",
  "organ_trafficking",
  "baby_trafficking",
  "demand",
  "prevention",
  "survivor_support",
  "law_policy",
  "money_supply_chains",
] as const;
export const LEVELS = ["first_steps", "practitioner", "expert"] as const;

/**
 * Ids of the glossary's terms, taken from the glossary itself (`data/library/glossary.json`, validated by
 * `glossary.ts`), so a link to any existing term is valid and a link to a missing one is not.
 */
export const GLOSSARY_IDS: readonly string[] = GLOSSARY.entries.map((entry) => entry.id);

/** Site paths an article may link to besides other articles and glossary terms. */
export const ALLOWED_PATHS = ["/report", "/help", "/learn/screener"] as const;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a slug is lower-case words joined by hyphens");
const text = z.string().trim().min(1);

function perLanguage<T extends z.ZodType>(schema: T) {
  return z.strictObject({ en: schema, es: schema, fr: schema });
}

export const ArticleMetaSchema = z.strictObject({
  slug,
  type: z.enum(["article", "guide"]),
  level: z.enum(LEVELS),
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  topics: z.array(z.enum(TOPICS)).min(1),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)),
  translations: perLanguage(z.strictObject({ title: text, summary: text })),
  sources: z.array(text),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

export const KitItemSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("article"), slug }),
  z.strictObject({ kind: z.literal("glossary"), id: slug }),
  z.strictObject({ kind: z.literal("screener") }),
  z.strictObject({
    kind: z.literal("text"),
    translations: perLanguage(z.strictObject({ title: text, body: text })),
  }),
]);
export type KitItem = z.infer<typeof KitItemSchema>;

export const KitSchema = z.strictObject({
  slug,
  audiences: z.array(z.enum(AUDIENCES)).min(1),
  translations: perLanguage(z.strictObject({ title: text, introduction: text })),
  items: z.array(KitItemSchema).min(1),
});
export type Kit = z.infer<typeof KitSchema>;

export type SeedLanguage = (typeof SEED_LANGUAGES)[number];
export interface SeedArticle {
  readonly meta: ArticleMeta;
  readonly bodies: Readonly<Record<SeedLanguage, string>>;
}
export interface SeedContent {
  readonly articles: readonly SeedArticle[];
  readonly kits: readonly Kit[];
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`${where}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Reads and validates every article folder and kit file under `root` (throws on the first invalid file). */
export function loadSeedContent(root: string = SEED_DIR): SeedContent {
  const articleDir = path.join(root, "articles");
  const articles = fs
    .readdirSync(articleDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name): SeedArticle => {
      const dir = path.join(articleDir, name);
      const meta = parseOrThrow(
        ArticleMetaSchema,
        readJson(path.join(dir, "meta.json")),
        `${name}/meta.json`,
      );
      if (meta.slug !== name)
        throw new Error(`${name}/meta.json: slug "${meta.slug}" is not the folder's name`);
      const read = (lang: SeedLanguage) => fs.readFileSync(path.join(dir, `${lang}.md`), "utf8");
      return { meta, bodies: { en: read("en"), es: read("es"), fr: read("fr") } };
    });
  const kitDir = path.join(root, "kits");
  const kits = fs
    .readdirSync(kitDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => {
      const kit = parseOrThrow(KitSchema, readJson(path.join(kitDir, name)), `kits/${name}`);
      if (`${kit.slug}.json` !== name)
        throw new Error(`kits/${name}: slug "${kit.slug}" is not the file's name`);
      return kit;
    });
  return { articles, kits };
}

/** Words of a Markdown text: tokens holding a letter or digit (so "##", "-" and "—" do not count). */
export function wordCount(markdown: string): number {
  return markdown.split(/\s+/u).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Targets of the Markdown links `[text](target)` in a body. */
export function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]*)\)/gu)].map((match) => match[1]!);
}

/** Whether a link target is one the seed content may use: an existing article, a glossary term, or a site path. */
export function isAllowedLink(
  target: string,
  articleSlugs: ReadonlySet<string>,
  glossaryIds: readonly string[] = GLOSSARY_IDS,
): boolean {
  const article = /^\/learn\/articles\/([a-z0-9-]+)$/u.exec(target);
  if (article) return articleSlugs.has(article[1]!);
  const term = /^\/learn\/glossary\/([a-z0-9-]+)$/u.exec(target);
  if (term) return glossaryIds.includes(term[1]!);
  return (ALLOWED_PATHS as readonly string[]).includes(target);
}

/** Raw HTML tags, comments and images, none of which a seed body may hold. */
export function forbiddenMarkup(markdown: string): string[] {
  return [...markdown.matchAll(/<\/?[a-z][^>]*>|<!--|!\[[^\]]*\]\(/giu)].map((match) => match[0]);
}

/**
 * Words that name a person by prostitution ("prostitute", "prostituta", "prostituée", "prostituted"...):
 * every word starting with "prostitu" except the nouns for the activity itself. Each hit says whether
 * it sits inside quotation marks on its line, i.e. is quoted as someone else's term.
 */
export function personLabelsForProstitution(markdown: string): { word: string; quoted: boolean }[] {
  const hits: { word: string; quoted: boolean }[] = [];
  for (const line of markdown.split("\n")) {
    const quotes = [...line.matchAll(/“[^”]*”|"[^"]*"|«[^»]*»/gu)].map((m) => [
      m.index,
      m.index + m[0].length,
    ]);
    for (const match of line.matchAll(/(?<!\p{L})prostitu\p{L}*/giu)) {
      if (/^prostitu(?:tion|tions|ción|ciones)$/iu.test(match[0])) continue;
      const at = match.index;
      hits.push({ word: match[0], quoted: quotes.some(([start, end]) => at > start! && at < end!) });
    }
  }
  return hits;
}
