import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchLibrary } from "../../src/modules/library/library.service.ts";
import { buildOrganisation, buildUser, csrfFor, postStaffForm, signIn } from "../support/factories.ts";
import { decodeEntities, dialects, startTestApp, type TestApp } from "../support/harness.ts";

const ARTICLE = {
  type: "article",
  language: "en",
  title: "Reading a job offer before you travel",
  summary: "Five questions to ask about any job abroad before you accept it.",
  body: "## Ask first\n\nWho pays for the journey? A recruiter who keeps your passport is a warning sign.",
  level: "first_steps",
  audiences: ["youth", "rural_communities"],
  topics: ["labour_trafficking", "prevention"],
  countries: "MX, GT",
};

const PRACTICE = {
  type: "best_practice",
  language: "en",
  title: "Market-day information stalls",
  summary: "Volunteers staff a stall on market day and talk about safe migration.",
  body: "",
  level: "practitioner",
  audiences: ["rural_communities"],
  topics: ["prevention"],
  countries: "",
  "details.problem": "Families hear about jobs abroad only from recruiters.",
  "details.actions": "A stall with leaflets and a volunteer every market day for a year.",
  "details.where": "Three market towns in the highlands.",
  "details.evidence": "Calls to the local helpline doubled over the year.",
  "details.contact": "https://example.org/contact",
};

const STORY = {
  type: "story",
  language: "en",
  title: "I thought it was a job in a hotel",
  summary: "A survivor tells how a job offer became two years of forced work, and how she left.",
  body: "I was promised a job in a hotel. When we arrived, they took my papers. Call me on +34 612 345 678.",
  level: "first_steps",
  audiences: ["youth"],
  topics: ["labour_trafficking", "survivor_support"],
  countries: "",
};

const RESOURCE = {
  type: "resource",
  language: "en",
  title: "Community radio scripts on safe migration",
  summary: "Ten short radio scripts for community stations, with notes for presenters.",
  body: "",
  level: "first_steps",
  audiences: ["rural_communities"],
  topics: ["prevention"],
  countries: "",
  "details.publisher": "A community radio network",
  "details.year": "2025",
  "details.resourceLanguage": "English",
  "details.licence": "CC BY 4.0",
  "details.url": "",
};
const PDF = Buffer.from("%PDF-1.4\n% radio scripts\n%%EOF\n");

