import { describe, expect, it } from "vitest";
import { identifierChange, placesInOrder, statedNames, timeline } from "./cluster-facts.ts";

describe("statedNames", () => {
  it("reads names after the trigger phrases in English, Spanish and French", () => {
    expect(statedNames("Hi, I am Mia. Call 07700 900123")).toEqual(["Mia"]);
    expect(statedNames("hola, me llamo Ana y soy Lucía")).toEqual(["Ana", "Lucía"]);
    expect(statedNames("Bonjour, je m'appelle Léa")).toEqual(["Léa"]);
    expect(statedNames("MY NAME IS Sofia")).toEqual(["Sofia"]);
  });

  it("takes no lower-case word, no describing word and no name twice", () => {
    expect(statedNames("I am new in town, I am available")).toEqual([]);
    expect(statedNames("I am New here")).toEqual([]);
    expect(statedNames("soy nueva")).toEqual([]);
    expect(statedNames("I'm Mia. Yes, I'm Mia")).toEqual(["Mia"]);
  });

  it("needs the trigger to start a word", () => {
    expect(statedNames("Miami am Beach")).toEqual([]);
  });
});

describe("identifierChange", () => {
  const span = { first: "2026-01-01T00:00:00Z", last: "2026-01-05T00:00:00Z" }; // four days: window = one day
  it("marks an identifier not seen in the last quarter of the span as dropped", () => {
    expect(identifierChange(span, { first: "2026-01-01T00:00:00Z", last: "2026-01-03T23:00:00Z" })).toBe(
      "dropped",
    );
    expect(identifierChange(span, { first: "2026-01-01T00:00:00Z", last: "2026-01-04T00:00:00Z" })).toBe(
      null,
    );
  });

  it("marks one first seen after the first quarter as added, and one both ways as both", () => {
    expect(identifierChange(span, { first: "2026-01-02T01:00:00Z", last: "2026-01-05T00:00:00Z" })).toBe(
      "added",
    );
    expect(identifierChange(span, { first: "2026-01-02T01:00:00Z", last: "2026-01-02T02:00:00Z" })).toBe(
      "added-dropped",
    );
  });

  it("finds no change in a cluster whose items share one moment", () => {
    const at = "2026-01-01T00:00:00Z";
    expect(identifierChange({ first: at, last: at }, { first: at, last: at })).toBe(null);
  });
});

describe("timeline", () => {
  it("counts items per Monday-to-Sunday week, empty weeks included", () => {
    const result = timeline(["2026-11-02T10:00:00Z", "2026-11-08T23:00:00Z", "2026-11-20T10:00:00Z"]);
    expect(result).toEqual({
      unit: "week",
      buckets: [
        { start: "2026-11-02", count: 2 },
        { start: "2026-11-09", count: 0 },
        { start: "2026-11-16", count: 1 },
      ],
    });
  });

  it("counts months when the weeks would be too many", () => {
    const result = timeline(["2020-01-15T00:00:00Z", "2023-03-01T00:00:00Z"]);
    expect(result.unit).toBe("month");
    expect(result.buckets[0]).toEqual({ start: "2020-01-01", count: 1 });
    expect(result.buckets.at(-1)).toEqual({ start: "2023-03-01", count: 1 });
    expect(result.buckets).toHaveLength(39);
  });
});

describe("placesInOrder", () => {
  it("lists places in the order they first appear, with counts", () => {
    const places = placesInOrder([
      { at: "2026-03-01T00:00:00Z", city: "Lyon", country: "FR" },
      { at: "2026-01-01T00:00:00Z", city: "Leeds", country: "GB" },
      { at: "2026-02-01T00:00:00Z", city: "leeds", country: "gb" },
      { at: "2026-02-15T00:00:00Z", city: null, country: null },
    ]);
    expect(places.map((p) => [p.city, p.items, p.lastSeen])).toEqual([
      ["Leeds", 2, "2026-02-01T00:00:00Z"],
      ["Lyon", 1, "2026-03-01T00:00:00Z"],
    ]);
  });
});
