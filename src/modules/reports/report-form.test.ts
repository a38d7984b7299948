import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n/i18n.ts";
import { formValues, stepNumber, validateAll, validateStep } from "./report-form.ts";

const { t } = translator("en");

describe("the report form's steps", () => {
  it("asks for at least one category on step 1, with the message people read", () => {
    expect(validateStep(1, {}, t)).toEqual([{ field: "categories", message: t("report.error.categories") }]);
    expect(validateStep(1, { categories: "not_sure" }, t)).toEqual([]);
    expect(validateStep(1, { categories: ["forced_labour", "bogus"] }, t)[0]?.field).toBe("categories");
  });

  it("needs a contact only when the reporter asked to be contacted", () => {
    expect(validateStep(5, { contactPreference: "anonymous" }, t)).toEqual([]);
    expect(validateStep(5, { contactPreference: "contact", contact: "  " }, t).map((e) => e.field)).toEqual([
      "contact",
    ]);
  });

  it("refuses control characters and lone surrogates in free text", () => {
    const errors = validateStep(4, { narrative: "hello\u0000world" }, t);
    expect(errors).toEqual([{ field: "narrative", message: t("report.error.controlCharacters") }]);
    expect(validateStep(4, { narrative: "bad \ud800 text" }, t)[0]?.field).toBe("narrative");
    expect(validateStep(4, { narrative: "emoji are fine 😀, and so are tabs\tand\nnewlines" }, t)).toEqual(
      [],
    );
  });

  it("sends the reporter back to the first step with a problem when the final check fails", () => {
    const result = validateAll({ categories: "not_sure", country: "ES" }, "en", t);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.step).toBe(2);
  });

  it("keeps only the form's own fields and clamps the step number", () => {
    expect(formValues({ _csrf: "x", narrative: "n", evil: "y" })).toEqual({ narrative: "n" });
    expect(stepNumber("3")).toBe(3);
    expect(stepNumber("9")).toBe(1);
    expect(stepNumber(["2"])).toBe(1);
  });
});