/** A multipart form body (what a browser sends when the form has a file input). */
function multipart(fields: Record<string, string | string[]>, file?: { name: string; data: Buffer }) {
  const boundary = "----lantern-test-boundary";
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${one}\r\n`),
      );
    }
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(dialects())("the library's editorial workflow (%s)", (dialect) => {
  let t: TestApp;
  let editorA: Record<string, string>;
  let editorB: Record<string, string>;
  let admin: Record<string, string>;
  let caseworker: Record<string, string>;
  let otherMember: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    editorA = await signIn(t.app, (await buildUser(t.platform, org.slug, "editor")).email);
    editorB = await signIn(t.app, (await buildUser(t.platform, other.slug, "editor")).email);
    admin = await signIn(t.app, (await buildUser(t.platform, org.slug, "admin")).email);
    caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
    otherMember = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
  });
  afterAll(() => t.close());

  const text = (res: LightMyRequestResponse) =>
    decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
  const get = (url: string, cookies: Record<string, string>) => t.app.inject({ method: "GET", url, cookies });
  const post = (cookies: Record<string, string>, url: string, fields: Record<string, string | string[]>) =>
    postStaffForm(t.app, cookies, url, fields);
  /** Creates an item through the form; returns its id from the redirect. */
  const create = async (cookies: Record<string, string>, fields: Record<string, string | string[]>) => {
    const res = await post(cookies, "/staff/library/new", fields);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    return /\/staff\/library\/([0-9a-f]+)/.exec(res.headers.location as string)?.[1] ?? "";
  };
  const item = (id: string) =>
    t.platform.db.selectFrom("library_items").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const found = async (query: string) => (await searchLibrary(t.platform, query)).map((r) => r.title);
  const baseVersion = (html: string) => /name="baseVersion" value="(\d+)"/.exec(html)?.[1] ?? "";

  it("publishes only after a second editor approves, and only then can anyone find it", async () => {
    const id = await create(editorA, ARTICLE);
    expect((await item(id)).status).toBe("draft");
    expect(await found("recruiter passport")).not.toContain(ARTICLE.title);

    expect((await post(editorA, `/staff/library/${id}/submit`, {})).statusCode).toBe(303);
    expect((await item(id)).status).toBe("in_review");

    // The author may not approve their own work: the page says why, and a forged post is refused.
    const own = await get(`/staff/library/${id}`, editorA);
    expect(own.body).toContain('data-approve-blocker="own_work"');
    expect(own.body).not.toContain(`action="/staff/library/${id}/approve"`);
    expect((await post(editorA, `/staff/library/${id}/approve`, {})).statusCode).toBe(403);
    expect((await item(id)).status).toBe("in_review");
    // An admin is not an editor: no publishing either.
    expect((await post(admin, `/staff/library/${id}/approve`, {})).statusCode).toBe(403);

    const approved = await post(editorB, `/staff/library/${id}/approve`, { comment: "Clear and kind." });
    expect(approved.statusCode).toBe(303);
    const row = await item(id);
    expect([row.status, row.published_at !== null]).toEqual(["published", true]);
    expect(await found("recruiter passport")).toContain(ARTICLE.title);
    // The review history names the approval and its comment.
    const page = text(await get(`/staff/library/${id}`, editorA));
    expect(page).toContain("Approved and published");
    expect(page).toContain("Clear and kind.");

    const audited = await t.platform.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(audited.map((a) => a.action).filter((a) => a !== "library.read")).toEqual([
      "library.create",
      "library.submit",
      "library.publish",
    ]);
  });

  it("keeps the published text online while a revision is reviewed, then shows what changed", async () => {
    const id = await create(editorA, { ...ARTICLE, title: "Checking a recruiter's licence" });
    await post(editorA, `/staff/library/${id}/submit`, {});
    await post(editorB, `/staff/library/${id}/approve`, {});
    expect(await found("passport")).toContain("Checking a recruiter's licence");

    const form = await get(`/staff/library/${id}/edit`, editorA);
    expect(form.body).toContain("readers keep seeing the published text");
    const revised = await post(editorA, `/staff/library/${id}/edit`, {
      ...ARTICLE,
      title: "Checking a recruiter's licence",
      body: "## Ask first\n\nWho pays for the journey? An agency that asks for a fee is a warning sign.",
      baseVersion: baseVersion(form.body),
    });
    expect(revised.headers.location).toBe(`/staff/library/${id}?done=saved`);
    const during = await item(id);
    expect([during.status, during.pending_status, during.version, during.pending_version]).toEqual([
      "published",
      "draft",
      1,
      2,
    ]);
    // Readers and search still see version 1.
    expect(during.body).toContain("keeps your passport");
    expect(await found("agency fee")).not.toContain("Checking a recruiter's licence");

    const diff = await get(`/staff/library/${id}/diff?from=1&to=2`, editorB);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toMatch(/<del>[^<]*passport[^<]*<\/del>/);
    expect(diff.body).toMatch(/<ins>[^<]*fee[^<]*<\/ins>/);

    await post(editorA, `/staff/library/${id}/submit`, {});
    expect((await post(editorB, `/staff/library/${id}/approve`, {})).statusCode).toBe(303);
    const after = await item(id);
    expect([after.version, after.pending_version, after.body.includes("asks for a fee")]).toEqual([
      2,
      null,
      true,
    ]);
    expect(await found("agency fee")).toContain("Checking a recruiter's licence");
    expect(await found("keeps your passport")).not.toContain("Checking a recruiter's licence");
  });

  it("lets any member submit a best practice, sees it only to them, and leaves publishing to editors", async () => {
    // Missing required fields: a clear message per field, nothing stored.
    const before = (await t.platform.db.selectFrom("library_items").select("id").execute()).length;
    const bad = await post(caseworker, "/staff/library/new", {
      ...PRACTICE,
      "details.evidence": "",
      audiences: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(text(bad)).toContain("Fill this in.");
    expect(text(bad)).toContain("Choose at least one audience.");
    expect(bad.body).toContain("Families hear about jobs abroad only from recruiters.");
    expect((await t.platform.db.selectFrom("library_items").select("id").execute()).length).toBe(before);

    // A member may not write an article.
    expect((await post(caseworker, "/staff/library/new", ARTICLE)).statusCode).toBe(404);

    const id = await create(caseworker, PRACTICE);
    const mine = await get("/staff/library", caseworker);
    expect(mine.body).toContain(`data-library-row="${id}"`);
    // A colleague does not see it, in the list or by its address.
    expect((await get("/staff/library", otherMember)).body).not.toContain(id);
    expect((await get(`/staff/library/${id}`, otherMember)).statusCode).toBe(404);

    // The author edits their draft, then sends it; after that only editors change it.
    const form = await get(`/staff/library/${id}/edit`, caseworker);
    const edited = await post(caseworker, `/staff/library/${id}/edit`, {
      ...PRACTICE,
      title: "Market-day stalls on safe migration",
      baseVersion: baseVersion(form.body),
    });
    expect(edited.statusCode).toBe(303);
    await post(caseworker, `/staff/library/${id}/submit`, {});
    const refused = await post(caseworker, `/staff/library/${id}/edit`, { ...PRACTICE, baseVersion: "2" });
    expect(refused.statusCode).toBe(409);
    expect((await post(caseworker, `/staff/library/${id}/approve`, {})).statusCode).toBe(403);

    // Editors see it waiting, send it back with a comment the author reads, then approve it.
    expect((await get("/staff/library?queue=in_review", editorB)).body).toContain(`data-library-row="${id}"`);
    const noComment = await post(editorB, `/staff/library/${id}/changes`, { changesComment: " " });
    expect(noComment.statusCode).toBe(400);
    expect(text(noComment)).toContain("Say what needs to change.");
    await post(editorB, `/staff/library/${id}/changes`, { changesComment: "Say how many people came." });
    expect((await item(id)).status).toBe("draft");
    expect(text(await get(`/staff/library/${id}`, caseworker))).toContain("Say how many people came.");
    await post(caseworker, `/staff/library/${id}/submit`, {});
    expect((await post(editorA, `/staff/library/${id}/approve`, {})).statusCode).toBe(303);
    expect((await item(id)).status).toBe("published");
    expect(await found("market stalls")).toContain("Market-day stalls on safe migration");
  });

  it("publishes a story only with consent and an anonymisation check, and unpublishes it when consent is withdrawn", async () => {
    const id = await create(editorA, STORY);
    await post(editorA, `/staff/library/${id}/submit`, {});

    // No consent yet: the second editor cannot approve.
    const page = await get(`/staff/library/${id}`, editorB);
    expect(page.body).toContain('data-approve-blocker="no_consent"');
    expect(
      (await post(editorB, `/staff/library/${id}/approve`, { anonymisationChecked: "yes" })).statusCode,
    ).toBe(409);

    const badConsent = await post(editorB, `/staff/library/${id}/consent`, {
      method: "written",
      givenOn: "2999-01-01",
      reference: "Shelter file 2026-14",
    });
    expect(badConsent.statusCode).toBe(400);
    const consent = await post(editorB, `/staff/library/${id}/consent`, {
      method: "written",
      givenOn: "2026-03-14",
      scope: "This text, in English and Spanish.",
      reference: "Shelter file 2026-14",
    });
    expect(consent.statusCode).toBe(303);
    // Where the signed form is kept is sealed in the database.
    const stored = await t.platform.db
      .selectFrom("library_consents")
      .select("reference_sealed")
      .where("item_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.reference_sealed).not.toContain("Shelter file");

    // The approver is shown the phone number the text still holds, and must confirm the check.
    const review = await get(`/staff/library/${id}`, editorB);
    expect(review.body).toContain("data-identifiers-found");
    expect(review.body).toContain("+34 612 345 678");
    const unchecked = await post(editorB, `/staff/library/${id}/approve`, {});
    expect(unchecked.statusCode).toBe(400);
    expect(text(unchecked)).toContain("Confirm that you checked the story identifies no one");
    expect((await item(id)).status).toBe("in_review");

    const approved = await post(editorB, `/staff/library/${id}/approve`, { anonymisationChecked: "yes" });
    expect(approved.statusCode).toBe(303);
    expect(await found("hotel papers")).toContain(STORY.title);

    const withdrawn = await post(editorB, `/staff/library/${id}/consent/withdraw`, {});
    expect(withdrawn.statusCode).toBe(303);
    expect((await item(id)).status).toBe("archived");
    expect(await found("hotel papers")).not.toContain(STORY.title);
    // It cannot come back without a new consent.
    expect((await post(editorA, `/staff/library/${id}/restore`, {})).statusCode).toBe(409);
    expect((await get(`/staff/library/${id}`, editorA)).body).toContain('data-consent="withdrawn"');
  });

  it("refuses a save made on an older version instead of overwriting a colleague's", async () => {
    const id = await create(editorA, { ...ARTICLE, title: "Two editors, one article" });
    const formA = await get(`/staff/library/${id}/edit`, editorA);
    const formB = await get(`/staff/library/${id}/edit`, editorB);
    const first = await post(editorA, `/staff/library/${id}/edit`, {
      ...ARTICLE,
      title: "Two editors, one article",
      summary: "Editor A's summary.",
      baseVersion: baseVersion(formA.body),
    });
    expect(first.statusCode).toBe(303);
    const second = await post(editorB, `/staff/library/${id}/edit`, {
      ...ARTICLE,
      title: "Two editors, one article",
      summary: "Editor B's summary.",
      baseVersion: baseVersion(formB.body),
    });
    expect(second.statusCode).toBe(409);
    expect(text(second)).toContain("Someone saved a newer version");
    // B's text is kept on the page to compare and save again; A's version stands.
    expect(decodeEntities(second.body)).toContain("Editor B's summary.");
    expect((await item(id)).summary).toBe("Editor A's summary.");
  });

  it("archives a published item out of the site and search, and restores it as a draft", async () => {
    const id = await create(editorA, {
      ...ARTICLE,
      title: "An item to archive",
      summary: "Quokka lanterns.",
    });
    await post(editorA, `/staff/library/${id}/submit`, {});
    await post(editorB, `/staff/library/${id}/approve`, {});
    expect(await found("quokka")).toContain("An item to archive");
    expect((await post(caseworker, `/staff/library/${id}/archive`, {})).statusCode).toBe(403);
    expect((await post(editorB, `/staff/library/${id}/archive`, {})).statusCode).toBe(303);
    expect(await found("quokka")).toEqual([]);
    expect((await post(editorB, `/staff/library/${id}/restore`, {})).statusCode).toBe(303);
    expect((await item(id)).status).toBe("draft");
    expect(await found("quokka")).toEqual([]);
  });

  it("takes a resource's file with the form, checks what it is, and serves it only once published", async () => {
    const send = async (
      cookies: Record<string, string>,
      url: string,
      fields: Record<string, string | string[]>,
      file?: { name: string; data: Buffer },
    ) => {
      const { token, cookies: withCsrf } = await csrfFor(t.app, "/staff/login", cookies);
      const body = multipart({ _csrf: token, ...fields }, file);
      return t.app.inject({
        method: "POST",
        url,
        cookies: withCsrf,
        headers: { "content-type": body.contentType },
        payload: body.payload,
      });
    };
    // Neither link nor file: refused with a message.
    const none = await send(caseworker, "/staff/library/new", RESOURCE);
    expect(none.statusCode).toBe(400);
    expect(text(none)).toContain("Give a link to the resource or add its file.");
    // A program named .pdf is refused, and nothing is stored.
    const fake = await send(caseworker, "/staff/library/new", RESOURCE, {
      name: "scripts.pdf",
      data: Buffer.from("MZ\x90\x00program"),
    });
    expect(fake.statusCode).toBe(400);
    expect(text(fake)).toContain("whose content matches its name");
    expect(await t.platform.db.selectFrom("library_files").select("id").execute()).toEqual([]);

    // Over 20 MiB: refused as too large, nothing stored; 3 MiB is fine (far above the forms' 64 KiB limit).
    const huge = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024)]);
    expect(
      (await send(caseworker, "/staff/library/new", RESOURCE, { name: "big.pdf", data: huge })).statusCode,
    ).toBe(413);
    expect(await t.platform.db.selectFrom("library_files").select("id").execute()).toEqual([]);
    const big = await send(
      caseworker,
      "/staff/library/new",
      { ...RESOURCE, title: "A large report" },
      {
        name: "report.pdf",
        data: Buffer.concat([PDF, Buffer.alloc(3 * 1024 * 1024)]),
      },
    );
    expect(big.statusCode).toBe(303);

    const created = await send(caseworker, "/staff/library/new", RESOURCE, {
      name: "radio scripts.pdf",
      data: PDF,
    });
    expect(created.statusCode).toBe(303);
    const id = /\/staff\/library\/([0-9a-f]+)/.exec(created.headers.location as string)?.[1] ?? "";
    const fileId = JSON.parse((await item(id)).details).fileId as string;
    expect(fileId).toMatch(/^[0-9a-f]+$/);

    // The author can check it; the public cannot fetch it before it is published.
    const own = await get(`/staff/library/files/${fileId}`, caseworker);
    expect([own.statusCode, own.headers["content-type"], own.rawPayload.equals(PDF)]).toEqual([
      200,
      "application/pdf",
      true,
    ]);
    expect(
      (await t.app.inject({ method: "GET", url: `/learn/files/${fileId}/radio-scripts.pdf` })).statusCode,
    ).toBe(404);

    await post(caseworker, `/staff/library/${id}/submit`, {});
    await post(editorA, `/staff/library/${id}/approve`, {});
    const pub = await t.app.inject({ method: "GET", url: `/learn/files/${fileId}/radio-scripts.pdf` });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers["content-disposition"]).toContain('filename="radio scripts.pdf"');
    expect(pub.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(pub.rawPayload.equals(PDF)).toBe(true);
    // The resource's public page offers the download, named and sized.
    const resourcePage = await t.app.inject({
      method: "GET",
      url: `/learn/resources/${(await item(id)).slug}`,
    });
    expect(resourcePage.body).toContain(`href="/learn/files/${fileId}/radio%20scripts.pdf"`);
    expect(decodeEntities(resourcePage.body)).toContain("Download radio scripts.pdf (1 KB)");

    // A revision that removes the file and gives a link instead: the published file stays until approval.
    const form = await get(`/staff/library/${id}/edit`, editorA);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const revised = await send(editorA, `/staff/library/${id}/edit`, {
      ...RESOURCE,
      "details.url": "https://example.org/radio-scripts",
      removeFile: "yes",
      baseVersion: baseVersion(form.body),
    });
    expect(revised.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/learn/files/${fileId}/x.pdf` })).statusCode).toBe(200);
    await post(editorA, `/staff/library/${id}/submit`, {});
    await post(editorB, `/staff/library/${id}/approve`, {});
    expect((await t.app.inject({ method: "GET", url: `/learn/files/${fileId}/x.pdf` })).statusCode).toBe(404);
  });

  it("links a translation to its original, and the public page offers it once both are published", async () => {
    const original = await create(editorA, { ...ARTICLE, title: "Before you accept a job abroad" });
    const page = await get(`/staff/library/${original}`, editorA);
    expect(page.body).toContain(`/staff/library/new?type=article&amp;translationOf=${original}`);
    // A second English version of the same item is refused.
    const same = await post(editorA, "/staff/library/new", {
      ...ARTICLE,
      translationOf: original,
      title: "Again",
    });
    expect(same.statusCode).toBe(400);
    expect(text(same)).toContain("already has a version in that language");
    const spanish = await create(editorA, {
      ...ARTICLE,
      language: "es",
      title: "Antes de aceptar un trabajo en el extranjero",
      summary: "Cinco preguntas antes de aceptar un trabajo fuera.",
      body: "## Pregunte primero\n\n¿Quién paga el viaje?",
      translationOf: original,
    });
    const [a, b] = [await item(original), await item(spanish)];
    expect(b.translation_group).toBe(a.translation_group);
    for (const id of [original, spanish]) {
      await post(editorA, `/staff/library/${id}/submit`, {});
      await post(editorB, `/staff/library/${id}/approve`, {});
    }
    const pub = await t.app.inject({ method: "GET", url: `/learn/articles/${a.slug}` });
    const links = [...pub.body.matchAll(/<a [^>]*hreflang="es"[^>]*>/g)].map((m) => m[0]);
    expect(links.some((l) => l.includes(b.slug))).toBe(true);
  });
});
