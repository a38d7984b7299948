import type { Identifier, IdentifierType, Platform } from "./types.ts";

/**
 * Builds an identifier whose span indexes the text it was found in. Payment, age and price extractors
 * work on the raw text for now; `extract.ts` maps normalised spans back through the normaliser's offset map.
 */
export function spanIdentifier(
  type: IdentifierType,
  value: string,
  text: string,
  start: number,
  end: number,
  platform?: Platform,
): Identifier {
  const identifier = { type, value, raw: text.slice(start, end), start, end, obfuscated: false };
  return platform ? { ...identifier, platform } : identifier;
}

/** Sorts identifiers by position, the order every extractor returns. */
export function byPosition(a: Identifier, b: Identifier): number {
  return a.start - b.start || a.end - b.end;
}
