/**
 * Runs every extractor over one normalised text and resolves overlaps: where two finds cover the same
 * characters the more specific one stays (an email's domain is not also a URL, a number inside a URL path
 * is not a phone, an IBAN's digits are not a phone). Finds sharing exactly one span are companions (a URL,
 * its domain and the profile handle in it) and stay together.
 */
import { extractContacts } from "./contacts.ts";
import { normalise } from "./normalise.ts";
import { extractPhones } from "./phones.ts";
import type { NormalisedText } from "./text-map.ts";
import type { ExtractOptions, Identifier } from "./types.ts";

/** An extractor reads the normalised text and returns identifiers with raw spans (see `span`). */
export type Extractor = (n: NormalisedText, options: ExtractOptions) => Identifier[];

/** The extractors run by default, in no particular order (ranking decides overlaps). */
export const EXTRACTORS: readonly Extractor[] = [extractPhones, extractContacts];

// Lower wins. A handle the text labels with its platform ("ig: anna.li") outranks a bare dotted word.
function rank(id: Identifier): number {
  switch (id.type) {
    case "email":
      return 0;
    case "iban":
    case "card":
    case "bitcoin":
    case "ethereum":
      return 1;
    case "handle":
      return id.platform ? 2 : 5;
    case "url":
    case "domain":
      return 3;
    case "phone":
      return 4;
    case "price":
      return 6;
    case "age":
      return 7;
  }
}

/** Keeps the most specific of overlapping finds, drops exact duplicates, orders by position. */
export function resolveOverlaps(found: readonly Identifier[]): Identifier[] {
  const ordered = [...found].sort(
    (a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Identifier[] = [];
  const seen = new Set<string>();
  for (const id of ordered) {
    const key = `${id.type}|${id.value}|${id.start}|${id.end}`;
    if (seen.has(key)) continue;
    const clash = kept.some(
      (k) =>
        id.start < k.end &&
        id.end > k.start &&
        !(id.start === k.start && id.end === k.end && id.type !== k.type),
    );
    if (clash) continue;
    seen.add(key);
    kept.push(id);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end || a.type.localeCompare(b.type));
}

/** Every identifier in `text`, normalised, with raw spans; never throws. */
export function extractIdentifiers(
  text: string,
  options: ExtractOptions = {},
  extractors: readonly Extractor[] = EXTRACTORS,
): Identifier[] {
  const n = normalise(text);
  return resolveOverlaps(extractors.flatMap((extract) => extract(n, options)));
}
