import { EXTRACTORS, type Extractor, resolveOverlaps } from "./extract.ts";
import { normalise } from "./normalise.ts";
import { extractPayments, maskCard } from "./payments.ts";
import { extractQuantities } from "./quantities.ts";
import { scoreText } from "./score.ts";
import { isObfuscated, type NormalisedText, span } from "./text-map.ts";
import type { ExtractOptions, Identifier, Signals } from "./types.ts";

/**
 * Runs an extractor written for plain text on the normalised text, and maps what it finds back to the
 * text as written (a card's raw stays masked: only its last four digits ever leave the library).
 */
function onNormalisedText(find: (text: string, options: ExtractOptions) => Identifier[]): Extractor {
  return (n: NormalisedText, options: ExtractOptions) =>
    find(n.text, options).map((id) => {
      const at = span(n, id.start, id.end);
      return {
        ...id,
        raw: id.type === "card" ? maskCard(at.raw) : at.raw,
        start: at.start,
        end: at.end,
        obfuscated: id.obfuscated || isObfuscated(n, id.start, id.end),
      };
    });
}

/** Every extractor: contacts and phones on the normalised text, then payments, ages and prices. */
export const ALL_EXTRACTORS: readonly Extractor[] = [
  ...EXTRACTORS,
  onNormalisedText(extractPayments),
  onNormalisedText(extractQuantities),
];

/**
 * The identifiers of a text and how worrying it reads: the one call other modules make. Pure and
 * deterministic; never throws on any string; every span indexes the text as given.
 */
export function extractSignals(text: string, options: ExtractOptions = {}): Signals {
  const n = normalise(text);
  const identifiers = resolveOverlaps(ALL_EXTRACTORS.flatMap((extract) => extract(n, options)));
  const indicators = scoreText(n.text, {
    identifiers,
    mapSpan: (start, end) => span(n, start, end),
  });
  return { identifiers, indicators };
}
