import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  forbiddenMarkup,
  GLOSSARY_IDS,
  isAllowedLink,
  linkTargets,
  loadSeedContent,
  personLabelsForProstitution,
  SEED_DIR,
  SEED_LANGUAGES,
  wordCount,
} from "./seed-content.ts";

const content = loadSeedContent();
const slugs = new Set(content.articles.map((a) => a.meta.slug));
const NORDIC_MODEL_ARTICLE = "demand-and-the-nordic-model-debate";

/** One subject each, as issue 5 lists them. */
const EXPECTED_ARTICLES = [
  "what-trafficking-is-and-is-not",
  "trafficking-and-smuggling",
  "signs-to-recognise",
  "if-you-suspect-trafficking",
  "online-safety-and-sexting",
  "how-traffickers-recruit",
  "supporting-a-survivor",
  "victim-centred-language",
  NORDIC_MODEL_ARTICLE,
  "following-the-money",
  "labour-trafficking-in-supply-chains",
  "organising-a-community-awareness-event",
];

describe("seed articles", () => {
  it("holds the twelve articles of the issue, each in English, Spanish and French", () => {
    expect([...slugs].sort()).toEqual([...EXPECTED_ARTICLES].sort());
    for (const { meta, bodies } of content.articles) {
      for (const lang of SEED_LANGUAGES) {
        expect(bodies[lang].trim().length, `${meta.slug}/${lang}.md`).toBeGreaterThan(0);
        expect(meta.translations[lang].title.trim(), `${meta.slug} ${lang} title`).not.toBe("");
        expect(meta.translations[lang].summary.trim(), `${meta.slug} ${lang} summary`).not.toBe("");
      }
      expect(meta.sources.length, `${meta.slug} names its sources`).toBeGreaterThan(0);
    }
  });

  it("has English bodies of 450 to 900 words and translations of 60 to 160 % of the English", () => {
    for (const { meta, bodies } of content.articles) {
      const english = wordCount(bodies.en);
      expect(english, `${meta.slug}/en.md words`).toBeGreaterThanOrEqual(450);
      expect(english, `${meta.slug}/en.md words`).toBeLessThanOrEqual(900);
      for (const lang of ["es", "fr"] as const) {
        const ratio = wordCount(bodies[lang]) / english;
        expect(ratio, `${meta.slug}/${lang}.md length against English`).toBeGreaterThanOrEqual(0.6);
        expect(ratio, `${meta.slug}/${lang}.md length against English`).toBeLessThanOrEqual(1.6);
      }
    }
  });

  it("gives every translation the same outline of ## sections as the English", () => {
    const sections = (body: string) => body.split("\n").filter((line) => line.startsWith("## ")).length;
    for (const { meta, bodies } of content.articles) {
      expect(sections(bodies.en), `${meta.slug}/en.md has sections`).toBeGreaterThanOrEqual(3);
      expect(sections(bodies.es), `${meta.slug}/es.md`).toBe(sections(bodies.en));
      expect(sections(bodies.fr), `${meta.slug}/fr.md`).toBe(sections(bodies.en));
      for (const lang of SEED_LANGUAGES) {
        expect(
          /^# /mu.test(bodies[lang]),
          `${meta.slug}/${lang}.md: the title is in meta.json, not a # heading`,
        ).toBe(false);
      }
    }
  });

  it("links only to existing articles, known glossary terms and allowed site paths", () => {
    for (const { meta, bodies } of content.articles) {
      for (const lang of SEED_LANGUAGES) {
        for (const target of linkTargets(bodies[lang])) {
          expect(isAllowedLink(target, slugs), `${meta.slug}/${lang}.md links to ${target}`).toBe(true);
        }
        expect(bodies[lang], `${meta.slug}/${lang}.md has no bare web address`).not.toMatch(/:\/\/|www\./u);
      }
    }
  });

  it("has no raw HTML, comment or image in any body", () => {
    for (const { meta, bodies } of content.articles) {
      for (const lang of SEED_LANGUAGES) {
        expect(forbiddenMarkup(bodies[lang]), `${meta.slug}/${lang}.md`).toEqual([]);
      }
    }
  });

  it("never calls a person a prostitute, except as a quoted term in the Nordic model article", () => {
    let quotedInNordicArticle = 0;
    for (const { meta, bodies } of content.articles) {
      const texts = SEED_LANGUAGES.flatMap((lang) => [
        bodies[lang],
        meta.translations[lang].title,
        meta.translations[lang].summary,
      ]);
      for (const hit of texts.flatMap(personLabelsForProstitution)) {
        const where = `${meta.slug}: "${hit.word}"`;
        expect(meta.slug === NORDIC_MODEL_ARTICLE && hit.quoted, where).toBe(true);
        quotedInNordicArticle += 1;
      }
    }
    for (const kit of content.kits) {
      expect(JSON.stringify(kit).match(/prostitu(?!tion|ción)/giu), kit.slug).toBeNull();
    }
    // The debate article does quote the terms its two sides use, so this test exercises the exception.
    expect(quotedInNordicArticle).toBeGreaterThan(0);
  });
});

