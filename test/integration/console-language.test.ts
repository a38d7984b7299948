import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrganisation, buildUser, signIn } from "../support/factories.ts";
import { dialects, startTestApp, type TestApp } from "../support/harness.ts";

describe.each(dialects())("the console's language (%s)", (dialect) => {
  let t: TestApp;
  let cookies: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const org = await buildOrganisation(t.platform, { countries: ["MA"] });
    await t.platform.db
      .updateTable("organisations")
      .set({ default_language: "ar" })
      .where("id", "=", org.id)
      .execute();
    cookies = await signIn(t.app, (await buildUser(t.platform, org.slug, "coordinator")).email);
  });
  afterAll(() => t.close());

  const inbox = (url: string, acceptLanguage = "fr-FR,fr;q=0.9") =>
    t.app.inject({ method: "GET", url, cookies, headers: { "accept-language": acceptLanguage } });

  it("is the organisation's default language, before the browser's", async () => {
    const page = await inbox("/staff/reports");
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("is the language the staff member picks on the page, and links keep it", async () => {
    const page = await inbox("/staff/reports?lang=es");
    expect(page.body).toMatch(/<html lang="es" dir="ltr"/);
    expect(page.body).toContain('href="/staff/account?lang=es"');
  });
});
