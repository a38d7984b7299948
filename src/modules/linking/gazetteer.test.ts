import { describe, expect, it } from "vitest";
import { Gazetteer, placeKey } from "./gazetteer.ts";
import { cityGazetteer } from "./map.service.ts";

describe("city gazetteer", () => {
  const shipped = cityGazetteer();

  it("finds a city by name and country, whatever the case and accents", () => {
    expect(shipped.find("montreal", "CA")?.name).toBe("Montréal");
    expect(shipped.find("MÁLAGA", "es")?.country).toBe("ES");
    expect(shipped.find("Cancún", "MX")?.name).toBe("Cancun");
    expect(shipped.find("sao paulo", "BR")?.lat).toBeCloseTo(-23.5, 0);
  });

  it("reads the first part of a longer place ('Leeds, West Yorkshire')", () => {
    expect(shipped.find("Leeds, West Yorkshire", "GB")?.name).toBe("Leeds");
    expect(shipped.find("Paris (near the station)", "FR")?.name).toBe("Paris");
  });

  it("does not match a city of another country, an unknown place or an empty answer", () => {
    expect(shipped.find("Paris", "US")).toBeUndefined();
    expect(shipped.find("a farm near the coast", "GB")).toBeUndefined();
    expect(shipped.find("", "GB")).toBeUndefined();
    expect(shipped.find("Leeds", null)).toBeUndefined();
  });

  it("ships every city the ad generator of bench/ and tzdata's zone cities use", () => {
    for (const [name, country] of [
      ["London", "GB"],
      ["Glasgow", "GB"],
      ["Las Vegas", "US"],
      ["Ciudad de México", "MX"],
      ["Sevilla", "ES"],
      ["Lille", "FR"],
      ["Vancouver", "CA"],
      ["Kathmandu", "NP"],
    ] as const) {
      expect([name, shipped.find(name, country) !== undefined]).toEqual([name, true]);
    }
    expect(shipped.size).toBeGreaterThan(350);
  });

  it("folds case, accents and punctuation the same way for every script", () => {
    expect(placeKey("  Port-au-Prince ")).toBe("port au prince");
    expect(placeKey("Chișinău")).toBe("chisinau");
    expect(
      new Gazetteer([{ name: "Straße", country: "DE", lat: 0, lon: 0 }]).find("STRASSE", "DE"),
    ).toBeDefined();
  });
});
