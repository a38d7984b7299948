import { byPosition, spanIdentifier } from "./raw-span.ts";
import type { ExtractOptions, Identifier } from "./types.ts";

/**
 * Stated ages and prices. An age is a number 10–99 with an age word around it ("19 years old", "19yo",
 * "edad 19", "19 ans"); its value is the number. A price is an amount with a currency or a rate
 * ("$200", "150 €", "MXN 1,500", "80/hr", "120 hh"); its value is `amount CUR` with an ISO 4217 code,
 * plus `/unit` when a rate is stated (`200 USD/h`, `120 XXX/30min`). Euphemisms ("100 roses",
 * "donation 80") and bare rates state no currency, so they use ISO 4217's `XXX` ("no currency").
 */

const NOT_BEFORE = "(?<![\\p{L}\\p{N}.,$€£¥])";
const NOT_AFTER = "(?![\\p{L}\\p{N}])";
const AGE = "(?<n>[1-9][0-9])";

const AGE_PATTERNS: readonly RegExp[] = [
  // 19 years old, 19 yrs old, 19 year-old, 19yo, 19 y/o, 19 y.o.
  new RegExp(`${NOT_BEFORE}${AGE}[ -]?(?:years?|yrs?)[ -]?old${NOT_AFTER}`, "giu"),
  new RegExp(`${NOT_BEFORE}${AGE} ?(?:yo|y\\/o|y\\.o\\.?)(?![\\p{L}\\p{N}.])`, "giu"),
  // age 19, aged 19, age: 19, edad 19, edad: 19, âge 19
  new RegExp(`(?<![\\p{L}\\p{N}])(?:aged?|edad|âge|age)[: ]{1,3}${AGE}${NOT_AFTER}`, "giu"),
  // 19 años, 19 anos, 19 ans
  new RegExp(`${NOT_BEFORE}${AGE} ?(?:años|anos|añitos|ans)${NOT_AFTER}`, "giu"),
  // just turned 18, recién cumplí 18, "new 18" style
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:just turned|recién cumplí|recien cumpli|cumplí|new) ${AGE}${NOT_AFTER}`,
    "giu",
  ),
];

/** Ages stated in the text (10–99), value the number of years. */
export function extractAges(text: string): Identifier[] {
  const found = new Map<number, Identifier>();
  for (const pattern of AGE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const years = match.groups?.n;
      if (years === undefined) continue;
      const start = match.index;
      found.set(start, spanIdentifier("age", String(Number(years)), text, start, start + match[0].length));
    }
  }
  // "age 19 years old" is one statement: keep the first of overlapping spans.
  const ages: Identifier[] = [];
  for (const age of [...found.values()].sort(byPosition)) {
    const last = ages[ages.length - 1];
    if (last === undefined || age.start >= last.end) ages.push(age);
  }
  return ages;
}

// Region → currency for "$" and "pesos" (the ad's country decides what the symbol means).
const DOLLAR_BY_REGION: Readonly<Record<string, string>> = {
  US: "USD",
  CA: "CAD",
  AU: "AUD",
  NZ: "NZD",
  MX: "MXN",
  CO: "COP",
  AR: "ARS",
  CL: "CLP",
  UY: "UYU",
  DO: "DOP",
  CU: "CUP",
  PH: "PHP",
  SG: "SGD",
  HK: "HKD",
  TW: "TWD",
  EC: "USD",
  SV: "USD",
  PA: "USD",
  PR: "USD",
  BR: "BRL",
};
const PESO_BY_REGION: Readonly<Record<string, string>> = {
  MX: "MXN",
  CO: "COP",
  AR: "ARS",
  CL: "CLP",
  UY: "UYU",
  DO: "DOP",
  CU: "CUP",
  PH: "PHP",
};

const CODES =
  "USD|EUR|GBP|MXN|CAD|AUD|NZD|COP|ARS|CLP|PEN|BRL|CHF|UYU|DOP|GTQ|HNL|CRC|PLN|RON|CZK|HUF|SEK|NOK|DKK|JPY|CNY|THB|PHP|INR|RUB|UAH|TRY|ZAR|NGN";
const WORDS =
  "dollars?|d[oó]lares|bucks|euros?|pounds?|quid|libras?|pesos?|reais|soles|francs?|roses|rosas|donation|donativo|donación|donacion|cadeau";
const AMOUNT = "(?<a>[0-9]{1,3}(?:[.,][0-9]{3})+(?:[.,][0-9]{1,2})?|[0-9]{1,6}(?:[.,][0-9]{1,2})?)";
const UNIT =
  "(?:(?: ?(?:\\/|per|a|an|la|por|par|x) ?(?<u>hours?|hrs?|h|hora|heure|hh|hhr|half ?hour|media hora|30 ?min|qv|quick ?visit|night|noche|nuit))|(?: ?(?<u2>hh|hhr|qv)))";

const PRICE_PATTERNS: readonly RegExp[] = [
  // symbol or code before: $200, € 150, US$ 100, USD 100, MXN 1,500
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?<c>US\\$|R\\$|CA\\$|AU\\$|MX\\$|[$€£¥]|${CODES}) ?${AMOUNT}(?![0-9])(?:${UNIT})?${NOT_AFTER}`,
    "giu",
  ),
  // symbol, code or word after: 200$, 150 €, 100 USD, 100 roses, 80 euros/hr
  new RegExp(`${NOT_BEFORE}${AMOUNT} ?(?<c>[$€£¥]|${CODES}|${WORDS})(?:${UNIT})?(?![\\p{L}\\p{N}$])`, "giu"),
  // euphemism before: donation 80, donativo: 80
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?<c>donations?|donativos?|donaci[oó]n|roses|rosas|cadeau)[: ]{1,3}${AMOUNT}(?![0-9])(?:${UNIT})?${NOT_AFTER}`,
    "giu",
  ),
  // bare rate: 80/hr, 120 hh, 200/h (needs the rate: a bare number is not a price)
  new RegExp(`${NOT_BEFORE}${AMOUNT}${UNIT}${NOT_AFTER}`, "giu"),
];

const CODE_SET = new Set(CODES.split("|"));

function currencyOf(token: string, region: string | undefined): string {
  const upper = token.toUpperCase();
  if (CODE_SET.has(upper)) return upper;
  if (upper === "US$") return "USD";
  if (upper === "R$") return "BRL";
  if (upper === "CA$") return "CAD";
  if (upper === "AU$") return "AUD";
  if (upper === "MX$") return "MXN";
  if (upper === "$") return DOLLAR_BY_REGION[region ?? ""] ?? "USD";
  if (upper === "€" || upper.startsWith("EURO")) return "EUR";
  if (upper === "£" || upper.startsWith("POUND") || upper === "QUID" || upper.startsWith("LIBRA"))
    return "GBP";
  if (upper === "¥") return region === "CN" ? "CNY" : "JPY";
  if (
    upper.startsWith("DOLLAR") ||
    upper.startsWith("DÓLAR") ||
    upper.startsWith("DOLAR") ||
    upper === "BUCKS"
  ) {
    // "dólares" in Mexico are US dollars: the word follows the region only where the region's dollar is one.
    const local = DOLLAR_BY_REGION[region ?? ""];
    return local?.endsWith("D") ? local : "USD";
  }
  if (upper.startsWith("PESO")) return PESO_BY_REGION[region ?? ""] ?? "MXN";
  if (upper === "REAIS") return "BRL";
  if (upper === "SOLES") return "PEN";
  if (upper.startsWith("FRANC")) return "CHF";
  return "XXX"; // roses, donation, cadeau: no currency stated
}

/** "1,500" and "1.500" are thousands; "1,50" and "1.5" are decimals. */
function parseAmount(written: string): string {
  const groups = written.split(/[.,]/);
  const last = groups[groups.length - 1] ?? "";
  const decimals = groups.length > 1 && last.length <= 2 ? last : "";
  const whole = (decimals ? groups.slice(0, -1) : groups).join("");
  const value = Number(`${whole}${decimals ? `.${decimals}` : ""}`);
  return String(value);
}

function unitOf(written: string | undefined): string {
  if (written === undefined) return "";
  const unit = written.toLowerCase().replace(/ /g, "");
  if (unit === "hh" || unit === "hhr" || unit === "halfhour" || unit === "mediahora" || unit === "30min") {
    return "/30min";
  }
  if (unit === "qv" || unit === "quickvisit") return "/15min";
  if (unit === "night" || unit === "noche" || unit === "nuit") return "/night";
  return "/h";
}

/** Prices stated in the text, value `amount CUR` or `amount CUR/unit`. */
export function extractPrices(text: string, options: ExtractOptions = {}): Identifier[] {
  const found: Identifier[] = [];
  // Code units already inside a price: an earlier (more specific) pattern wins an overlap.
  const taken = new Uint8Array(text.length);
  for (const pattern of PRICE_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      const amount = match.groups?.a;
      if (amount === undefined) continue;
      if (taken.subarray(start, end).includes(1)) continue;
      const currency = currencyOf(match.groups?.c ?? "", options.region);
      const bare = match.groups?.c === undefined;
      // "24/7" and "24/h" say when, not how much.
      if (bare && Number(amount) === 24) continue;
      taken.fill(1, start, end);
      const value = `${parseAmount(amount)} ${currency}${unitOf(match.groups?.u ?? match.groups?.u2)}`;
      found.push(spanIdentifier("price", value, text, start, end));
    }
  }
  return found.sort(byPosition);
}

/** Ages and prices together, in text order. */
export function extractQuantities(text: string, options: ExtractOptions = {}): Identifier[] {
  return [...extractAges(text), ...extractPrices(text, options)].sort(byPosition);
}
