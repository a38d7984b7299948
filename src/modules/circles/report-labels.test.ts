import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n/i18n.ts";
import { TOPICS } from "../library/seed-content.ts";
import { themeLabel } from "./report-labels.ts";
import { CIRCLE_THEMES } from "./report-model.ts";

describe("themeLabel", () => {
  const fr = translator("fr").t;

  it("labels the four Ps and every library topic, in the report's language", () => {
    for (const code of [...CIRCLE_THEMES, ...TOPICS]) expect(themeLabel(fr, code), code).not.toBe(code);
    expect(themeLabel(fr, "prosecution")).toBe("Poursuites");
  });

  it("shows a code it does not know as it was typed", () => {
    expect(themeLabel(fr, "housing_first")).toBe("housing_first");
    expect(themeLabel(fr, "constructor")).toBe("constructor");
  });
});
