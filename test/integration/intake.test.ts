import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildOrganisation,
  buildReport,
  buildUser,
  FORM_ANSWERS,
  followUpPage,
  postStaffForm,
  signIn,
} from "../support/factories.ts";
import { decodeEntities, dialects, reportRowCounts, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())(
  "staff intake of a report taken by phone, SMS, email or in person (%s)",
  (dialect) => {
    let t: TestApp;
    let caseworker: Record<string, string>;
    let analyst: Record<string, string>;
    let orgId: string;
    let otherOrgId: string;

    beforeAll(async () => {
      t = await startTestApp(dialect);
      const org = await buildOrganisation(t.platform, { countries: ["ES"], name: "Alba Hotline" });
      // Another organisation also covers Spain: an intake still goes to the recording organisation only.
      const other = await buildOrganisation(t.platform, { countries: ["ES"] });
      orgId = org.id;
      otherOrgId = other.id;
      caseworker = await signIn(t.app, (await buildUser(t.platform, org.slug, "caseworker")).email);
      analyst = await signIn(t.app, (await buildUser(t.platform, org.slug, "analyst")).email);
    });
    afterAll(() => t.close());

    const text = (res: LightMyRequestResponse) =>
      decodeEntities(res.body.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
    const receipt = (html: string) =>
      html.match(/data-receipt-code[^>]*><span dir="ltr">([\d ]+)<\/span>/)?.[1]?.replace(/ /g, "");

    it("shows every question of the public form on one page, without JavaScript", async () => {
      const res = await t.app.inject({ method: "GET", url: "/staff/reports/new", cookies: caseworker });
      expect(res.statusCode).toBe(200);
      for (const field of ["channel", "categories", "country", "narrative", "danger", "contactPreference"]) {
        expect([field, res.body.includes(`name="${field}"`)]).toEqual([field, true]);
      }
      expect(text(res)).toContain("How did the report reach you?");
    });

    it("files the report with this organisation only, with the channel, and a receipt code that works at follow-up", async () => {
      const res = await postStaffForm(t.app, caseworker, "/staff/reports/new", {
        ...FORM_ANSWERS,
        narrative: "Canary-intake: caller describes a nail salon.",
        channel: "phone",
      });
      expect(res.statusCode).toBe(201);
      const code = receipt(res.body) ?? "";
      expect(code).toMatch(/^\d{16}$/);
      const reportId = res.body.match(/href="\/staff\/reports\/([0-9a-f]+)"/)?.[1] ?? "";
      const copies = await t.platform.db
        .selectFrom("report_copies")
        .select(["organisation_id", "channel", "urgency"])
        .where("report_id", "=", reportId)
        .execute();
      // Children were reported in the answers: urgency starts high.
      expect(copies).toEqual([{ organisation_id: orgId, channel: "phone", urgency: 1 }]);
      expect(copies.some((c) => c.organisation_id === otherOrgId)).toBe(false);

      const shown = text(
        await t.app.inject({ method: "GET", url: `/staff/reports/${reportId}`, cookies: caseworker }),
      );
      expect(shown).toContain("Canary-intake: caller describes a nail salon.");
      expect(shown).toContain("Received by phone · Recorded by Test caseworker");
      expect(shown).toContain("Report received (phone)");

      const followUp = await followUpPage(t.app, code);
      expect(followUp.statusCode).toBe(200);
      expect(text(followUp)).toContain("Received: waiting to be read");
      const audit = await t.platform.db
        .selectFrom("audit_log")
        .select("action")
        .where("target_id", "=", reportId)
        .execute();
      expect(audit.map((a) => a.action)).toContain("report.intake");
    });

    it("records through the API with the channel, and refuses bad bodies with nothing written", async () => {
      const ok = await t.app.inject({
        method: "POST",
        url: "/api/v1/staff/reports",
        cookies: caseworker,
        payload: { ...buildReport(), channel: "in_person" },
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json().receiptCode).toMatch(/^\d{16}$/);
      const row = await t.platform.db
        .selectFrom("report_copies")
        .select("channel")
        .where("report_id", "=", ok.json().reportId)
        .executeTakeFirstOrThrow();
      expect(row.channel).toBe("in_person");

      const before = await reportRowCounts(t.platform);
      for (const payload of [
        { ...buildReport(), channel: "web" },
        { ...buildReport() },
        { ...buildReport({ contactPreference: "contact", contact: "" }), channel: "sms" },
        { ...buildReport({ narrative: "" }), channel: "sms" },
        { ...buildReport(), channel: "sms", extra: "field" },
      ]) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/staff/reports",
          cookies: caseworker,
          payload,
        });
        expect([res.statusCode, res.json().error.id]).toEqual([400, "validation_failed"]);
      }
      const unknownCountry = await t.app.inject({
        method: "POST",
        url: "/api/v1/staff/reports",
        cookies: caseworker,
        payload: { ...buildReport({ country: "ZZ" }), channel: "sms" },
      });
      expect(unknownCountry.statusCode).toBe(400);
      const forbidden = await t.app.inject({
        method: "POST",
        url: "/api/v1/staff/reports",
        cookies: analyst,
        payload: { ...buildReport(), channel: "sms" },
      });
      expect(forbidden.statusCode).toBe(403);
      expect(await reportRowCounts(t.platform)).toBe(before);
    });

    it("shows the form again with the errors and what was typed, and saves nothing", async () => {
      const before = await reportRowCounts(t.platform);
      const res = await postStaffForm(t.app, caseworker, "/staff/reports/new", {
        ...FORM_ANSWERS,
        narrative: "",
        channel: "fax",
        area: "Canary-kept area",
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('href="#f-channel"');
      expect(res.body).toContain('href="#f-narrative"');
      expect(res.body).toContain('value="Canary-kept area"');
      const country = await postStaffForm(t.app, caseworker, "/staff/reports/new", {
        ...FORM_ANSWERS,
        country: "ZZ",
        channel: "email",
      });
      expect(country.statusCode).toBe(400);
      expect(country.body).toContain('href="#f-country"');
      expect(await reportRowCounts(t.platform)).toBe(before);
    });
  },
);