describe("starter kits", () => {
  it("has a kit for a new volunteer group and one for a school, in three languages", () => {
    expect(content.kits.map((kit) => kit.slug).sort()).toEqual(["school", "volunteer-group"]);
  });

  it("references only existing articles and known glossary terms, each once", () => {
    for (const kit of content.kits) {
      const refs: string[] = [];
      for (const item of kit.items) {
        if (item.kind === "article") {
          expect(slugs.has(item.slug), `${kit.slug} → article ${item.slug}`).toBe(true);
          refs.push(`article:${item.slug}`);
        }
        if (item.kind === "glossary") {
          expect(GLOSSARY_IDS, `${kit.slug} → glossary ${item.id}`).toContain(item.id);
          refs.push(`glossary:${item.id}`);
        }
      }
      expect(new Set(refs).size, `${kit.slug} repeats an item`).toBe(refs.length);
    }
  });

  it("keeps its own texts to the same rules as the articles", () => {
    for (const kit of content.kits) {
      for (const lang of SEED_LANGUAGES) {
        const texts = [
          kit.translations[lang].introduction,
          ...kit.items.flatMap((item) => (item.kind === "text" ? [item.translations[lang].body] : [])),
        ];
        for (const body of texts) {
          expect(forbiddenMarkup(body), `${kit.slug}/${lang}`).toEqual([]);
          for (const target of linkTargets(body)) {
            expect(isAllowedLink(target, slugs), `${kit.slug}/${lang} links to ${target}`).toBe(true);
          }
        }
      }
    }
  });
});

describe("the checks themselves", () => {
  it("counts words, not Markdown marks", () => {
    expect(wordCount("## A title\n\n- one item — and 2 more\n")).toBe(7);
  });

  it("refuses a link to a missing article, an unknown glossary term or another site", () => {
    const known = new Set(["trafficking-and-smuggling"]);
    expect(isAllowedLink("/learn/articles/trafficking-and-smuggling", known)).toBe(true);
    expect(isAllowedLink("/learn/glossary/debt-bondage", known)).toBe(true);
    expect(isAllowedLink("/report", known)).toBe(true);
    expect(isAllowedLink("/learn/articles/no-such-article", known)).toBe(false);
    expect(isAllowedLink("/learn/glossary/no-such-term", known)).toBe(false);
    expect(isAllowedLink("https://example.org/", known)).toBe(false);
    expect(isAllowedLink("/staff/reports", known)).toBe(false);
    expect(linkTargets("See [the help page](/help) and [this](/learn/screener).")).toEqual([
      "/help",
      "/learn/screener",
    ]);
  });

  it("takes the glossary ids from the glossary file, so any existing term may be linked and no other", () => {
    const file = JSON.parse(fs.readFileSync(path.join(SEED_DIR, "glossary.json"), "utf8")) as {
      terms: { id: string }[];
    };
    const ids = file.terms.map((term) => term.id);
    expect([...GLOSSARY_IDS].sort()).toEqual([...ids].sort());
    expect(ids.length).toBeGreaterThanOrEqual(70);
    for (const id of ids) expect(isAllowedLink(`/learn/glossary/${id}`, new Set()), id).toBe(true);
    // A term the old hard-coded list did not know, then a list without it: the link follows the glossary.
    expect(isAllowedLink("/learn/glossary/cedaw-article-6", new Set())).toBe(true);
    expect(isAllowedLink("/learn/glossary/cedaw-article-6", new Set(), ["cedaw"])).toBe(false);
  });

  it("finds HTML, comments and images", () => {
    expect(forbiddenMarkup("a <b>bold</b> claim <!-- note --> ![x](/a.png)")).toEqual([
      "<b>",
      "</b>",
      "<!--",
      "![x](",
    ]);
    expect(forbiddenMarkup("if 3 < 4 and 5 > 2")).toEqual([]);
  });

  it("tells a label for a person from the word for the activity, and a quoted term from the author's own", () => {
    expect(personLabelsForProstitution("Prostitution law; la prostitución; la prostitution.")).toEqual([]);
    expect(personLabelsForProstitution("She was a prostitute.")).toEqual([
      { word: "prostitute", quoted: false },
    ]);
    expect(personLabelsForProstitution('Some say "prostituted women".')).toEqual([
      { word: "prostituted", quoted: true },
    ]);
    expect(personLabelsForProstitution("les « personnes prostituées » ; une prostituée")).toEqual([
      { word: "prostituées", quoted: true },
      { word: "prostituée", quoted: false },
    ]);
    expect(personLabelsForProstitution("“prostitutas”, dicen; prostitutas")).toEqual([
      { word: "prostitutas", quoted: true },
      { word: "prostitutas", quoted: false },
    ]);
  });

  it("rejects a meta.json with an unknown audience and a folder whose name is not the slug", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-seed-"));
    try {
      const original = path.join(SEED_DIR, "articles", "trafficking-and-smuggling");
      const copy = path.join(root, "articles", "trafficking-and-smuggling");
      fs.mkdirSync(copy, { recursive: true });
      fs.mkdirSync(path.join(root, "kits"));
      for (const file of fs.readdirSync(original))
        fs.copyFileSync(path.join(original, file), path.join(copy, file));
      expect(loadSeedContent(root).articles).toHaveLength(1);

      const meta = JSON.parse(fs.readFileSync(path.join(copy, "meta.json"), "utf8"));
      fs.writeFileSync(path.join(copy, "meta.json"), JSON.stringify({ ...meta, audiences: ["everyone"] }));
      expect(() => loadSeedContent(root)).toThrow(/audiences/u);

      fs.writeFileSync(path.join(copy, "meta.json"), JSON.stringify({ ...meta, slug: "smuggling" }));
      expect(() => loadSeedContent(root)).toThrow(/not the folder's name/u);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
