import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation } from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

/** The query a browser sends when a step's form is submitted (hidden answers, the choice, the button). */
function stepQuery(html: string, choice: Readonly<Record<string, string | readonly string[]>>, go = "next") {
  const form = html.match(/<form id="screener-form"[\s\S]*?<\/form>/)?.[0] ?? "";
  const query = new URLSearchParams();
  for (const [, name, value] of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    query.append(name ?? "", decodeEntities(value ?? ""));
  }
  for (const [name, v] of Object.entries(choice)) for (const one of [v].flat()) query.append(name, one);
  query.append("go", go);
  return query.toString();
}

/** The question a step page asks (the fieldset's name). */
const askedOn = (html: string) => html.match(/<input type="(?:radio|checkbox)"[^>]*name="([a-z_]+)"/)?.[1];

const ADULT_SEX_TRAFFICKING: Readonly<Record<string, string | string[]>> = {
  age: "adult",
  purpose: ["sex"],
  act: ["recruited", "moved"],
  border: "yes",
  crossing: "arranged",
  means: ["deception", "debt", "documents"],
  consent: "yes",
};

describe.each(dialects())("the screener pages (%s)", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { name: "Casa Clara", countries: ["ES"] });
    await t.platform.db
      .updateTable("organisations")
      .set({ hotline_phone: "+34 900 000 111", hotline_hours: "24/7" })
      .where("id", "=", org.id)
      .execute();
  });
  afterAll(() => t.close());

  /** Walks the pages as a browser with JavaScript off would, answering what each page asks. */
  async function walk(answers: Readonly<Record<string, string | string[]>>, lang?: string) {
    const asked: string[] = [];
    const progress: string[] = [];
    let res = await t.app.inject({
      method: "GET",
      url: `/learn/screener/step${lang ? `?lang=${lang}` : ""}`,
    });
    for (let i = 0; i < 12 && res.statusCode === 200; i++) {
      const question = askedOn(res.body) ?? "";
      asked.push(question);
      progress.push(res.body.match(/<h1 class="screener-progress">([^<]*)<\/h1>/)?.[1] ?? "");
      const choice = answers[question];
      if (choice === undefined) throw new Error(`no answer for ${question}`);
      res = await t.app.inject({
        method: "GET",
        url: `/learn/screener/step?${stepQuery(res.body, { [question]: choice })}`,
      });
    }
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/learn\/screener\/result\?/);
    const result = await t.app.inject({ method: "GET", url: location });
    return { asked, progress, location, result };
  }

  it("is linked from the home page and from /help", async () => {
    for (const url of ["/", "/help", "/help?country=ES&lang=es"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.body, url).toMatch(/<a href="\/learn\/screener(\?lang=es)?">/);
    }
  });

  it("goes from the intro, one question per page, to a result that explains itself", async () => {
    const intro = await t.app.inject({ method: "GET", url: "/learn/screener" });
    expect(intro.statusCode).toBe(200);
    expect(intro.body).toContain("Is it trafficking?");
    expect(intro.body).toContain('href="/learn/screener/step"');

    const { asked, progress, result } = await walk(ADULT_SEX_TRAFFICKING);
    expect(asked).toEqual(["age", "purpose", "act", "border", "crossing", "means", "consent"]);
    expect(progress[0]).toMatch(/^Question 1 of about \d+$/);
    expect(progress[6]).toBe("Question 7 of about 7");

    expect(result.statusCode).toBe(200);
    const html = decodeEntities(result.body);
    expect(html).toContain("This may well be trafficking");
    // Why: the elements, with the answers they rest on, in plain words.
    expect(html).toContain("The means: the person was controlled in a way the law names.");
    expect(html).toContain("Their passport or identity papers taken from them");
    expect(html).toContain("their agreement does not count");
    // What next: report, learn more, and a reminder it is not a legal determination.
    expect(html).toContain('href="/report"');
    expect(html).toContain('href="/learn"');
    expect(html).toContain("This is not a legal determination.");
  });

  it("shows the chosen country's emergency number and hotlines, keeping the answers", async () => {
    const { location } = await walk(ADULT_SEX_TRAFFICKING);
    const res = await t.app.inject({ method: "GET", url: `${location}&country=ES` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="tel:112"');
    expect(res.body).toContain("Casa Clara");
    expect(res.body).toContain('href="tel:+34 900 000 111"');
    expect(res.body).toContain("This may well be trafficking");
    // The country form carries the answers, so choosing another country keeps the result.
    expect(res.body).toMatch(/<input type="hidden" name="means" value="debt"/);
    // From the browser's language when none is chosen.
    const byLanguage = await t.app.inject({
      method: "GET",
      url: location,
      headers: { "accept-language": "es-ES,es;q=0.9" },
    });
    expect(byLanguage.body).toContain("Casa Clara");
    expect(byLanguage.body).toContain("Es muy posible que sea trata");
  });

  it("does not ask a child's path about means, and finds trafficking without any", async () => {
    const { asked, result } = await walk({
      age: "child",
      purpose: ["sex"],
      act: ["harboured", "received"],
      border: "no",
      consent: "yes",
    });
    expect(asked).not.toContain("means");
    expect(asked).toEqual(["age", "purpose", "act", "border", "consent"]);
    const html = decodeEntities(result.body);
    expect(html).toContain("This may well be trafficking");
    expect(html).toContain("For a child, no threat, force or deception is needed");
    expect(html).toContain("child protection services");
  });

  it("tells smuggling apart, and asks what happened on arrival", async () => {
    const { asked, result } = await walk({
      age: "adult",
      purpose: ["none"],
      work: ["none"],
      act: ["moved"],
      border: "yes",
      crossing: "paid_helper",
      arrival: "ended",
      means: ["none"],
      consent: "yes",
    });
    expect(asked).toContain("arrival");
    expect(decodeEntities(result.body)).toContain("This sounds like smuggling, not trafficking");
  });

  it("goes back a question with the answers kept, and from the first back to the intro", async () => {
    const back = await t.app.inject({
      method: "GET",
      url: "/learn/screener/step?age=adult&purpose=labour&purpose=domestic&at=act&go=back",
    });
    expect(back.statusCode).toBe(200);
    expect(askedOn(back.body)).toBe("work");
    expect(back.body).toContain("Question 3 of about");
    expect(back.body).toMatch(/<input type="hidden" name="purpose" value="domestic"/);
    const first = await t.app.inject({ method: "GET", url: "/learn/screener/step?age=adult&at=age&go=back" });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe("/learn/screener");
    // Editing an earlier answer shows it selected.
    const edit = await t.app.inject({ method: "GET", url: "/learn/screener/step?age=child&at=age" });
    expect(edit.body).toMatch(/<input type="radio" id="f-age" name="age" value="child" checked/);
  });

  it("asks again, with a 400 and an error summary, when Next is pressed without an answer", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/learn/screener/step?age=adult&at=purpose&go=next",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("There is a problem");
    expect(decodeEntities(res.body)).toContain('Choose at least one answer, or "I don\'t know".');
    expect(res.body).toContain('href="#f-purpose"');
    expect(askedOn(res.body)).toBe("purpose");
  });

  it("ignores forged and unknown values rather than failing", async () => {
    const forged = [
      "/learn/screener/step?age=%3Cscript%3E&at=nowhere&go=sideways",
      "/learn/screener/step?age=adult&age=child&means=force&at=means&go=next",
      "/learn/screener/step?at[x]=1&age[]=adult&purpose[a]=sex&country=ZZZZZZ",
      "/learn/screener/step?switchLang=xx&lang=zz",
      `/learn/screener/step?age=${"a".repeat(5000)}`,
      "/learn/screener/result?age=child&means=threat&purpose=%00&country=%3Cb%3E",
      "/learn/screener/result?country=es&country=fr",
    ];
    for (const url of forged) {
      const res = await t.app.inject({ method: "GET", url });
      expect([200, 303, 400], url).toContain(res.statusCode);
      expect(res.body).not.toContain("<script>");
    }
    // A single-choice question given two answers keeps the first; means are not asked of a child.
    const two = await t.app.inject({ method: "GET", url: "/learn/screener/step?age=adult&age=child&at=age" });
    expect(two.body).toMatch(/value="adult" checked/);
    const child = await t.app.inject({ method: "GET", url: "/learn/screener/step?age=child&at=means" });
    expect(askedOn(child.body)).toBe("purpose");
  });

  it("switches language on a question without losing the answers", async () => {
    const res = await t.app.inject({
      method: "GET",
      url: "/learn/screener/step?age=adult&at=purpose&purpose=sex&switchLang=ar",
    });
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toContain("lang=ar");
    const page = await t.app.inject({ method: "GET", url: location });
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toMatch(/value="sex" checked/);
    expect(page.body).toMatch(/<input type="hidden" name="age" value="adult"/);
    expect(page.body).toMatch(/<input type="hidden" name="lang" value="ar"/);
  });

  it("switches language on the result without losing the answers or the country", async () => {
    const { location } = await walk(ADULT_SEX_TRAFFICKING);
    const res = await t.app.inject({ method: "GET", url: `${location}&country=ES&switchLang=fr` });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: String(res.headers.location) });
    expect(page.body).toContain('<html lang="fr"');
    expect(decodeEntities(page.body)).toContain("Il pourrait bien s'agir de traite");
    expect(page.body).toContain('href="tel:112"');
    // The switcher on the result page is a button of the form that carries the answers.
    expect(page.body).toMatch(
      /<button type="submit" form="screener-result-form" name="switchLang" value="es"/,
    );
  });

  it("stores nothing, sets no cookie, sends no referrer, and logs no answer", async () => {
    const before = await t.dumpAllRows();
    const marker = "debt";
    const responses: LightMyRequestResponse[] = [];
    const { location } = await walk({ ...ADULT_SEX_TRAFFICKING, means: ["force", marker] });
    for (const url of ["/learn/screener", `${location}&country=ES`, `${location}&lang=fr`]) {
      responses.push(await t.app.inject({ method: "GET", url }));
    }
    for (const res of responses) {
      expect(res.headers["set-cookie"]).toBeUndefined();
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
    expect(await t.dumpAllRows()).toBe(before);
    const logs = t.logs.join("");
    expect(logs).toContain("/learn/screener/result"); // requests were logged...
    for (const answer of ["means=", "age=adult", "crossing", "deception", marker, "country=ES"]) {
      expect(logs).not.toContain(answer); // ...by path only
    }
  });
});
