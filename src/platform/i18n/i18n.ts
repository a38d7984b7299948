import { IntlMessageFormat } from "intl-messageformat";
import ar from "./locales/ar.json" with { type: "json" };
import en from "./locales/en.json" with { type: "json" };
import es from "./locales/es.json" with { type: "json" };
import fr from "./locales/fr.json" with { type: "json" };

export const LOCALES = ["en", "es", "fr", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** English is the reference catalogue: every key must exist in it, and (by test) in every other. */
export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = { en, es, fr, ar };

const RTL: ReadonlySet<Locale> = new Set(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header (quality values honoured). */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}

/** The region in an Accept-Language header's first tag that has one (`es-MX` → `MX`), for a default country. */
export function regionFromAcceptLanguage(acceptLanguage: string | undefined): string | undefined {
  const match = acceptLanguage?.match(/^[a-z]{2,3}-([A-Za-z]{2})\b/);
  return match?.[1]?.toUpperCase();
}

const compiled = new Map<string, IntlMessageFormat>();

/** A translator bound to one locale. */
export interface Translator {
  readonly locale: Locale;
  readonly dir: "ltr" | "rtl";
  t(key: MessageKey, values?: MessageValues): string;
  /** The localised name of an ISO 3166-1 alpha-2 region. */
  country(code: string): string;
  dateTime(iso: string): string;
}

export function translator(locale: Locale): Translator {
  const catalogue = CATALOGUES[locale];
  const regions = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return {
    locale,
    dir: RTL.has(locale) ? "rtl" : "ltr",
    t(key, values) {
      const source = catalogue[key] ?? CATALOGUES.en[key] ?? key;
      const cacheKey = `${locale}\u0000${key}`;
      let message = compiled.get(cacheKey);
      if (!message) {
        message = new IntlMessageFormat(source, locale);
        compiled.set(cacheKey, message);
      }
      return String(message.format(values));
    },
    country(code) {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
    dateTime(iso) {
      return `${dates.format(new Date(iso))} UTC`;
    },
  };
}
