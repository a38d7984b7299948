import fs from "node:fs";
import path from "node:path";

/** A city of the gazetteer shipped in data/cities (see its README). */
export interface GazetteerCity {
  readonly name: string;
  readonly country: string;
  readonly lat: number;
  readonly lon: number;
}

/** A place name as the gazetteer compares it: no case, no accents, punctuation and spacing folded. */
export function placeKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Cities by country and name, case and accent insensitive. */
export class Gazetteer {
  private readonly cities = new Map<string, GazetteerCity>();

  constructor(cities: readonly GazetteerCity[]) {
    for (const c of cities) {
      const key = `${c.country}:${placeKey(c.name)}`;
      if (!this.cities.has(key)) this.cities.set(key, c);
    }
  }

  get size(): number {
    return this.cities.size;
  }

  /**
   * The city a free-text place names in a country: the whole text, or its first part before a comma, a
   * slash or a parenthesis ("Leeds, West Yorkshire"). Undefined when nothing matches.
   */
  find(place: string | null | undefined, country: string | null | undefined): GazetteerCity | undefined {
    if (!place || !country) return undefined;
    const cc = country.trim().toUpperCase();
    for (const candidate of [place, place.split(/[,/(;]/)[0] ?? ""]) {
      const key = placeKey(candidate);
      if (key === "") continue;
      const found = this.cities.get(`${cc}:${key}`);
      if (found) return found;
    }
    return undefined;
  }
}

/** Reads data/cities/cities.csv (`name,country,lat,lon,source`, no quoted fields). */
export function loadGazetteer(dataDir: string): Gazetteer {
  const [, ...lines] = fs
    .readFileSync(path.join(dataDir, "cities", "cities.csv"), "utf8")
    .trim()
    .split("\n");
  return new Gazetteer(
    lines.map((line) => {
      const [name = "", country = "", lat = "", lon = ""] = line.split(",");
      return { name, country, lat: Number(lat), lon: Number(lon) };
    }),
  );
}
