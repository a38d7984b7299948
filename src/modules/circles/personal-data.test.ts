import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { personalDataIn } from "./personal-data.ts";

describe("personal data in a circle response", () => {
  it.each([
    ["Call my cousin on +34 612 345 678, she knows the family.", ["phone"]],
    ["Write to help.desk@example.org for the leaflets.", ["email"]],
    ["Maria, 15, was taken to the city last year.", ["name_with_age"]],
    ["Una chica llamada Rosa tiene 14 años y no va a la escuela.", ["name_with_age"]],
    ["Ana (16) works in the bar every night.", ["name_with_age"]],
    ["They keep the girls at 12 Calle Mayor.", ["address"]],
    ["Le foyer est rue de la Paix 4, près de la gare.", ["address"]],
  ])("holds %j", (text, kinds) => {
    expect(personalDataIn(text)).toEqual(kinds);
  });

  it.each([
    "We need more shelters for survivors in rural areas.",
    "Schools should teach about fake job offers, starting at 12 years old.",
    "Más formación para la policía en 2027 y apoyo psicológico.",
    "Travailler avec les églises et les associations de quartier.",
    "In 2024, 3 of our 10 volunteers left.",
  ])("does not hold %j", (text) => {
    expect(personalDataIn(text)).toEqual([]);
  });

  it("never throws and answers the same for the same text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const a = personalDataIn(text);
        expect(personalDataIn(text)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
