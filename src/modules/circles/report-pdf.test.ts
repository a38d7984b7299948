import { describe, expect, it } from "vitest";
import { PdfUnavailableError, reportPdf } from "./report-pdf.ts";

describe("reportPdf without Chromium", () => {
  it("fails with a clear 503 error the route can show", async () => {
    const failure = reportPdf("<p>x</p>", { executablePath: "/nowhere/chromium" });
    await expect(failure).rejects.toBeInstanceOf(PdfUnavailableError);
    await expect(failure).rejects.toMatchObject({ id: "pdf_unavailable", status: 503 });
  });
});
