import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGE_BUDGET_BYTES, type PageWeight, weighReportForm } from "../../bench/page-weight.measure.ts";
import { startTestApp, type TestApp } from "../support/harness.ts";

// Bytes, not time: the page weight does not depend on the database, so SQLite alone is enough.
// bench/page-weight.ts records the same measure for every step and locale in bench/RESULTS.md.
describe("report form page weight", () => {
  let t: TestApp;
  let pages: PageWeight[];

  beforeAll(async () => {
    t = await startTestApp("sqlite");
    pages = await weighReportForm(t.app, "en");
  });
  afterAll(() => t.close());

  it.each([
    [1, "the first step"],
    [2, "the step with the 245-country list, the largest"],
  ])("keeps step %i (%s) with its CSS and JS under 30 KB compressed", (step) => {
    const page = pages[step - 1];
    expect(page?.resources.map((r) => r.kind)).toEqual(expect.arrayContaining(["html", "css", "js"]));
    expect(page?.resources.find((r) => r.kind === "html")?.encoded).toEqual({ br: "br", gzip: "gzip" });
    expect(page?.total.br).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
    expect(page?.total.gzip).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });
});
