// Builds data/cities/cities.csv (the map's city gazetteer) and data/cities/country-numeric.csv from
// Debian's tzdata (zone1970.tab, iso3166.tab: public domain), Debian's iso-codes (ISO 3166-1 numeric
// codes, which world-atlas uses as country ids) and the team-written data/cities/extra-cities.csv.
// The outputs are committed as data (tzdata differs between machines): run `node --import tsx
// scripts/build-gazetteer.ts` after editing extra-cities.csv and commit the result.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { placeKey } from "../src/modules/linking/gazetteer.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUT = path.join(ROOT, "data/cities");
const ZONEINFO = process.env.ZONEINFO ?? "/usr/share/zoneinfo";
const ISO_CODES = process.env.ISO_CODES ?? "/usr/share/iso-codes/json/iso_3166-1.json";

/** `+DDMM[SS]` or `+DDDMM[SS]` (ISO 6709 as tzdata writes it) in decimal degrees. */
function degrees(text: string, degreeDigits: number): number {
  const sign = text[0] === "-" ? -1 : 1;
  const d = Number(text.slice(1, 1 + degreeDigits));
  const m = Number(text.slice(1 + degreeDigits, 3 + degreeDigits));
  const s = Number(text.slice(3 + degreeDigits) || "0");
  return sign * (d + m / 60 + s / 3600);
}

const rows = (file: string) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"));

const countries = new Set(rows(path.join(ZONEINFO, "iso3166.tab")).map((line) => line.split("\t")[0]));

interface City {
  name: string;
  country: string;
  lat: number;
  lon: number;
  source: string;
}
const cities = new Map<string, City>();
const add = (city: City) => {
  if (!countries.has(city.country)) throw new Error(`unknown country ${city.country} for ${city.name}`);
  const key = `${city.country}:${placeKey(city.name)}`;
  if (!cities.has(key)) cities.set(key, city);
};

for (const line of rows(path.join(ZONEINFO, "zone1970.tab"))) {
  const [codes = "", coordinates = "", zone = ""] = line.split("\t");
  const match = /^([+-]\d+)([+-]\d+)$/.exec(coordinates);
  if (!match) throw new Error(`bad coordinates in zone1970.tab: ${line}`);
  const [lat = "", lon = ""] = [match[1], match[2]];
  add({
    name: (zone.split("/").at(-1) ?? zone).replace(/_/g, " "),
    country: codes.split(",")[0] ?? "",
    lat: degrees(lat, 2),
    lon: degrees(lon, 3),
    source: "tzdata",
  });
}
const [header, ...extra] = rows(path.join(OUT, "extra-cities.csv"));
if (header !== "name,country,lat,lon,source") throw new Error("extra-cities.csv: unexpected header");
for (const line of extra) {
  const [name = "", country = "", lat = "", lon = "", source = ""] = line.split(",");
  add({ name, country, lat: Number(lat), lon: Number(lon), source });
}

const sorted = [...cities.values()].sort(
  (a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name),
);
fs.writeFileSync(
  path.join(OUT, "cities.csv"),
  `name,country,lat,lon,source\n${sorted
    .map((c) => [c.name, c.country, c.lat.toFixed(4), c.lon.toFixed(4), c.source].join(","))
    .join("\n")}\n`,
);

const iso = JSON.parse(fs.readFileSync(ISO_CODES, "utf8")) as {
  "3166-1": { alpha_2: string; numeric: string }[];
};
const numeric = iso["3166-1"].map((c) => `${c.numeric},${c.alpha_2}`).sort();
fs.writeFileSync(path.join(OUT, "country-numeric.csv"), `numeric,alpha2\n${numeric.join("\n")}\n`);
console.log(`${sorted.length} cities, ${numeric.length} countries`);
