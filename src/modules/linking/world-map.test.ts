import { describe, expect, it } from "vitest";
import { MAP_HEIGHT, MAP_WIDTH, worldMap } from "./world-map.ts";

describe("world map projection", () => {
  const world = worldMap();

  it("puts places where a reader expects them", () => {
    const [londonX, londonY] = world.project(-0.13, 51.51);
    const [parisX, parisY] = world.project(2.35, 48.86);
    const [lagosX, lagosY] = world.project(3.38, 6.52);
    const [nyX] = world.project(-74.01, 40.71);
    const [sydneyX, sydneyY] = world.project(151.21, -33.87);
    expect(parisX).toBeGreaterThan(londonX);
    expect(parisY).toBeGreaterThan(londonY);
    expect(lagosY).toBeGreaterThan(parisY);
    expect(Math.abs(lagosX - parisX)).toBeLessThan(10);
    expect(nyX).toBeLessThan(londonX);
    expect(sydneyX).toBeGreaterThan(parisX);
    expect(sydneyY).toBeGreaterThan(lagosY);
    for (const [x, y] of [world.project(-180, 0), world.project(180, 0), world.project(0, 89)]) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(MAP_WIDTH);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
    }
  });

  it("draws the countries of world-atlas with their ISO codes", () => {
    const codes = new Set(world.countries.map((c) => c.code));
    for (const code of ["GB", "FR", "NG", "MX", "US", "NP", "BR"]) expect(codes).toContain(code);
    expect(world.countries.length).toBeGreaterThan(170);
    const france = world.countries.find((c) => c.code === "FR");
    expect(france?.d).toMatch(/^M[\d.]+,[\d.]+L/);
  });
});
