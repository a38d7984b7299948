/**
 * The pure parts of a cluster's facts: time buckets, places in order of first appearance, identifiers
 * added and dropped, names stated in ad text. No database, no clock: the service feeds them rows.
 */

/** One item's time and place, as the facts need them. */
export interface TimedPlace {
  /** ISO timestamp: the ad's posted time, else when it was imported. */
  readonly at: string;
  readonly city: string | null;
  readonly country: string | null;
}

export interface TimeBucket {
  /** First day of the bucket (YYYY-MM-DD, UTC): a Monday for weeks, the 1st for months. */
  readonly start: string;
  readonly count: number;
}

/** More weeks than this and the timeline counts months instead (a bar chart stays readable). */
export const MAX_WEEK_BARS = 104;

const DAY = 86_400_000;

function mondayOf(at: string): number {
  const d = new Date(at);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return day - ((d.getUTCDay() + 6) % 7) * DAY;
}

function monthOf(at: string): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Items per week (Monday to Sunday, UTC) from the first item's week to the last's, empty weeks included;
 * per month when that would be more than `MAX_WEEK_BARS` weeks. Unparseable times are left out.
 */
export function timeline(times: readonly string[]): { unit: "week" | "month"; buckets: TimeBucket[] } {
  const valid = times.filter((at) => !Number.isNaN(Date.parse(at)));
  if (valid.length === 0) return { unit: "week", buckets: [] };
  const weeks = valid.map(mondayOf);
  const first = Math.min(...weeks);
  const last = Math.max(...weeks);
  if ((last - first) / (7 * DAY) + 1 <= MAX_WEEK_BARS) {
    const counts = new Map<number, number>();
    for (const w of weeks) counts.set(w, (counts.get(w) ?? 0) + 1);
    const buckets: TimeBucket[] = [];
    for (let w = first; w <= last; w += 7 * DAY)
      buckets.push({ start: isoDay(w), count: counts.get(w) ?? 0 });
    return { unit: "week", buckets };
  }
  const months = valid.map(monthOf);
  const counts = new Map<number, number>();
  for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
  const buckets: TimeBucket[] = [];
  const end = Math.max(...months);
  for (let m = Math.min(...months); m <= end; ) {
    buckets.push({ start: isoDay(m), count: counts.get(m) ?? 0 });
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return { unit: "month", buckets };
}

export interface Place {
  readonly city: string | null;
  readonly country: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly items: number;
}

/**
 * The places of a cluster's items in the order they first appeared (movement): each distinct city and
 * country, with its first and last time and its number of items. Items without any place are left out.
 */
export function placesInOrder(items: readonly TimedPlace[]): Place[] {
  const sorted = [...items].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const places = new Map<
    string,
    { city: string | null; country: string | null; firstSeen: string; lastSeen: string; items: number }
  >();
  for (const item of sorted) {
    if (!item.city && !item.country) continue;
    const key = `${(item.city ?? "").trim().toLowerCase()}\u0000${(item.country ?? "").toUpperCase()}`;
    const place = places.get(key);
    if (place) {
      place.lastSeen = item.at;
      place.items += 1;
    } else {
      places.set(key, {
        city: item.city,
        country: item.country,
        firstSeen: item.at,
        lastSeen: item.at,
        items: 1,
      });
    }
  }
  return [...places.values()];
}

/** Share of the cluster's time span that counts as its start (added) and its end (dropped). */
export const CHANGE_WINDOW = 0.25;

export type IdentifierChange = "added" | "dropped" | "added-dropped" | null;

/**
 * Whether an identifier came or went during the cluster's life. With the cluster's items spanning
 * [first, last]: an identifier is **dropped** when it was not seen in the last 25% of that span (its last
 * sighting is before `last − 25%`), and **added** when it was first seen after the first 25% of the span
 * (after `first + 25%`). A cluster whose items all share one moment has no changes.
 */
export function identifierChange(
  span: { readonly first: string; readonly last: string },
  seen: { readonly first: string; readonly last: string },
): IdentifierChange {
  const first = Date.parse(span.first);
  const last = Date.parse(span.last);
  const length = last - first;
  if (!(length > 0)) return null;
  const window = length * CHANGE_WINDOW;
  const added = Date.parse(seen.first) > first + window;
  const dropped = Date.parse(seen.last) < last - window;
  if (added && dropped) return "added-dropped";
  return added ? "added" : dropped ? "dropped" : null;
}

// "I am X", "I'm X", "my name is X", "call me X", "soy X", "me llamo X", "mi nombre es X", "je m'appelle X",
// "je suis X", "moi c'est X": the trigger in any case, the name a capitalised word of 2–20 letters.
const NAME_TRIGGER =
  /(?<![\p{L}\p{N}])(?:i am|i['’]m|my name is|call me|soy|me llamo|mi nombre es|je m['’]appelle|je suis|moi c['’]est)[^\S\n]+(\p{L}[\p{L}'’-]{1,19})/giu;

/** Capitalised words after "I am" that describe rather than name (lower-cased). */
const NOT_NAMES = new Set(
  "new here available back the a an your ready sweet hot young very so not just only real independent discreet open from in at una un la el nueva nuevo disponible tu tú muy de en nouvelle nouveau disponible ta une un très de à".split(
    " ",
  ),
);

/**
 * Names a text states ("I am Mia", "me llamo Ana", "je m'appelle Léa"), approximately: a trigger phrase
 * followed by a capitalised word that is not a common adjective. Misses names written otherwise and may
 * take a capitalised adjective for a name; the console says so.
 */
export function statedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(NAME_TRIGGER)) {
    const name = match[1];
    if (!name || !/^\p{Lu}/u.test(name)) continue;
    if (NOT_NAMES.has(name.toLowerCase())) continue;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
