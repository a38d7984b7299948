import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GLOSSARY } from "../../src/modules/library/glossary.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("the public glossary (%s)", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, headers });
  const termLinks = (html: string) =>
    [...html.matchAll(/<dt><a href="\/learn\/glossary\/([a-z0-9-]+)/g)].map((m) => m[1]);

  it("lists at least 60 terms from A to Z with letter jumps that land on a heading, and sets no cookie", async () => {
    const res = await get("/learn/glossary");
    expect(res.statusCode).toBe(200);
    expect(res.headers["set-cookie"]).toBeUndefined();
    const ids = termLinks(res.body);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    // The index is alphabetical: "Abuse of a position..." comes before "Wage theft".
    expect(ids.indexOf("abuse-of-vulnerability")).toBeLessThan(ids.indexOf("wage-theft"));
    const jumps = [...res.body.matchAll(/<a href="#(letter-\d+)">([^<]+)<\/a>/g)];
    expect(jumps.map((m) => m[2])).toEqual(expect.arrayContaining(["A", "C", "T"]));
    for (const [, anchor] of jumps) expect(res.body).toContain(`id="${anchor}"`);
    expect(res.body).toContain('name="q"');
  });

  it("shows the index in Arabic, right to left, filed under Arabic letters", async () => {
    const res = await get("/learn/glossary", { "accept-language": "ar" });
    expect(res.body).toMatch(/<html lang="ar" dir="rtl">/);
    const letters = [...res.body.matchAll(/<a href="#letter-\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(letters).toEqual(expect.arrayContaining(["ا", "ت", "م"]));
    expect(decodeEntities(res.body)).toContain("الاتجار بالأشخاص");
  });

  it("shows a term page in Arabic, right to left, with the Arabic definition, related terms and other languages", async () => {
    const res = await get("/learn/glossary/trafficking-in-persons?lang=ar");
    expect(res.statusCode).toBe(200);
    const body = decodeEntities(res.body);
    expect(body).toMatch(/<html lang="ar" dir="rtl">/);
    const arabic = GLOSSARY.term("trafficking-in-persons", "ar")!;
    expect(body).toContain(`<h1>${arabic.term}</h1>`);
    expect(body).toContain(arabic.definition);
    expect(body).not.toContain(GLOSSARY.term("trafficking-in-persons", "en")!.definition);
    // Related terms are named in Arabic and keep the chosen language.
    expect(body).toContain(`href="/learn/glossary/smuggling-of-migrants?lang=ar">تهريب المهاجرين</a>`);
    // "Also in": each other language, labelled in that language.
    expect(body).toMatch(
      /href="\/learn\/glossary\/trafficking-in-persons\?lang=es" lang="es" hrefLang="es"[^>]*>Español: Trata de personas</i,
    );
    expect(body).toContain("Palermo Protocol, art. 3(a)");
  });

  it("shows a term's note when it has one, and every term page answers in every language", async () => {
    const res = await get("/learn/glossary/purpose?lang=fr");
    expect(decodeEntities(res.body)).toContain(GLOSSARY.term("purpose", "fr")!.note!);
    for (const entry of GLOSSARY.entries) {
      const page = await get(`/learn/glossary/${entry.id}`);
      expect([entry.id, page.statusCode]).toEqual([entry.id, 200]);
      expect(decodeEntities(page.body)).toContain(entry.terms.en.definition);
    }
  });

  it("answers an unknown or malformed term with the friendly 404 page", async () => {
    for (const url of [
      "/learn/glossary/no-such-term",
      "/learn/glossary/%3Cscript%3E",
      "/learn/glossary/..%2F..%2Fpackage.json",
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(res.body).toContain("We could not find that page");
    }
    const spanish = await get("/learn/glossary/no-such-term?lang=es");
    expect(spanish.statusCode).toBe(404);
    expect(spanish.body).toMatch(/<html lang="es"/);
  });

  it('finds "trata" in Spanish, accents and case ignored, and links to the Spanish term', async () => {
    const res = await get("/learn/glossary?lang=es&q=trata");
    expect(res.statusCode).toBe(200);
    const body = decodeEntities(res.body);
    expect(body).toContain('href="/learn/glossary/trafficking-in-persons?lang=es">Trata de personas</a>');
    expect(body).toContain("Resultados para «trata»");
    expect(body).toMatch(/Se encontraron \d+ términos\./);
    expect(body).toContain('value="trata"');
    const accents = decodeEntities((await get("/learn/glossary?lang=es&q=EXPLOTACION")).body);
    expect(accents).toContain(">Explotación sexual</a>");
    // The search keeps the chosen language in a hidden field.
    expect(res.body).toMatch(/<input type="hidden" name="lang" value="es"/);
  });

  it("says so when nothing matches, escapes what was typed, and cuts very long queries", async () => {
    const none = await get(`/learn/glossary?q=${encodeURIComponent('<b>zzz"</b>')}`);
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain("<b>zzz");
    expect(decodeEntities(none.body)).toContain('Search results for “<b>zzz"</b>”');
    expect(none.body).toContain("No term starts with these letters.");
    expect(termLinks(none.body)).toEqual([]);
    const long = await get(`/learn/glossary?q=${"a".repeat(5000)}`);
    expect(long.statusCode).toBe(200);
    const repeated = await get("/learn/glossary?q=a&q=b");
    expect(repeated.statusCode).toBe(200);
  });
});
