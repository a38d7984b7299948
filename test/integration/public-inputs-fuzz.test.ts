import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCircle, setStatus } from "../../src/modules/circles/circles.service.ts";
import { AGE_GROUPS, KNOWLEDGE, SECTORS } from "../../src/modules/circles/report-model.ts";
import { buildOrganisation, buildUser, csrfFor, postStaffForm, signIn } from "../support/factories.ts";
import { cookiesOf, dialects, formEncode, startTestApp, type TestApp } from "../support/harness.ts";

// The public inputs added with the library and the circles, fuzzed: whatever a phone or a script sends, the
// answer is a page or a redirect with a 2xx/3xx/4xx status, never a 5xx, and nothing invalid is stored.

const NASTY = [
  "\u0000",
  "\u202e",
  "\ud800",
  "%",
  "%zz",
  "<script>",
  "'",
  '"',
  "\\",
  "../",
  "\n",
  "ﷺ",
  "🧕",
  "Ⅷ",
  "0",
];
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 10 }),
  fc.constantFrom("x".repeat(1001), " ".repeat(50), ""),
);
const field = fc.oneof(nasty, fc.array(nasty, { maxLength: 4 }));
/** Every byte percent-encoded (a lone surrogate becomes U+FFFD, as a browser would send it). */
const enc = (s: string) => [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

describe.each(dialects())("public inputs of the library and the circles, fuzzed (%s)", (dialect) => {
  let t: TestApp;
  let code: string;
  let circleId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const user = await buildUser(t.platform, org.slug, "coordinator");
    const row = await t.platform.db
      .selectFrom("organisations")
      .select("id")
      .where("slug", "=", org.slug)
      .executeTakeFirstOrThrow();
    const scope = { userId: user.id, organisationId: row.id, role: "coordinator" };
    circleId = await createCircle(t.platform, scope, {
      title: "Fuzzed circle",
      topic: "",
      date: "2027-03-09",
      time: "10:00",
      place: "Hall",
      online: false,
      moderatorName: "M",
      moderatorAffiliation: "",
      languages: ["en", "ar"],
      questions: ["One?", "Two?"],
      reportVisibility: "members",
    });
    await setStatus(t.platform, scope, circleId, "open");
    code = (
      await t.platform.db
        .selectFrom("circles")
        .select("join_code")
        .where("id", "=", circleId)
        .executeTakeFirstOrThrow()
    ).join_code;
  });
  afterAll(() => t.close());

  const noServerError = (status: number) => expect(status).toBeLessThan(500);

  it("answers any join code, path or query with a page or a redirect, never an error", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (typed, segment) => {
        const join = await t.app.inject({
          method: "GET",
          url: `/circles/join?code=${enc(typed)}`,
        });
        expect([200, 303, 404]).toContain(join.statusCode);
        const page = await t.app.inject({
          method: "GET",
          url: `/circles/${enc(segment)}/q/1`,
        });
        noServerError(page.statusCode);
      }),
      { numRuns: 40 },
    );
  });

  it("stores only the known broad groups, whatever a join form carries", async () => {
    await fc.assert(
      fc.asyncProperty(field, field, field, async (ageGroup, knowledge, sector) => {
        const { token, cookies } = await csrfFor(t.app, `/circles/${code}`);
        const res = await t.app.inject({
          method: "POST",
          url: `/circles/${code}/join`,
          cookies,
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: formEncode({ _csrf: token, ageGroup, knowledge, sector }),
        });
        expect(res.statusCode).toBe(303);
      }),
      { numRuns: 30 },
    );
    const rows = await t.platform.db
      .selectFrom("circle_participants")
      .select(["age_group", "knowledge", "sector"])
      .where("circle_id", "=", circleId)
      .execute();
    for (const r of rows) {
      expect([null, ...AGE_GROUPS]).toContain(r.age_group);
      expect([null, ...KNOWLEDGE]).toContain(r.knowledge);
      expect([null, ...SECTORS]).toContain(r.sector);
    }
  });

  it("adds at most one response per answer form, whatever it carries, and supports only what exists", async () => {
    const { token, cookies } = await csrfFor(t.app, `/circles/${code}`);
    const joined = await t.app.inject({
      method: "POST",
      url: `/circles/${code}/join`,
      cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token }),
    });
    const participant = { ...cookies, ...cookiesOf(joined) };
    const count = async () =>
      (
        await t.platform.db
          .selectFrom("circle_responses")
          .select("id")
          .where("circle_id", "=", circleId)
          .execute()
      ).length;
    await fc.assert(
      fc.asyncProperty(
        field,
        field,
        nasty,
        fc.constantFrom("1", "2", "3", "0", "-1", "x"),
        async (text, language, responseId, n) => {
          const page = await csrfFor(t.app, `/circles/${code}/q/1`, participant);
          const before = await count();
          const answer = await t.app.inject({
            method: "POST",
            url: `/circles/${code}/q/${n}`,
            cookies: page.cookies,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            payload: formEncode({ _csrf: page.token, text, language }),
          });
          noServerError(answer.statusCode);
          const added = (await count()) - before;
          expect(added).toBeLessThanOrEqual(1);
          if (added === 1) expect(answer.statusCode).toBe(303);
          const support = await t.app.inject({
            method: "POST",
            url: `/circles/${code}/q/1/support`,
            cookies: page.cookies,
            headers: { "content-type": "application/x-www-form-urlencoded" },
            payload: formEncode({ _csrf: page.token, responseId }),
          });
          expect([303, 404, 409]).toContain(support.statusCode);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("answers any library search with a page, a 400 naming a bad filter, never an error", async () => {
    const names = ["q", "type", "audience", "level", "topic", "country", "language", "page", "lang"];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), nasty, { maxKeys: 4 }), async (params) => {
        const query = new URLSearchParams(params).toString();
        const res = await t.app.inject({ method: "GET", url: `/learn/search?${query}` });
        expect([200, 400]).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });

  it("keeps the staff forms of circles and the library to 4xx answers, whatever their fields hold", async () => {
    const org = await buildOrganisation(t.platform, { countries: ["FR"] });
    const coordinator = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
    const editor = await signIn(t.app, (await buildUser(t.platform, org.slug, "editor")).email);
    const circleFields = [
      "title",
      "topic",
      "date",
      "time",
      "place",
      "moderatorName",
      "languages",
      "questions",
      "reportVisibility",
    ];
    const libraryFields = [
      "type",
      "language",
      "title",
      "summary",
      "body",
      "level",
      "audiences",
      "topics",
      "countries",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...circleFields), field, { maxKeys: 9 }),
        fc.dictionary(fc.constantFrom(...libraryFields), field, { maxKeys: 9 }),
        async (circle, item) => {
          const a = await postStaffForm(
            t.app,
            coordinator,
            "/staff/circles/new",
            circle as Record<string, string>,
          );
          expect([303, 400]).toContain(a.statusCode);
          const b = await postStaffForm(t.app, editor, "/staff/library/new", {
            type: "article",
            ...item,
          } as Record<string, string>);
          expect([303, 400, 404]).toContain(b.statusCode);
        },
      ),
      { numRuns: 40 },
    );
  });
});
