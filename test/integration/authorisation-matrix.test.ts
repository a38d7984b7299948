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
  | { readonly access: "signed_in"; readonly ends_session?: true }
  | { readonly access: "action"; readonly action: Action; readonly target?: "report" };

const PUBLIC: Rule = { access: "public" };
const MATRIX: Readonly<Record<string, Rule>> = {
  "GET /assets/:file": PUBLIC,
  "GET /api/openapi.json": PUBLIC,
  "GET /healthz": PUBLIC,
  "GET /": PUBLIC,
  "GET /learn": PUBLIC,
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
  "GET /api/v1/staff/reports": { access: "action", action: "report.list" },
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
      if (method === "GET") {
        const res = await app.inject({ method: "GET", url, cookies });
        return { status: res.statusCode, location: res.headers.location as string | undefined };
      }
      // A form post from a page of the console: same cookies, a valid CSRF token.
      const page = await app.inject({ method: "GET", url: "/staff/login", cookies });
      const res = await app.inject({
        method: "POST",
        url,
        cookies: { ...cookies, ...Object.fromEntries(page.cookies.map((c) => [c.name, c.value])) },
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: formEncode({ _csrf: inputValue(page.body, "_csrf"), message: "Matrix test reply." }),
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

    const expected = (role: Role, rule: Rule, target: "own" | "other"): number => {
      if (rule.access !== "action") return 0;
      if (!can(role, rule.action)) return 403;
      if (target === "other") return 404;
      return rule.action === "report.reply" ? 303 : 200;
    };

    it.each(ROLES)(
      "gives the %s role exactly what the permission table allows, and 404 for another organisation's report",
      async (role) => {
        const cookies = await signIn(app, (await buildUser(t.platform, ownOrg, role)).email);
        for (const [route, rule] of Object.entries(MATRIX)) {
          if (rule.access === "action") {
            const own = await request(route, cookies, ownReport);
            expect([route, "own", own.status]).toEqual([route, "own", expected(role, rule, "own")]);
            if (rule.target === "report") {
              const other = await request(route, cookies, otherReport);
              expect([route, "other", other.status]).toEqual([route, "other", expected(role, rule, "other")]);
            }
          } else if (rule.access === "signed_in" && !rule.ends_session) {
            const res = await request(route, cookies, ownReport);
            expect([route, res.status]).toEqual([route, 303]);
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
