import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { CATALOGUES, LOCALES, negotiateLocale, regionFromAcceptLanguage, translator } from "./i18n.ts";

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)[,}]/g)]
    .map((m) => m[1])
    .sort()
    .join(",");

describe("message catalogues", () => {
  const reference = CATALOGUES.en;

  it.each(LOCALES.filter((l) => l !== "en"))(
    "%s has every English key, and no key English lacks",
    (locale) => {
      const catalogue = CATALOGUES[locale];
      const missing = Object.keys(reference).filter((k) => !(k in catalogue));
      const extra = Object.keys(catalogue).filter((k) => !(k in reference));
      expect(missing, `missing in ${locale}`).toEqual([]);
      expect(extra, `unknown in ${locale}`).toEqual([]);
    },
  );

  it.each(LOCALES)("%s messages parse as ICU and use the same placeholders as English", (locale) => {
    for (const [key, message] of Object.entries(CATALOGUES[locale])) {
      expect(() => new IntlMessageFormat(message, locale), `${locale} ${key}`).not.toThrow();
      expect(placeholders(message), `${locale} ${key}`).toBe(
        placeholders(reference[key as keyof typeof reference] ?? ""),
      );
      expect(message.trim(), `${locale} ${key} is empty`).not.toBe("");
    }
  });

  it("translates rather than copies: most messages differ from English", () => {
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      const same = Object.entries(CATALOGUES[locale]).filter(
        ([k, v]) => reference[k as keyof typeof reference] === v,
      );
      // A few words are the same in both languages ("SMS", "Organisation"); an untranslated batch is not.
      const allowed = Math.ceil(Object.keys(reference).length * 0.03);
      expect(same.length, `${locale}: ${same.map(([k]) => k).join(", ")}`).toBeLessThanOrEqual(allowed);
    }
  });
});

describe("language choice", () => {
  it("follows Accept-Language with quality values and falls back to English", () => {
    expect(negotiateLocale("ar-EG,ar;q=0.9,en;q=0.5")).toBe("ar");
    expect(negotiateLocale("de-DE, fr;q=0.4, es;q=0.8")).toBe("es");
    expect(negotiateLocale("de, ja")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("fr;q=0")).toBe("en");
  });

  it("reads a default country from the language tag", () => {
    expect(regionFromAcceptLanguage("es-MX,es;q=0.9")).toBe("MX");
    expect(regionFromAcceptLanguage("fr")).toBeUndefined();
  });

  it("lays Arabic out right to left and names countries in the reader's language", () => {
    const ar = translator("ar");
    expect(ar.dir).toBe("rtl");
    expect(translator("es").country("DE")).toBe("Alemania");
    expect(translator("fr").t("report.progress", { step: 2, total: 5 })).toMatch(/2.*5/);
  });
});
