import path from "node:path";
import { fileURLToPath } from "node:url";
import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { reportPlaces } from "../reports/report-places.service.ts";
import { type Gazetteer, type GazetteerCity, loadGazetteer } from "./gazetteer.ts";
import * as repo from "./map.repository.ts";

export const MAP_ITEMS = ["both", "reports", "ads"] as const;
export type MapItems = (typeof MAP_ITEMS)[number];
/** Periods the map offers, in days ("all": no limit). */
export const MAP_PERIODS = ["30", "90", "365", "all"] as const;
export type MapPeriod = (typeof MAP_PERIODS)[number];

export interface Counts {
  reports: number;
  ads: number;
}
export interface CountryCount extends Counts {
  readonly code: string;
}
export interface CityCount extends Counts {
  readonly city: GazetteerCity;
}

/** What the hotspot map shows: counts by country and by known city, for the chosen items and period. */
export interface Hotspots {
  readonly items: MapItems;
  readonly period: MapPeriod;
  readonly countries: readonly CountryCount[];
  readonly cities: readonly CityCount[];
  readonly totals: Counts;
  /** Items whose place names no city of the gazetteer (or none): counted by country only. */
  readonly withoutCity: Counts;
}

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../data");
let gazetteer: Gazetteer | undefined;

/** The city gazetteer shipped in data/cities, read once. */
export function cityGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer(DATA);
  return gazetteer;
}

const total = (c: Counts) => c.reports + c.ads;

/**
 * Reports (only the copies the viewer's organisation holds) and ads (shared web content) by country, and
 * by city when the place they name is in the gazetteer. Audited as `links.map` (counts only).
 */
export async function hotspots(
  p: Platform,
  scope: StaffScope,
  options: { items: MapItems; period: MapPeriod; now?: Date },
): Promise<Hotspots> {
  assertCan(scope, "links.read");
  const since =
    options.period === "all"
      ? undefined
      : new Date((options.now ?? new Date()).getTime() - Number(options.period) * 86_400_000).toISOString();
  const places = cityGazetteer();
  const countries = new Map<string, CountryCount>();
  const cities = new Map<GazetteerCity, CityCount>();
  const totals: Counts = { reports: 0, ads: 0 };
  const withoutCity: Counts = { reports: 0, ads: 0 };
  const count = (kind: keyof Counts, country: string | null, place: string | null, n: number) => {
    const code = country?.trim().toUpperCase() ?? "";
    if (!/^[A-Z]{2}$/.test(code)) return;
    totals[kind] += n;
    const c = countries.get(code) ?? { code, reports: 0, ads: 0 };
    countries.set(code, c);
    c[kind] += n;
    const city = places.find(place, code);
    if (!city) {
      withoutCity[kind] += n;
      return;
    }
    const at = cities.get(city) ?? { city, reports: 0, ads: 0 };
    cities.set(city, at);
    at[kind] += n;
  };
  let reportCount = 0;
  if (options.items !== "ads") {
    const reports = await reportPlaces(p, scope, since);
    reportCount = reports.length;
    for (const r of reports) count("reports", r.country, r.area, 1);
  }
  if (options.items !== "reports") {
    for (const a of await repo.adPlaceCounts(p.db, since)) count("ads", a.country, a.city, a.n);
  }
  await appendAudit(
    p,
    byStaff(scope, "links.map", {
      detail: { items: options.items, period: options.period, reports: reportCount },
    }),
  );
  const byTotal = <T extends Counts>(a: T, b: T) => total(b) - total(a);
  return {
    items: options.items,
    period: options.period,
    countries: [...countries.values()].sort((a, b) => byTotal(a, b) || a.code.localeCompare(b.code)),
    cities: [...cities.values()].sort((a, b) => byTotal(a, b) || a.city.name.localeCompare(b.city.name)),
    totals,
    withoutCity,
  };
}

/** Choropleth classes: 0 for none, then four equal steps up to the largest count, with their bounds. */
export function choroplethClasses(max: number): { level: number; from: number; to: number }[] {
  if (max <= 0) return [];
  const step = Math.max(1, Math.ceil(max / 4));
  const classes: { level: number; from: number; to: number }[] = [];
  for (let level = 1; level <= 4 && (level - 1) * step < max; level++) {
    classes.push({ level, from: (level - 1) * step + 1, to: Math.min(level * step, max) });
  }
  return classes;
}

/** The class of a count (0 when none). */
export function levelOf(n: number, max: number): number {
  if (n <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil(n / Math.max(1, Math.ceil(max / 4))));
}
