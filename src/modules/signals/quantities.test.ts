import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractAges, extractPrices, extractQuantities } from "./quantities.ts";

const ages = (text: string) => extractAges(text).map((age) => age.value);
const prices = (text: string, region?: string) =>
  extractPrices(text, region ? { region } : {}).map((p) => p.value);

describe("stated ages", () => {
  it.each([
    ["Lola, 19 years old", "19 years old"],
    ["sweet 19yo", "19yo"],
    ["19 y/o new here", "19 y/o"],
    ["22 yrs old", "22 yrs old"],
    ["age: 24", "age: 24"],
    ["Aged 30", "Aged 30"],
    ["Edad 21 morena", "Edad 21"],
    ["tengo 22 años", "22 años"],
    ["j'ai 23 ans", "23 ans"],
    ["just turned 18", "just turned 18"],
    ["new 18 girl", "new 18"],
  ])("finds the age in %s", (text, raw) => {
    const [age] = extractAges(text);
    expect(age?.raw).toBe(raw);
    expect(age?.value).toBe(raw.replace(/\D/g, ""));
    expect(text.slice(age!.start, age!.end)).toBe(raw);
  });

  it("keeps ages to 10–99 and does not read years, prices or durations as ages", () => {
    expect(
      ages("2019 years old, 5 years old, 100 years old, $19, 19.5 yo, 10 years experience, 24/7"),
    ).toEqual([]);
  });

  it("reads one age from one statement that two patterns both match", () => {
    expect(extractAges("age 19 years old").map((age) => [age.value, age.raw])).toEqual([["19", "age 19"]]);
  });

  it("finds a minor's stated age (the scorer flags it)", () => {
    expect(ages("only 16 years old")).toEqual(["16"]);
  });
});

describe("prices", () => {
  it.each([
    ["$200", "200 USD"],
    ["200$", "200 USD"],
    ["150 €", "150 EUR"],
    ["€1,50", "1.5 EUR"],
    ["£80", "80 GBP"],
    ["USD 100", "100 USD"],
    ["MXN 1,500", "1500 MXN"],
    ["1.500 euros", "1500 EUR"],
    ["100 roses", "100 XXX"],
    ["donation 80", "80 XXX"],
    ["donativo: 90", "90 XXX"],
    ["80/hr", "80 XXX/h"],
    ["120 hh", "120 XXX/30min"],
    ["$150/hr", "150 USD/h"],
    ["300 per night", "300 XXX/night"],
    ["300 dólares", "300 USD"],
  ])("reads %s as %s", (raw, value) => {
    const text = `rates: ${raw} ok`;
    const [price] = extractPrices(text);
    expect(price).toMatchObject({ type: "price", value, raw });
    expect(text.slice(price!.start, price!.end)).toBe(raw);
  });

  it("reads $ and pesos in the ad's region's currency, but dólares stay US dollars", () => {
    expect(prices("$1500 o 800 pesos, 100 dólares", "MX")).toEqual(["1500 MXN", "800 MXN", "100 USD"]);
    expect(prices("$200", "CA")).toEqual(["200 CAD"]);
  });

  it("does not read availability, dates, times, phone numbers or ages as prices", () => {
    const text = "available 24/7 and 24/h, since 2019, 10 am, 2 hrs, call 555-0123, 19 years old, 12/05";
    expect(prices(text)).toEqual([]);
  });
});

describe("ages and prices together", () => {
  it("tells an age from a price in the same sentence", () => {
    const found = extractQuantities("Sofia 21 años, 1500 pesos la hora", { region: "CO" });
    expect(found.map((q) => [q.type, q.value])).toEqual([
      ["age", "21"],
      ["price", "1500 COP/h"],
    ]);
  });

  it("never throws and spans map back to the text", () => {
    const alphabet = fc.constantFrom(
      "1",
      "9",
      "2",
      "0",
      " ",
      "$",
      "€",
      "/",
      "h",
      "y",
      "o",
      "a",
      "ñ",
      "s",
      ",",
      ".",
      "e",
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: alphabet, maxLength: 60 }), fc.string({ maxLength: 80 })),
        (text) => {
          for (const found of extractQuantities(text, { region: "MX" })) {
            expect(text.slice(found.start, found.end)).toBe(found.raw);
            expect(Number.isNaN(Number.parseFloat(found.value))).toBe(false);
          }
        },
      ),
    );
  });
});
