import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildUser, csrfFor, postStaffForm, signIn } from "../support/factories.ts";
import {
  cookiesOf,
  decodeEntities,
  dialects,
  formEncode,
  startTestApp,
  type TestApp,
} from "../support/harness.ts";

const CIRCLE = {
  title: "Youth forum circle",
  topic: "Trafficking of women and girls in our region",
  date: "2027-03-09",
  time: "14:30",
  place: "Community hall, room 2",
  moderatorName: "Amina",
  moderatorAffiliation: "Coalition of shelters",
  languages: ["en", "es"],
  questions: "What needs to be addressed?\nHow can we work together this year?",
  reportVisibility: "members",
};

describe.each(dialects())("conversation circles (%s)", (dialect) => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  let caseworker: Record<string, string>;
  let stranger: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    coordinator = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
    caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
    stranger = await signIn(t.app, (await buildUser(t.platform, other.slug, "coordinator")).email);
  });
  afterAll(() => t.close());

  const text = (res: LightMyRequestResponse) =>
    decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
  const get = (url: string, cookies: Record<string, string> = {}) =>
    t.app.inject({ method: "GET", url, cookies });
  const staffPost = (
    cookies: Record<string, string>,
    url: string,
    fields: Record<string, string | string[]>,
  ) => postStaffForm(t.app, cookies, url, fields);

  /** Creates and opens a circle; returns its id and join code. */
  async function openCircle(fields: Record<string, string | string[]> = {}) {
    const created = await staffPost(coordinator, "/staff/circles/new", { ...CIRCLE, ...fields });
    expect(created.statusCode, text(created).slice(0, 300)).toBe(303);
    const id = /\/staff\/circles\/([0-9a-f]+)/.exec(created.headers.location as string)?.[1] ?? "";
    expect((await staffPost(coordinator, `/staff/circles/${id}/status`, { status: "open" })).statusCode).toBe(
      303,
    );
    const row = await t.platform.db
      .selectFrom("circles")
      .select("join_code")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return { id, code: row.join_code };
  }

  /** A participant's browser: joins with the code (optionally describing themselves) and keeps its cookie. */
  async function participant(code: string, profile: Record<string, string> = {}) {
    let cookies: Record<string, string> = {};
    const landing = await get(`/circles/${code}`);
    expect(landing.statusCode).toBe(200);
    const { token, cookies: withCsrf } = await csrfFor(t.app, `/circles/${code}`);
    const joined = await t.app.inject({
      method: "POST",
      url: `/circles/${code}/join`,
      cookies: withCsrf,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: token, ...profile }),
    });
    expect(joined.statusCode).toBe(303);
    cookies = { ...withCsrf, ...cookiesOf(joined) };
    const post = async (url: string, fields: Record<string, string>) => {
      const page = await csrfFor(t.app, `/circles/${code}/q/1`, cookies);
      return t.app.inject({
        method: "POST",
        url,
        cookies: page.cookies,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formEncode({ _csrf: page.token, ...fields }),
      });
    };
    return {
      cookies,
      answer: (n: number, body: string, language = "en") =>
        post(`/circles/${code}/q/${n}`, { text: body, language }),
      support: (n: number, responseId: string) => post(`/circles/${code}/q/${n}/support`, { responseId }),
      question: (n: number) => get(`/circles/${code}/q/${n}`, cookies),
    };
  }

  const responseId = async (circleId: string, fragment: string) => {
    const page = await get(`/staff/circles/${circleId}`, coordinator);
    // The response's own paragraph (other cards list it too, in their merge menus).
    const m = new RegExp(`data-response="([0-9a-f]+)"[^>]*><p[^>]*>(?:<input[^>]*>)?[^<]*?${fragment}`).exec(
      page.body,
    );
    return m?.[1] ?? "";
  };

  it("creates a circle with the template's questions, keeps it closed until opened, and checks the form", async () => {
    const form = await get("/staff/circles/new", coordinator);
    expect(text(form)).toContain(
      "What are the issues about trafficking in women and girls that most need to be addressed?",
    );
    const bad = await staffPost(coordinator, "/staff/circles/new", {
      ...CIRCLE,
      date: "9 March",
      questions: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(text(bad)).toContain("Give the date as year-month-day");
    expect(text(bad)).toContain("Write 1 to 10 questions");
    // A caseworker facilitates but does not create circles.
    expect((await staffPost(caseworker, "/staff/circles/new", CIRCLE)).statusCode).toBe(403);

    const created = await staffPost(coordinator, "/staff/circles/new", CIRCLE);
    const id = /\/staff\/circles\/([0-9a-f]+)/.exec(created.headers.location as string)?.[1] ?? "";
    const row = await t.platform.db
      .selectFrom("circles")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect([row.status, row.join_code]).toEqual(["draft", expect.stringMatching(/^[A-HJ-NP-Z2-9]{6}$/)]);
    // Not open yet: the code leads nowhere.
    expect((await get(`/circles/${row.join_code}`)).statusCode).toBe(404);
    // The facilitator's page shows the code and a QR code; another organisation cannot see the circle.
    const page = await get(`/staff/circles/${id}`, caseworker);
    expect(page.body).toContain(`data-join-code="${row.join_code}"`);
    expect(page.body).toContain("data-join-qr");
    expect((await get(`/staff/circles/${id}`, stranger)).statusCode).toBe(404);
  });

  it("lets anyone join with the code, anonymously, and answer; others' responses show only after answering", async () => {
    const { id, code } = await openCircle();
    // The code typed loosely still finds the circle.
    const typed = await get(`/circles/join?code=${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
    expect(typed.headers.location).toBe(`/circles/${code}`);
    expect((await get("/circles/join?code=ZZZZZZ")).statusCode).toBe(404);

    const ana = await participant(code, { ageGroup: "18_24", sector: "student" });
    const ben = await participant(code, { ageGroup: "forged-value" });
    // Before answering, Ana is asked to answer first.
    expect(text(await ana.question(1))).toContain("Answer this question to see what others said.");
    expect((await ana.answer(1, "More shelters for survivors in rural areas.")).headers.location).toBe(
      `/circles/${code}/q/1?done=saved`,
    );
    const empty = await ben.answer(1, "   ");
    expect(empty.statusCode).toBe(400);
    expect(text(empty)).toContain("Write a few words before adding your response.");
    await ben.answer(1, "Más formación para la policía.", "es");
    const seen = text(await ana.question(1));
    expect(seen).toContain("Más formación para la policía.");
    expect(seen).toContain("What others said (1)");

    // No participant row holds anything but broad groups; the forged value was dropped.
    const people = await t.platform.db
      .selectFrom("circle_participants")
      .select(["age_group", "sector", "token_hash"])
      .where("circle_id", "=", id)
      .orderBy("joined_at")
      .execute();
    expect(people.map((x) => [x.age_group, x.sector])).toEqual([
      ["18_24", "student"],
      [null, null],
    ]);
    // Responses are sealed at rest.
    const stored = await t.platform.db
      .selectFrom("circle_responses")
      .select("text_sealed")
      .where("circle_id", "=", id)
      .execute();
    expect(stored.some((r) => r.text_sealed.includes("shelters"))).toBe(false);
  });

  it("counts one support per participant, and never one's own", async () => {
    const { id, code } = await openCircle();
    const a = await participant(code);
    const b = await participant(code);
    const c = await participant(code);
    await a.answer(1, "Teach young people about fake job offers.");
    const rid = await responseId(id, "fake job offers");
    // Support needs an answer to the question first.
    expect((await b.support(1, rid)).statusCode).toBe(409);
    await b.answer(1, "Work with faith groups.");
    await c.answer(1, "Train teachers.");
    expect((await b.support(1, rid)).statusCode).toBe(303);
    expect((await b.support(1, rid)).statusCode).toBe(303);
    await c.support(1, rid);
    expect((await a.support(1, rid)).statusCode).toBe(404);
    const row = await t.platform.db
      .selectFrom("circle_responses")
      .select("supports")
      .where("id", "=", rid)
      .executeTakeFirstOrThrow();
    expect(row.supports).toBe(2);
    expect(text(await b.question(1))).toContain("2 people agree");
  });

  it("holds a response that looks like personal data until the facilitator releases it", async () => {
    const { id, code } = await openCircle();
    const a = await participant(code);
    const b = await participant(code);
    const held = await a.answer(1, "Maria, 15, works at the bar on the corner.");
    expect(held.headers.location).toBe(`/circles/${code}/q/1?done=held`);
    await b.answer(1, "Better street lighting near the station.");
    expect(text(await b.question(1))).not.toContain("Maria, 15");
    const facilitator = await get(`/staff/circles/${id}`, caseworker);
    expect(facilitator.body).toContain('data-held-count="1"');
    expect(text(facilitator)).toContain("a name with an age");
    const rid = await responseId(id, "Maria, 15");
    // Edited to remove the name, then released: the participant's words are kept as the original.
    await staffPost(caseworker, `/staff/circles/${id}/responses/${rid}`, {
      action: "edit",
      text: "A 15-year-old girl works at a bar.",
    });
    await staffPost(caseworker, `/staff/circles/${id}/responses/${rid}`, { action: "show" });
    const seen = text(await b.question(1));
    expect(seen).toContain("A 15-year-old girl works at a bar.");
    expect(seen).not.toContain("Maria");
    // The response's own page keeps the participant's words beside the edit.
    const own = text(await get(`/staff/circles/${id}/responses/${rid}`, caseworker));
    expect(own).toContain("What the participant wrote Maria, 15, works at the bar on the corner.");
    expect(own).toContain("A 15-year-old girl works at a bar.");
  });

  it("merges a duplicate, hides a response, and groups responses, all kept out of or into the report", async () => {
    const { id, code } = await openCircle();
    const people = await Promise.all([1, 2, 3, 4].map(() => participant(code)));
    await people[0]?.answer(1, "More shelters for survivors.");
    await people[1]?.answer(1, "We need more shelters for survivors.");
    await people[2]?.answer(1, "Something off-topic and rude.");
    await people[3]?.answer(1, "Train the police to listen to survivors.");
    const original = await responseId(id, "More shelters for survivors");
    const duplicate = await responseId(id, "We need more shelters");
    const rude = await responseId(id, "off-topic");
    const police = await responseId(id, "Train the police");
    // Support for each copy of the same idea, one person supporting both: counted once after merging.
    await people[3]?.support(1, original);
    await people[3]?.support(1, duplicate);
    await people[2]?.support(1, duplicate);

    const moderation: [string, Record<string, string | string[]>][] = [
      [duplicate, { action: "merge", into: original }],
      [rude, { action: "hide" }],
      [police, { action: "themes", themes: ["protection"] }],
    ];
    for (const [rid, fields] of moderation) {
      const res = await staffPost(caseworker, `/staff/circles/${id}/responses/${rid}`, fields);
      expect([rid, res.statusCode]).toEqual([rid, 303]);
    }
    const grouped = await staffPost(caseworker, `/staff/circles/${id}/clusters`, {
      name: "Safe places to stay",
      responseIds: [original],
    });
    expect(grouped.statusCode).toBe(303);
    // A group across two questions is refused.
    await people[0]?.answer(2, "Meet every month.");
    const q2 = await responseId(id, "Meet every month");
    const mixed = await staffPost(caseworker, `/staff/circles/${id}/clusters`, {
      name: "Mixed",
      responseIds: [original, q2],
    });
    expect(mixed.statusCode).toBe(400);

    const { circleReportForStaff } = await import("../../src/modules/circles/circle-report.service.ts");
    const scope = await t.platform.db
      .selectFrom("circles")
      .select(["organisation_id", "created_by"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    const report = await circleReportForStaff(
      t.platform,
      { userId: scope.created_by, organisationId: scope.organisation_id, role: "coordinator" },
      id,
    );
    const q1 = report.questions[0];
    expect(q1?.groups.map((g) => [g.kind, g.label, g.responses.map((r) => r.text), g.supports])).toEqual([
      ["cluster", "Safe places to stay", ["More shelters for survivors."], 2],
      ["theme", "protection", ["Train the police to listen to survivors."], 0],
    ]);
    expect(q1?.responseCount).toBe(2);
  });

  it("shows who took part with groups under 5 as 'fewer than 5'", async () => {
    const { id, code } = await openCircle();
    for (let i = 0; i < 6; i++) await participant(code, { ageGroup: "18_24", knowledge: "new" });
    await participant(code, { ageGroup: "55_plus", knowledge: "new" });
    const page = text(await get(`/staff/circles/${id}`, coordinator));
    expect(page).toContain("7 people took part.");
    expect(page).toContain("18 to 24 6");
    expect(page).toContain("55 and over fewer than 5");
    expect(page).toContain("New to the subject 7");
  });

  it("closes a circle: the code still shows it, but no more answers or supports", async () => {
    const { id, code } = await openCircle();
    const a = await participant(code);
    // The question page was open on the phone when the facilitator closed the circle.
    const open = await csrfFor(t.app, `/circles/${code}/q/1`, a.cookies);
    await staffPost(coordinator, `/staff/circles/${id}/status`, { status: "closed" });
    const landing = await get(`/circles/${code}`);
    expect(landing.body).toContain("data-circle-closed");
    const refused = await t.app.inject({
      method: "POST",
      url: `/circles/${code}/q/1`,
      cookies: open.cookies,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: formEncode({ _csrf: open.token, text: "Too late?", language: "en" }),
    });
    expect(refused.statusCode).toBe(409);
    expect(decodeEntities(refused.body)).toContain("Too late?");
  });

  it("suggests groups of similar responses, the same for the same responses, and lets the facilitator accept one", async () => {
    const { id, code } = await openCircle();
    const texts = [
      ["More shelters for survivors in rural areas.", "en"],
      ["We need shelters where survivors can stay safely.", "en"],
      ["Más refugios para sobrevivientes.", "es"],
      ["Train police officers to recognise trafficking.", "en"],
      ["Training for the police on how to treat victims.", "en"],
      ["Formation de la police pour reconnaître la traite.", "fr"],
      ["Teach about fake job offers in schools.", "en"],
    ] as const;
    for (const [body, language] of texts) await (await participant(code)).answer(1, body, language);
    const questionId = `${id}-q1`;
    const suggest = () => staffPost(caseworker, `/staff/circles/${id}/clusters/suggest`, { questionId });
    const suggested = async () =>
      (
        await t.platform.db
          .selectFrom("circle_clusters")
          .innerJoin("circle_cluster_members", "circle_cluster_members.cluster_id", "circle_clusters.id")
          .select(["circle_clusters.name", "circle_cluster_members.response_id"])
          .where("circle_clusters.circle_id", "=", id)
          .where("circle_clusters.status", "=", "suggested")
          .execute()
      )
        .map((r) => `${r.name}:${r.response_id}`)
        .sort();
    expect((await suggest()).statusCode).toBe(303);
    const first = await suggested();
    expect(first.length).toBeGreaterThan(0);
    expect((await suggest()).statusCode).toBe(303);
    expect(await suggested()).toEqual(first);

    const page = await get(`/staff/circles/${id}`, caseworker);
    const clusterId = /data-cluster="([^"]+)" data-cluster-status="suggested"/.exec(page.body)?.[1] ?? "";
    const accepted = await staffPost(caseworker, `/staff/circles/${id}/clusters/${clusterId}`, {
      action: "accept",
      name: "Our first group",
    });
    expect(accepted.statusCode).toBe(303);
    const row = await t.platform.db
      .selectFrom("circle_clusters")
      .selectAll()
      .where("id", "=", clusterId)
      .executeTakeFirstOrThrow();
    expect([row.status, row.name]).toEqual(["accepted", "Our first group"]);
  });

  it("produces the circle report as a page, Markdown and Word, for members, and for anyone once made public", async () => {
    const { id, code } = await openCircle({ title: "Report circle" });
    const a = await participant(code);
    await a.answer(1, "Support survivors to find decent work.");
    await staffPost(caseworker, `/staff/circles/${id}/reflections`, {
      commonThreads: "Work and safety came up again and again.",
      followUp: "Meet the labour ministry in April.",
    });
    const page = text(await get(`/staff/circles/${id}/report`, caseworker));
    for (const s of [
      "Report circle",
      "Support survivors to find decent work.",
      "Work and safety came up again and again.",
    ])
      expect(page).toContain(s);
    const md = await get(`/staff/circles/${id}/report.md`, caseworker);
    expect(md.headers["content-type"]).toContain("text/markdown");
    expect(md.body).toContain("Support survivors to find decent work.");
    const docx = await get(`/staff/circles/${id}/report.docx`, caseworker);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    // Members only until the coordinator says otherwise; another organisation never.
    expect((await get(`/circles/reports/${id}`)).statusCode).toBe(404);
    expect((await get(`/staff/circles/${id}/report`, stranger)).statusCode).toBe(404);
    await staffPost(coordinator, `/staff/circles/${id}/visibility`, { reportVisibility: "public" });
    const open = await get(`/circles/reports/${id}`);
    expect(open.statusCode).toBe(200);
    expect(text(open)).toContain("Support survivors to find decent work.");
    expect((await get(`/circles/reports/${id}.md`)).body).toContain("Meet the labour ministry in April.");
  });

  it("merges a forum's circles: themes with how many circles and responses raised them, people added before hiding", async () => {
    const forum = await staffPost(coordinator, "/staff/forums/new", { title: "CSW71 forum", language: "en" });
    expect(forum.statusCode).toBe(303);
    const forumId = /\/staff\/forums\/([0-9a-f]+)/.exec(forum.headers.location as string)?.[1] ?? "";
    const circles = [
      await openCircle({ forumId, title: "Circle A" }),
      await openCircle({ forumId, title: "Circle B" }),
    ];
    const themed: [string, string][] = [];
    for (const [i, c] of circles.entries()) {
      // Three people in each circle: each alone is "fewer than 5", together six.
      const people = [
        await participant(c.code, { sector: "faith" }),
        await participant(c.code, { sector: "faith" }),
        await participant(c.code, { sector: "faith" }),
      ];
      await people[0]?.answer(1, `Prevention in schools, circle ${i}.`);
      await people[1]?.answer(1, `Prevention with parents, circle ${i}.`);
      await people[2]?.answer(1, `Prosecute recruiters, circle ${i}.`);
      for (const fragment of ["Prevention in schools", "Prevention with parents"])
        themed.push([c.id, await responseId(c.id, fragment)]);
      if (i === 0) themed.push([c.id, await responseId(c.id, "Prosecute recruiters")]);
    }
    for (const [circleId, rid] of themed) {
      const theme = (await responseId(circleId, "Prosecute")) === rid ? "prosecution" : "prevention";
      await staffPost(caseworker, `/staff/circles/${circleId}/responses/${rid}`, {
        action: "themes",
        themes: [theme],
      });
    }
    const { forumReportForStaff } = await import("../../src/modules/circles/circle-report.service.ts");
    const owner = await t.platform.db
      .selectFrom("forums")
      .select(["organisation_id", "created_by"])
      .where("id", "=", forumId)
      .executeTakeFirstOrThrow();
    const { report } = await forumReportForStaff(
      t.platform,
      { userId: owner.created_by, organisationId: owner.organisation_id, role: "coordinator" },
      forumId,
    );
    const theme = (label: string) => report.themes.find((x) => x.kind === "theme" && x.label === label);
    expect([theme("prevention")?.circles, theme("prevention")?.responses]).toEqual([2, 4]);
    expect([theme("prosecution")?.circles, theme("prosecution")?.responses]).toEqual([1, 1]);
    expect(report.participants.total).toBe(6);
    expect(report.participants.sectors).toEqual([{ value: "faith", count: 6 }]);
    const page = text(await get(`/staff/forums/${forumId}`, caseworker));
    expect(page).toContain("Circle A");
    expect(page).toContain("Circle B");
  });

  it("turns a response into a draft action item and a library submission, both linked back to the circle", async () => {
    const { id, code } = await openCircle();
    await (await participant(code)).answer(1, "Village savings groups that warn about fake recruiters.");
    const rid = await responseId(id, "Village savings groups");
    const action = await staffPost(caseworker, `/staff/circles/${id}/actions`, {
      sourceType: "response",
      sourceId: rid,
      title: "Ask the savings groups to join the spring campaign",
    });
    expect(action.statusCode).toBe(303);
    // The library form opens with the response's words and keeps where it came from.
    const page = await get(`/staff/circles/${id}/responses/${rid}`, caseworker);
    const link = decodeEntities(/href="(\/staff\/library\/new\?[^"]+)"/.exec(page.body)?.[1] ?? "");
    const form = await get(link, caseworker);
    const origin = decodeEntities(/name="origin" value="([^"]+)"/.exec(form.body)?.[1] ?? "");
    expect(origin).toBe(`circle:${id}:response:${rid}`);
    expect(decodeEntities(form.body)).toContain(
      'value="Village savings groups that warn about fake recruiters."',
    );
    const saved = await staffPost(caseworker, "/staff/library/new", {
      type: "best_practice",
      origin,
      language: "en",
      title: "Savings groups as early warning",
      summary: "Village savings groups warn members about fake recruiters.",
      body: "",
      level: "first_steps",
      audiences: ["rural_communities"],
      topics: ["prevention"],
      countries: "",
      "details.problem": "Recruiters reach villages before any warning does.",
      "details.actions": "Savings groups share a short warning at each meeting.",
      "details.where": "Highland villages.",
      "details.evidence": "Members report offers to the group leader.",
      "details.contact": "https://example.org/savings",
    });
    expect(saved.statusCode).toBe(303);
    const after = await get(`/staff/circles/${id}`, caseworker);
    expect(after.body).toContain('data-action-kind="action"');
    expect(after.body).toContain('data-action-kind="library"');
    expect(text(after)).toContain("Savings groups as early warning");
    expect(text(after)).toContain("Ask the savings groups to join the spring campaign");
  });

  it("merges ticked duplicates into the most supported one, from the console's grouping form", async () => {
    const { id, code } = await openCircle();
    const [a, b, c] = [await participant(code), await participant(code), await participant(code)];
    await a?.answer(1, "Safe houses for survivors.");
    await b?.answer(1, "Safe houses for women who escape.");
    await c?.answer(1, "Something else entirely.");
    const first = await responseId(id, "Safe houses for survivors");
    const second = await responseId(id, "Safe houses for women");
    await c?.support(1, second);
    const one = await staffPost(caseworker, `/staff/circles/${id}/clusters`, {
      action: "merge",
      responseIds: [first],
    });
    expect(one.statusCode).toBe(400);
    expect(text(one)).toContain("Tick two or more responses to the same question to merge them.");
    const merged = await staffPost(caseworker, `/staff/circles/${id}/clusters`, {
      action: "merge",
      responseIds: [first, second],
    });
    expect(merged.statusCode).toBe(303);
    const rows = await t.platform.db
      .selectFrom("circle_responses")
      .select(["id", "status", "merged_into"])
      .where("id", "in", [first, second])
      .execute();
    // The supported one stays; the other folds into it.
    expect(rows.find((r) => r.id === second)?.status).toBe("visible");
    expect(rows.find((r) => r.id === first)).toMatchObject({ status: "merged", merged_into: second });
  });

  it("lets the coordinator correct a circle: wording changes keep the responses, an answered question stays", async () => {
    const { id, code } = await openCircle();
    await (await participant(code)).answer(1, "Answer to the first question.");
    const form = await get(`/staff/circles/${id}/edit`, coordinator);
    expect(decodeEntities(form.body)).toContain("What needs to be addressed?");
    const fields = { ...CIRCLE, title: "Youth forum circle (corrected)" };
    const removed = await staffPost(coordinator, `/staff/circles/${id}/edit`, { ...fields, questions: "" });
    expect(removed.statusCode).toBe(400);
    const dropAnswered = await staffPost(coordinator, `/staff/circles/${id}/edit`, {
      ...fields,
      questions: "What needs to be addressed?",
    });
    // Dropping question 2 is fine (no answers); question 1 has one and keeps it under its new wording.
    expect(dropAnswered.statusCode).toBe(303);
    const saved = await staffPost(coordinator, `/staff/circles/${id}/edit`, {
      ...fields,
      questions: "What most needs to be addressed this year?\nWho else should we invite?",
    });
    expect(saved.statusCode).toBe(303);
    const questions = await t.platform.db
      .selectFrom("circle_questions")
      .select(["id", "position", "text"])
      .where("circle_id", "=", id)
      .orderBy("position")
      .execute();
    expect(questions.map((q) => q.text)).toEqual([
      "What most needs to be addressed this year?",
      "Who else should we invite?",
    ]);
    const answers = await t.platform.db
      .selectFrom("circle_responses")
      .select("question_id")
      .where("circle_id", "=", id)
      .execute();
    expect(answers.map((a) => a.question_id)).toEqual([questions[0]?.id]);
    // Now question 2 gets an answer: it can no longer be removed.
    await (await participant(code)).answer(2, "Invite the teachers' union.");
    const refused = await staffPost(coordinator, `/staff/circles/${id}/edit`, {
      ...fields,
      questions: "What most needs to be addressed this year?",
    });
    expect(refused.statusCode).toBe(400);
    expect(text(refused)).toContain("A question that already has responses cannot be removed");
    expect((await staffPost(caseworker, `/staff/circles/${id}/edit`, fields)).statusCode).toBe(403);
    expect(text(await get(`/staff/circles/${id}`, caseworker))).toContain("Youth forum circle (corrected)");
  });
});
