import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCopies, realisticSpecs } from "../../bench/inbox-seed.ts";
import { categoryMask } from "../../src/modules/reports/categories.ts";
import { inboxPageQuery } from "../../src/modules/reports/report-inbox.repository.ts";
import { InboxQuerySchema } from "../../src/modules/reports/report-inbox.schema.ts";
import { toFilter } from "../../src/modules/reports/report-inbox.service.ts";
import { buildOrganisation, buildUser, postStaffForm, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

interface ApiPage {
  reports: { id: string; status: string; urgency: string; assignee: { id: string; name: string } | null }[];
  counts: Record<string, number>;
  next: string | null;
}

describe.each(dialects())("the triage inbox (%s)", (dialect) => {
  let t: TestApp;
  let me: { id: string; email: string };
  let colleague: { id: string };
  let cookies: Record<string, string>;
  let caseworkerCookies: Record<string, string>;
  let pagingCookies: Record<string, string>;
  const id: Record<string, string> = {};
  let pagingIds: string[] = [];
  let otherOrgId = "";

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["ES"] });
    const other = await buildOrganisation(t.platform, { countries: ["FR"] });
    const paging = await buildOrganisation(t.platform, { countries: ["IT"] });
    me = await buildUser(t.platform, org.slug, "coordinator");
    colleague = await buildUser(t.platform, org.slug, "caseworker");
    const orgId = (
      await t.platform.db
        .selectFrom("users")
        .select("organisation_id")
        .where("id", "=", me.id)
        .executeTakeFirstOrThrow()
    ).organisation_id;
    [id.urgentNew = "", id.mine = "", id.escalated = "", id.closed = "", id.merged = ""] = await insertCopies(
      t.platform,
      orgId,
      [
        {
          receivedAt: "2026-01-10T09:00:00.000Z",
          updatedAt: "2026-01-10T09:00:00.000Z",
          status: "new",
          urgency: 2,
          country: "ES",
          channel: "web",
          categoryMask: categoryMask(["forced_labour"]),
          unread: 1,
        },
        {
          receivedAt: "2026-02-01T09:00:00.000Z",
          updatedAt: "2026-03-20T09:00:00.000Z",
          status: "in_review",
          urgency: 1,
          country: "FR",
          channel: "phone",
          categoryMask: categoryMask(["sexual_exploitation"]),
          assigneeId: me.id,
          unreadMessages: 1,
        },
        {
          receivedAt: "2026-03-05T09:00:00.000Z",
          updatedAt: "2026-03-06T09:00:00.000Z",
          status: "escalated",
          country: "IT",
          channel: "sms",
          categoryMask: categoryMask(["child_trafficking", "forced_labour"]),
          assigneeId: colleague.id,
        },
        { receivedAt: "2025-12-01T09:00:00.000Z", status: "closed", country: "ES" },
        { receivedAt: "2026-03-10T09:00:00.000Z", status: "in_review", country: "ES" },
      ],
    );
    await t.platform.db
      .updateTable("report_copies")
      .set({ merged_into: id.urgentNew })
      .where("report_id", "=", id.merged ?? "")
      .execute();
    otherOrgId = other.id;
    [id.otherOrg = ""] = await insertCopies(t.platform, other.id, [
      { receivedAt: "2026-03-01T09:00:00.000Z", status: "new", country: "ES", urgency: 2 },
    ]);
    const pagingUser = await buildUser(t.platform, paging.slug, "caseworker");
    pagingIds = await insertCopies(t.platform, paging.id, realisticSpecs(130, [pagingUser.id], 7));
    cookies = await signIn(t.app, me.email);
    caseworkerCookies = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
    pagingCookies = await signIn(t.app, pagingUser.email);
  });
  afterAll(() => t.close());

  async function api(query: string, as = cookies): Promise<ApiPage> {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/staff/reports?${query}`, cookies: as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ApiPage;
  }
  const ids = async (query: string) => (await api(query)).reports.map((r) => r.id);

  it("shows the organisation's open reports, most recently active first, without merged duplicates or other organisations' reports", async () => {
    expect(await ids("")).toEqual([id.mine, id.escalated, id.urgentNew]);
    expect(await ids("status=all")).toEqual([id.mine, id.escalated, id.urgentNew, id.closed]);
    expect(await ids("status=all&merged=1")).toContain(id.merged);
    expect(await ids("status=all&merged=1")).not.toContain(id.otherOrg);
  });

  it("counts reports per status under the other filters, shown as tabs with numbers", async () => {
    expect((await api("")).counts).toEqual({ new: 1, in_review: 1, referred: 0, escalated: 1, closed: 1 });
    expect((await api("country=ES&status=closed")).counts).toEqual({
      new: 1,
      in_review: 0,
      referred: 0,
      escalated: 0,
      closed: 1,
    });
    const page = await t.app.inject({ method: "GET", url: "/staff/reports?country=es", cookies });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/aria-current="page"[^>]*>Open \(1\)</);
    expect(page.body).toContain(">All (2)<");
    expect(page.body).toContain(">Closed (1)<");
  });

  it("filters by status, urgency, category, country, channel, assignee, dates and unread markers", async () => {
    expect(await ids("status=escalated")).toEqual([id.escalated]);
    expect(await ids("urgency=urgent")).toEqual([id.urgentNew]);
    expect(await ids("urgency=high")).toEqual([id.mine]);
    expect(await ids("category=forced_labour")).toEqual([id.escalated, id.urgentNew]);
    expect(await ids("category=child_trafficking")).toEqual([id.escalated]);
    expect(await ids("country=IT")).toEqual([id.escalated]);
    expect(await ids("channel=phone")).toEqual([id.mine]);
    expect(await ids("assignee=me")).toEqual([id.mine]);
    expect(await ids(`assignee=${colleague.id}`)).toEqual([id.escalated]);
    expect(await ids("assignee=unassigned")).toEqual([id.urgentNew]);
    expect(await ids("from=2026-02-01&to=2026-03-05")).toEqual([id.mine, id.escalated]);
    expect(await ids("to=2026-01-10")).toEqual([id.urgentNew]);
    expect(await ids("unreadMessages=1")).toEqual([id.mine]);
    expect(await ids("unread=1")).toEqual([id.urgentNew]);
    expect(await ids("country=IT&channel=web")).toEqual([]);
  });

  it("sorts by activity, newest, oldest, and urgency then oldest", async () => {
    expect(await ids("sort=newest")).toEqual([id.escalated, id.mine, id.urgentNew]);
    expect(await ids("sort=oldest")).toEqual([id.urgentNew, id.mine, id.escalated]);
    expect(await ids("sort=urgency&status=all")).toEqual([id.urgentNew, id.mine, id.closed, id.escalated]);
  });

  it("pages through every report exactly once, 50 at a time, in every sort order", async () => {
    const all = new Set(
      (
        await t.platform.db
          .selectFrom("report_copies")
          .select("report_id")
          .where("report_id", "in", pagingIds)
          .where("merged_into", "is", null)
          .execute()
      ).map((r) => r.report_id),
    );
    expect(all.size).toBeGreaterThan(100);
    for (const sort of ["active", "newest", "oldest", "urgency"]) {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = "";
      while (cursor !== null) {
        const page = await api(`status=all&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`, pagingCookies);
        sizes.push(page.reports.length);
        seen.push(...page.reports.map((r) => r.id));
        cursor = page.next;
      }
      expect([sort, seen.length, new Set(seen).size]).toEqual([sort, all.size, all.size]);
      expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
      // The pages follow on: the concatenation is the order one big query would give.
      const order = {
        active: "updated_at desc, report_id desc",
        newest: "received_at desc, report_id desc",
        oldest: "received_at asc, report_id asc",
        urgency: "urgency desc, received_at asc, report_id asc",
      }[sort];
      const expected = await sql<{ report_id: string }>`select report_id from report_copies
        where organisation_id = (select organisation_id from report_copies where report_id = ${pagingIds[0]})
        and merged_into is null order by ${sql.raw(order ?? "")}`.execute(t.platform.db);
      expect(seen).toEqual(expected.rows.map((r) => r.report_id));
    }
    // The page links carry the cursor and the filters, and work without JavaScript.
    const first = await t.app.inject({
      method: "GET",
      url: "/staff/reports?status=all&sort=oldest",
      cookies: pagingCookies,
    });
    const next = first.body
      .match(/href="(\/staff\/reports\?[^"]*cursor=[^"]*)" rel="next"/)?.[1]
      ?.replace(/&amp;/g, "&");
    expect(next).toContain("sort=oldest");
    const second = await t.app.inject({ method: "GET", url: next ?? "", cookies: pagingCookies });
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(">First page<");
  });

  it("renders each row with urgency in words, status, assignee, unread markers and an assign-to-me form", async () => {
    const page = await t.app.inject({ method: "GET", url: "/staff/reports", cookies });
    const rows = page.body.split("data-inbox-row").slice(1);
    expect(rows).toHaveLength(3);
    const [mine = "", escalated = "", urgent = ""] = rows;
    expect(urgent).toContain("Urgent");
    expect(urgent).toContain("Not opened yet");
    expect(urgent).toContain(`href="/staff/reports/${id.urgentNew}"`);
    expect(urgent).toContain("Nobody yet");
    expect(mine).toContain("In review");
    expect(mine).toContain("New message from the reporter");
    expect(mine).toContain("Test coordinator");
    expect(mine).not.toContain("Assign to me");
    expect(escalated).toContain("Test caseworker");
    expect(escalated).toContain("Forced labour");
    expect(escalated).toContain("SMS");
    expect(escalated).toMatch(
      new RegExp(
        `action="/staff/reports/${id.escalated}/assign"[\\s\\S]*name="_csrf" value="[^"]+"[\\s\\S]*name="assignee" value="me"[\\s\\S]*name="return" value="/staff/reports#take-${id.escalated}"`,
      ),
    );
    expect(page.body).toContain('src="/assets/inbox.js');
    expect(page.body).toContain("Keyboard shortcuts");
    // A caseworker takes reports too (assigning colleagues is for coordinators, on the report page).
    const theirs = await t.app.inject({ method: "GET", url: "/staff/reports", cookies: caseworkerCookies });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain("Assign to me");
  });

  it("comes back from 'Assign to me' to the same filtered inbox page, and nowhere else", async () => {
    const filtered = "/staff/reports?urgency=urgent&sort=oldest";
    const page = await t.app.inject({ method: "GET", url: filtered, cookies: caseworkerCookies });
    const back = `${filtered}#take-${id.urgentNew}`;
    expect(page.body).toContain(`value="${back.replace(/&/g, "&amp;")}"`);
    const assign = (to: string) =>
      postStaffForm(t.app, caseworkerCookies, `/staff/reports/${id.urgentNew}/assign`, {
        assignee: "me",
        return: to,
      });
    expect((await assign(back)).headers.location).toBe(back);
    for (const elsewhere of [
      "https://elsewhere.example/",
      "//elsewhere.example/staff/reports",
      "/staff/audit",
    ]) {
      expect((await assign(elsewhere)).headers.location).toBe(`/staff/reports/${id.urgentNew}?done=assigned`);
    }
    // Leave the report unassigned again for the other tests.
    await postStaffForm(t.app, cookies, `/staff/reports/${id.urgentNew}/assign`, { assignee: "none" });
  });

  it("answers a value it does not understand with the page, a clear message and 400, never a 500", async () => {
    for (const query of [
      "urgency=extreme",
      "status=lost",
      "from=2026-13-45",
      "from=2026-03-01&to=2026-02-01",
      "country=spain",
      "assignee=someone",
      "sort=random",
      "cursor=not-a-cursor",
      "status=new&status=closed",
      "colour=red",
    ]) {
      const res = await t.app.inject({ method: "GET", url: `/staff/reports?${query}`, cookies });
      expect([query, res.statusCode]).toEqual([query, 400]);
      expect(res.body).toContain("There is a problem with the filters");
      expect(res.body).toContain('class="error-summary"');
    }
    // The message names the field, and the filters that were understood still apply and stay in the form.
    const bad = await t.app.inject({
      method: "GET",
      url: "/staff/reports?urgency=extreme&country=IT",
      cookies,
    });
    expect(bad.body).toContain("“Urgency” is not valid");
    expect(bad.body).toContain('name="country" type="text" value="IT"');
    expect(bad.body.split("data-inbox-row").length - 1).toBe(1);
    expect(bad.body).toContain(`href="/staff/reports/${id.escalated}"`);
    // A cursor made for another sort order is refused, not misread.
    const paged = await api("status=all&sort=newest", pagingCookies);
    const res = await t.app.inject({
      method: "GET",
      url: `/api/v1/staff/reports?status=all&sort=oldest&cursor=${paged.next}`,
      cookies: pagingCookies,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.id).toBe("invalid_cursor");
    const invalid = await t.app.inject({
      method: "GET",
      url: "/api/v1/staff/reports?urgency=extreme",
      cookies,
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.id).toBe("validation_failed");
    const anonymous = await t.app.inject({ method: "GET", url: "/api/v1/staff/reports" });
    expect(anonymous.statusCode).toBe(401);
  });

  it("audits each page view once, with the number of rows and no content", async () => {
    const before = await t.platform.db
      .selectFrom("audit_log")
      .select("seq")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    await t.app.inject({ method: "GET", url: "/staff/reports?status=all", cookies });
    const rows = await t.platform.db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", Number(before?.seq ?? 0))
      .execute();
    expect(rows.map((r) => [r.action, r.actor, JSON.parse(r.detail)])).toEqual([
      ["report.list", `user:${me.id}`, { count: 4 }],
    ]);
    expect(otherOrgId).not.toBe("");
  });

  it.runIf(dialect === "sqlite")(
    "reads the organisation's rows through an index, in order, for every sort",
    async () => {
      for (const query of [
        "",
        "sort=newest",
        "sort=oldest",
        "sort=urgency",
        "status=escalated&sort=newest",
      ]) {
        const plan = await planOf(query);
        expect([query, plan]).toEqual([
          query,
          expect.stringMatching(/USING (COVERING )?INDEX report_copies_/),
        ]);
        expect([query, plan]).not.toEqual([query, expect.stringContaining("TEMP B-TREE FOR ORDER BY")]);
      }
    },
  );

  async function planOf(query: string): Promise<string> {
    const q = InboxQuerySchema.parse(Object.fromEntries(new URLSearchParams(query)));
    const scope = { userId: me.id, organisationId: otherOrgId, role: "coordinator" };
    const compiled = inboxPageQuery(
      t.platform.db,
      scope,
      toFilter(scope, q),
      q.sort ?? "active",
      undefined,
      51,
    ).compile();
    const plan = await t.platform.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return plan.rows.map((r) => r.detail).join("\n");
  }
});
