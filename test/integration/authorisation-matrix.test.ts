import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Action, can, ROLES, type Role } from "../../src/modules/accounts/permissions.ts";
import { buildOrganisation, buildReport, buildUser, signIn } from "../support/factories.ts";
import { dialects, formEncode, inputValue, startTestApp, type TestApp } from "../support/harness.ts";

/**
 * Every route the app registers, and who may use it. The first test fails when a route is added without
 * a line here, so no staff route or API endpoint escapes the matrix below.
 */
type Rule =
  | { readonly access: "public" }
  | { readonly access: "signed_in"; readonly ends_session?: true; readonly ok?: number }
  | {
      readonly access: "action";
      readonly action: Action;
      readonly target?: "report";
      /** The body to send (form or JSON), given the report id the route is tried on. */
      readonly body?: (reportId: string) => Record<string, unknown>;
      /**
       * The status when allowed, if not 200 (GET, API) or 303 (form post). A 400 or 404 here is a
       * deliberately refused input, reached only after the permission and organisation checks passed;
       * routes on a colleague, token, share or invitation `:id` get the report's id, so an allowed probe
       * is a 404.
       */
      readonly ok?: number;
    }
  // The deployment superadmin only: no organisation role reaches it.
  | { readonly access: "superadmin" };

const PUBLIC: Rule = { access: "public" };
const INTAKE_FORM = { ...buildReport(), channel: "sms", language: undefined };
const MATRIX: Readonly<Record<string, Rule>> = {
  "GET /assets/:file": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  "GET /healthz": PUBLIC,
  "GET /": PUBLIC,
  "GET /learn": PUBLIC,
  // The screener (issue 5): public, stores nothing.
  "GET /learn/screener": PUBLIC,
  "GET /learn/screener/step": PUBLIC,
  "GET /learn/screener/result": PUBLIC,
  "GET /privacy": PUBLIC,
  "GET /help": PUBLIC,
  "GET /report": PUBLIC,
  "POST /report": PUBLIC,
  "GET /follow-up": PUBLIC,
  "POST /follow-up": PUBLIC,
  // The reporting API is public by design: a receipt code, not a session, opens a report.
  "POST /api/v1/reports": PUBLIC,
  "GET /api/v1/reports/follow-up": PUBLIC,
  "POST /api/v1/reports/follow-up": PUBLIC,
  "GET /staff/login": PUBLIC,
  "POST /staff/login": PUBLIC,
  // Only a redirect to /staff/reports, which does the checking.
  "GET /staff": PUBLIC,
  "POST /staff/logout": { access: "signed_in", ends_session: true },
  "POST /staff/logout-everywhere": { access: "signed_in", ends_session: true },
  "GET /staff/reports": { access: "action", action: "report.list" },
  "GET /staff/reports/:id": { access: "action", action: "report.read", target: "report" },
  "POST /staff/reports/:id/reply": { access: "action", action: "report.reply", target: "report" },
  "GET /staff/audit": { access: "action", action: "audit.read" },
  // ---- the report page's workflow (issue 3) ----
  "POST /staff/reports/:id/notes": {
    access: "action",
    action: "report.note",
    target: "report",
    body: () => ({ note: "Matrix note." }),
  },
  // Closing without a reason is refused (400) after the checks: repeatable for every role.
  "POST /staff/reports/:id/status": {
    access: "action",
    action: "report.update",
    target: "report",
    body: () => ({ status: "closed" }),
    ok: 400,
  },
  "POST /staff/reports/:id/urgency": {
    access: "action",
    action: "report.update",
    target: "report",
    body: () => ({ urgency: "high" }),
  },
  // Anyone who reads reports may take one; assigning others is checked by the workflow tests.
  "POST /staff/reports/:id/assign": {
    access: "action",
    action: "report.read",
    target: "report",
    body: () => ({ assignee: "me" }),
  },
  "POST /staff/reports/:id/merge": {
    access: "action",
    action: "report.merge",
    target: "report",
    body: (id) => ({ into: id }),
    ok: 400,
  },
  "POST /staff/reports/:id/shares": {
    access: "action",
    action: "report.share",
    target: "report",
    body: () => ({ organisation: "no-such-organisation" }),
    ok: 400,
  },
  "GET /staff/reports/new": { access: "action", action: "report.intake" },
  "POST /staff/reports/new": {
    access: "action",
    action: "report.intake",
    body: () => ({ ...INTAKE_FORM }),
    ok: 201,
  },
  // Share ids: the matrix tries a report id, which is no share (404 after the permission check).
  "GET /staff/shares": { access: "action", action: "report.share" },
  "POST /staff/shares/:id/accept": { access: "action", action: "report.share", ok: 404 },
  "POST /staff/shares/:id/decline": { access: "action", action: "report.share", ok: 404 },
  "POST /staff/shares/:id/revoke": { access: "action", action: "report.share", ok: 404 },
  "GET /api/v1/staff/reports/:id": { access: "action", action: "report.read", target: "report" },
  "POST /api/v1/staff/reports/:id/reply": {
    access: "action",
    action: "report.reply",
    target: "report",
    body: () => ({ message: "Matrix reply." }),
  },
  "POST /api/v1/staff/reports/:id/notes": {
    access: "action",
    action: "report.note",
    target: "report",
    body: () => ({ note: "Matrix note." }),
  },
  "POST /api/v1/staff/reports/:id/status": {
    access: "action",
    action: "report.update",
    target: "report",
    body: () => ({ status: "closed" }),
    ok: 400,
  },
  "POST /api/v1/staff/reports/:id/urgency": {
    access: "action",
    action: "report.update",
    target: "report",
    body: () => ({ urgency: "high" }),
  },
  "POST /api/v1/staff/reports/:id/assign": {
    access: "action",
    action: "report.read",
    target: "report",
    body: () => ({ assignee: "me" }),
  },
  "POST /api/v1/staff/reports/:id/merge": {
    access: "action",
    action: "report.merge",
    target: "report",
    body: (id) => ({ into: id }),
    ok: 400,
  },
  "POST /api/v1/staff/reports/:id/shares": {
    access: "action",
    action: "report.share",
    target: "report",
    body: () => ({ organisationId: "no-such-organisation" }),
    ok: 400,
  },
  "POST /api/v1/staff/shares/:id/accept": { access: "action", action: "report.share", ok: 404 },
  "POST /api/v1/staff/shares/:id/decline": { access: "action", action: "report.share", ok: 404 },
  "POST /api/v1/staff/shares/:id/revoke": { access: "action", action: "report.share", ok: 404 },
  "POST /api/v1/staff/reports": {
    access: "action",
    action: "report.intake",
    body: () => ({ ...buildReport(), channel: "phone" }),
    ok: 201,
  },
  // Accounts. The second step of sign-in and enrolment need a half-signed-in session (two-factor tests).
  "GET /staff/login/code": PUBLIC,
  "POST /staff/login/code": PUBLIC,
  "GET /staff/enrol": PUBLIC,
  "POST /staff/enrol": PUBLIC,
  // An invitation link is its own credential (invitation tests).
  "GET /staff/invite/:token": PUBLIC,
  "POST /staff/invite/:token": PUBLIC,
  "GET /staff/account": { access: "signed_in", ok: 200 },
  "POST /staff/account/recovery-codes": { access: "signed_in", ok: 200 },
  "GET /staff/account/password": { access: "signed_in", ok: 200 },
  "POST /staff/account/password": { access: "signed_in", ok: 400 },
  "GET /staff/account/tokens": { access: "signed_in", ok: 200 },
  "POST /staff/account/tokens": { access: "signed_in", ok: 400 },
  "POST /staff/account/tokens/:id/revoke": { access: "signed_in", ok: 404 },
  "GET /api/v1/me": { access: "signed_in", ok: 200 },
  "GET /staff/admin/users": { access: "action", action: "user.manage" },
  "POST /staff/admin/users/invite": { access: "action", action: "user.manage", ok: 400 },
  "POST /staff/admin/invitations/:id/revoke": { access: "action", action: "user.manage", ok: 404 },
  "POST /staff/admin/users/:id/role": { access: "action", action: "user.manage", ok: 404 },
  "POST /staff/admin/users/:id/disable": { access: "action", action: "user.manage", ok: 404 },
  "POST /staff/admin/users/:id/enable": { access: "action", action: "user.manage", ok: 404 },
  "POST /staff/admin/users/:id/reset-2fa": { access: "action", action: "user.manage", ok: 404 },
  "GET /staff/admin/organisation": { access: "action", action: "organisation.manage" },
  "POST /staff/admin/organisation": { access: "action", action: "organisation.manage", ok: 400 },
  "GET /staff/admin/organisations": { access: "superadmin" },
  "POST /staff/admin/organisations": { access: "superadmin" },
  "GET /api/v1/staff/reports": { access: "action", action: "report.list" },
  // A retried batch is safe (the ad is skipped once stored): the same body serves every role.
  "POST /api/v1/ads": {
    access: "action",
    action: "ads.import",
    body: () => ({ ads: [{ id: "matrix-ad", site: "example.com", text: "Call 07700 900123" }] }),
  },
  // ---- the admin console's actions in the API (issue 3); colleague and invitation ids get a report id: 404 ----
  "GET /api/v1/staff/audit": { access: "action", action: "audit.read" },
  "GET /api/v1/staff/users": { access: "action", action: "user.manage" },
  "GET /api/v1/staff/invitations": { access: "action", action: "user.manage" },
  "POST /api/v1/staff/invitations": {
    access: "action",
    action: "user.manage",
    body: () => ({ email: `matrix-${crypto.randomUUID()}@example.org`, name: "Matrix", role: "viewer" }),
    ok: 201,
  },
  "POST /api/v1/staff/invitations/:id/revoke": { access: "action", action: "user.manage", ok: 404 },
  "POST /api/v1/staff/users/:id/role": {
    access: "action",
    action: "user.manage",
    body: () => ({ role: "viewer" }),
    ok: 404,
  },
  "POST /api/v1/staff/users/:id/disable": { access: "action", action: "user.manage", ok: 404 },
  "POST /api/v1/staff/users/:id/enable": { access: "action", action: "user.manage", ok: 404 },
  "POST /api/v1/staff/users/:id/reset-2fa": { access: "action", action: "user.manage", ok: 404 },
  "GET /api/v1/staff/organisation": { access: "action", action: "organisation.manage" },
  // An unknown country is refused (400) after the checks.
  "PUT /api/v1/staff/organisation": {
    access: "action",
    action: "organisation.manage",
    body: () => ({
      name: "Matrix",
      countries: ["XX"],
      defaultLanguage: "en",
      retentionDays: 365,
      hotlinePhone: null,
      hotlineHours: null,
    }),
    ok: 400,
  },
  "GET /api/v1/staff/shares": { access: "action", action: "report.share" },
  // ---- the analyst console (issue 4); ad and cluster ids get a report id: 404 after the checks ----
  "GET /staff/ads": { access: "action", action: "links.read" },
  "GET /staff/ads/:id": { access: "action", action: "links.read", ok: 404 },
  "GET /staff/clusters": { access: "action", action: "links.read" },
  "GET /staff/clusters/:id": { access: "action", action: "links.read", ok: 404 },
  "POST /staff/clusters/:id/lead": { access: "action", action: "links.export", ok: 404 },
  "POST /staff/clusters/:id/lead.json": { access: "action", action: "links.export", ok: 404 },
  "GET /api/v1/ads/:id/cluster": { access: "action", action: "links.read", ok: 404 },
  "GET /api/v1/clusters/:id": { access: "action", action: "links.read", ok: 404 },
  // ---- the network graph and the hotspot map (issue 4); a cluster :id gets the report's id: 404 ----
  "GET /api/v1/clusters/:id/graph": { access: "action", action: "links.read", ok: 404 },
  "GET /staff/clusters/:id/network": { access: "action", action: "links.read", ok: 404 },
  "GET /staff/map": { access: "action", action: "links.read" },
  // ---- the library (issue 5): the glossary is public reading ----
  "GET /learn/glossary": PUBLIC,
  "GET /learn/glossary/:id": PUBLIC,
  // ---- the library's editorial console (issue 5): anyone signed in submits and sees their own items;
  // editors review and publish. An item :id gets the report's id: 404 after the checks. ----
  "GET /staff/library": { access: "action", action: "library.submit" },
  // No type given: there is no such form (404); a resource with nothing filled in is refused (400).
  "GET /staff/library/new": { access: "action", action: "library.submit", ok: 404 },
  "POST /staff/library/new": {
    access: "action",
    action: "library.submit",
    body: () => ({ type: "resource" }),
    ok: 400,
  },
  "GET /staff/library/:id": { access: "action", action: "library.submit", ok: 404 },
  "GET /staff/library/:id/edit": { access: "action", action: "library.submit", ok: 404 },
  "POST /staff/library/:id/edit": { access: "action", action: "library.submit", ok: 404 },
  "GET /staff/library/:id/diff": { access: "action", action: "library.submit", ok: 404 },
  "POST /staff/library/:id/submit": { access: "action", action: "library.submit", ok: 404 },
  "POST /staff/library/:id/approve": { access: "action", action: "library.edit", ok: 404 },
  "POST /staff/library/:id/changes": { access: "action", action: "library.edit", ok: 404 },
  "POST /staff/library/:id/archive": { access: "action", action: "library.edit", ok: 404 },
  "POST /staff/library/:id/restore": { access: "action", action: "library.edit", ok: 404 },
  "POST /staff/library/:id/consent": { access: "action", action: "library.edit", ok: 404 },
  "POST /staff/library/:id/consent/withdraw": { access: "action", action: "library.edit", ok: 404 },
  "GET /staff/library/files/:id": { access: "action", action: "library.submit", ok: 404 },
  // A published resource's file: public reading, like the page that links to it.
  "GET /learn/files/:id/:name": PUBLIC,
  // ---- conversation circles (issue 6): participants need only the code; staff run their organisation's
  // circles. A circle :id gets the report's id: 404 after the checks; bad forms are refused (400). ----
  "GET /circles/join": PUBLIC,
  "GET /circles/:code": PUBLIC,
  "POST /circles/:code/join": PUBLIC,
  "GET /circles/:code/q/:n": PUBLIC,
  "POST /circles/:code/q/:n": PUBLIC,
  "POST /circles/:code/q/:n/support": PUBLIC,
  "GET /circles/:code/thanks": PUBLIC,
  "GET /staff/circles": { access: "action", action: "circle.facilitate" },
  // Reports: the organisation's staff; a public one (by the coordinator's choice) for anyone.
  "GET /circles/reports/:id": PUBLIC,
  "GET /circles/reports/:id.md": PUBLIC,
  "GET /circles/reports/:id.docx": PUBLIC,
  "GET /circles/reports/:id.pdf": PUBLIC,
  "GET /staff/circles/:id/report": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/circles/:id/report.md": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/circles/:id/report.docx": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/circles/:id/report.pdf": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/forums/:id": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/forums/:id/report.md": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/forums/:id/report.docx": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/forums/:id/report.pdf": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/circles/new": { access: "action", action: "circle.manage" },
  "POST /staff/circles/new": { access: "action", action: "circle.manage", ok: 400 },
  "GET /staff/forums/new": { access: "action", action: "circle.manage" },
  "POST /staff/forums/new": { access: "action", action: "circle.manage", ok: 400 },
  "GET /staff/circles/:id": { access: "action", action: "circle.facilitate", ok: 404 },
  "GET /staff/circles/:id/edit": { access: "action", action: "circle.manage", ok: 404 },
  "POST /staff/circles/:id/edit": { access: "action", action: "circle.manage", ok: 404 },
  "GET /staff/circles/:id/present": { access: "action", action: "circle.facilitate", ok: 404 },
  "POST /staff/circles/:id/status": {
    access: "action",
    action: "circle.manage",
    body: () => ({ status: "open" }),
    ok: 404,
  },
  "POST /staff/circles/:id/visibility": {
    access: "action",
    action: "circle.manage",
    body: () => ({ reportVisibility: "public" }),
    ok: 404,
  },
  "GET /staff/circles/:id/responses/:rid": { access: "action", action: "circle.facilitate", ok: 404 },
  "POST /staff/circles/:id/responses/:rid": {
    access: "action",
    action: "circle.facilitate",
    body: () => ({ action: "hide" }),
    ok: 404,
  },
  "POST /staff/circles/:id/clusters": {
    access: "action",
    action: "circle.facilitate",
    body: () => ({ name: "A group", responseIds: "0000000000000000" }),
    ok: 404,
  },
  "POST /staff/circles/:id/clusters/suggest": {
    access: "action",
    action: "circle.facilitate",
    body: () => ({ questionId: "none" }),
    ok: 404,
  },
  "POST /staff/circles/:id/clusters/:cid": {
    access: "action",
    action: "circle.facilitate",
    body: () => ({ action: "reject" }),
    ok: 404,
  },
  "POST /staff/circles/:id/reflections": { access: "action", action: "circle.facilitate", ok: 404 },
  "POST /staff/circles/:id/actions": {
    access: "action",
    action: "circle.facilitate",
    body: () => ({ sourceType: "response", sourceId: "0000000000000000", title: "Follow up" }),
    ok: 404,
  },
  // ---- the public library pages (issue 5): search and published items only ----
  "GET /learn/search": PUBLIC,
  "GET /learn/articles/:slug": PUBLIC,
  "GET /learn/practices/:slug": PUBLIC,
  "GET /learn/resources/:slug": PUBLIC,
  "GET /learn/stories/:slug": PUBLIC,
  "GET /learn/kits/:slug": PUBLIC,
  "GET /learn/kits/:slug/print": PUBLIC,
};

