import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type GeoProjection, geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

/** The SVG canvas of the hotspot map (viewBox units). */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 470;

/** A country's outline, ready for SVG. */
export interface CountryShape {
  /** ISO 3166-1 alpha-2 (undefined for the few shapes without an ISO code, such as Kosovo). */
  readonly code: string | undefined;
  /** The atlas' English name (pages show the localised name from the code). */
  readonly name: string;
  readonly d: string;
}

export interface WorldMap {
  readonly countries: readonly CountryShape[];
  /** [x, y] in the viewBox of a longitude and latitude. */
  project(lon: number, lat: number): readonly [number, number];
}

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../data");
let world: WorldMap | undefined;

/**
 * The world as an SVG map: world-atlas' Natural Earth countries at 1:110m (read once from node_modules),
 * in the Equal Earth projection (equal-area, so a choropleth does not exaggerate the north), paths
 * rounded to whole viewBox units (half a pixel at most on screen) to keep the page light: 74 KB, 24 KB gzip.
 */
export function worldMap(): WorldMap {
  if (world) return world;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    fs.readFileSync(require.resolve("world-atlas/countries-110m.json"), "utf8"),
  ) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const shapes = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  const alpha2 = numericToAlpha2();
  const projection: GeoProjection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [MAP_WIDTH - 4, MAP_HEIGHT - 4],
    ],
    { type: "Sphere" },
  );
  const toPath = geoPath(projection).digits(0);
  const countries = shapes.features
    .filter((f: Feature<Geometry, { name: string }>) => f.properties.name !== "Antarctica")
    .map((f) => ({
      code: f.id === undefined ? undefined : alpha2.get(String(f.id).padStart(3, "0")),
      name: f.properties.name,
      d: toPath(f) ?? "",
    }));
  world = {
    countries,
    project(lon, lat) {
      const [x, y] = projection([lon, lat]) ?? [0, 0];
      return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    },
  };
  return world;
}

/** ISO 3166-1 numeric code (zero-padded) to alpha-2, from data/cities/country-numeric.csv. */
function numericToAlpha2(): Map<string, string> {
  const [, ...lines] = fs
    .readFileSync(path.join(DATA, "cities", "country-numeric.csv"), "utf8")
    .trim()
    .split("\n");
  return new Map(
    lines.map((line) => {
      const [numeric = "", alpha2 = ""] = line.split(",");
      return [numeric, alpha2];
    }),
  );
}