describe.each(dialects())(
  "authorisation matrix: every route × every role × own and other organisation (%s)",
  (dialect) => {
    let t: TestApp;
    let app: FastifyInstance;
    let ownReport: string;
    let otherReport: string;
    let ownOrg: string;

    async function reportIdOf(orgSlug: string, country: string): Promise<string> {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/reports",
        payload: buildReport({ country }),
      });
      expect(res.statusCode).toBe(201);
      const coordinator = await signIn(app, (await buildUser(t.platform, orgSlug, "coordinator")).email);
      const list = await app.inject({ method: "GET", url: "/staff/reports", cookies: coordinator });
      return list.body.match(/href="\/staff\/reports\/([0-9a-f]+)"/)?.[1] ?? "";
    }

    async function request(
      route: string,
      cookies: Record<string, string>,
      reportId: string,
    ): Promise<{ status: number; location?: string }> {
      const [method = "GET", pattern = "/"] = route.split(" ");
      const url = pattern.replace(":id", reportId);
      const rule = MATRIX[route];
      const body =
        rule?.access === "action" && rule.body ? rule.body(reportId) : { message: "Matrix test reply." };
      if (method === "GET") {
        const res = await app.inject({ method: "GET", url, cookies });
        return { status: res.statusCode, location: res.headers.location as string | undefined };
      }
      if (url.startsWith("/api/")) {
        const res = await app.inject({
          method: method === "PUT" ? "PUT" : "POST",
          url,
          cookies,
          payload: body,
        });
        return { status: res.statusCode };
      }
      // A form post from a page of the console: same cookies, a valid CSRF token.
      const page = await app.inject({ method: "GET", url: "/staff/login", cookies });
      const res = await app.inject({
        method: "POST",
        url,
        cookies: { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formEncode({
          _csrf: inputValue(page.body, "_csrf"),
          ...(body as Record<string, string | string[] | undefined>),
        }),
      });
      return { status: res.statusCode, location: res.headers.location as string | undefined };
    }

    beforeAll(async () => {
      t = await startTestApp(dialect);
      app = t.app;
      const own = await buildOrganisation(t.platform, { countries: ["ES"] });
      const other = await buildOrganisation(t.platform, { countries: ["FR"] });
      ownOrg = own.slug;
      ownReport = await reportIdOf(own.slug, "ES");
      otherReport = await reportIdOf(other.slug, "FR");
      expect(ownReport).not.toBe("");
      expect(otherReport).not.toBe("");
    });
    afterAll(() => t.close());

    it("has a rule for every registered route, and no rule for a route that does not exist", () => {
      const registered = [...new Set(app.routeTable)].sort();
      expect(registered).toEqual(Object.keys(MATRIX).sort());
    });

    it("sends anyone without a session from every console page to sign-in (and answers 401 on the API)", async () => {
      for (const [route, rule] of Object.entries(MATRIX)) {
        if (rule.access === "public" || !route.startsWith("GET ")) continue;
        const res = await request(route, {}, ownReport);
        // Console pages send the browser to sign-in; the API answers 401.
        const anonymous = route.includes(" /api/") ? [401, undefined] : [303, "/staff/login"];
        expect([route, res.status, res.location]).toEqual([route, ...anonymous]);
      }
    });

    const expected = (role: Role, route: string, rule: Rule, target: "own" | "other"): number => {
      if (rule.access !== "action") return 0;
      if (!can(role, rule.action)) return 403;
      if (target === "other") return 404;
      if (rule.ok) return rule.ok;
      return route.startsWith("POST /staff/") ? 303 : 200;
    };

    it.each(ROLES)(
      "gives the %s role exactly what the permission table allows, and 404 for another organisation's report",
      async (role) => {
        const cookies = await signIn(app, (await buildUser(t.platform, ownOrg, role)).email);
        for (const [route, rule] of Object.entries(MATRIX)) {
          if (rule.access === "action") {
            const own = await request(route, cookies, ownReport);
            expect([route, "own", own.status]).toEqual([route, "own", expected(role, route, rule, "own")]);
            if (rule.target === "report") {
              const other = await request(route, cookies, otherReport);
              expect([route, "other", other.status]).toEqual([
                route,
                "other",
                expected(role, route, rule, "other"),
              ]);
            }
          } else if (rule.access === "signed_in" && !rule.ends_session) {
            const res = await request(route, cookies, ownReport);
            expect([route, res.status]).toEqual([route, rule.ok ?? 303]);
          } else if (rule.access === "superadmin") {
            const res = await request(route, cookies, ownReport);
            expect([route, res.status]).toEqual([route, 403]);
          }
        }
        // Signing out works for every role, and ends the session.
        for (const [route, rule] of Object.entries(MATRIX)) {
          if (rule.access !== "signed_in" || !rule.ends_session) continue;
          const session = await signIn(app, (await buildUser(t.platform, ownOrg, role)).email);
          expect((await request(route, session, ownReport)).status).toBe(303);
          expect((await request("GET /staff/reports", session, ownReport)).status).toBe(303);
        }
      },
    );
  },
);
