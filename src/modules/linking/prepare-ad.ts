import { redactCards } from "../signals/payments.ts";
import { extractSignals } from "../signals/signals.ts";
import { blindIndex, contentHash, type LinkKey, linkKeys } from "./link-keys.ts";

// Preparing an ad for storage: CPU only, no database, so import workers load this and not the service.

/** An ad as imported (fields of the JSONL or CSV file). */
export interface AdInput {
  readonly id: string;
  readonly url?: string | null;
  readonly site?: string | null;
  readonly posted_at?: string | null;
  readonly title?: string | null;
  readonly text?: string | null;
  readonly city?: string | null;
  readonly country?: string | null;
}

const clean = (v: string | null | undefined) => (v == null ? "" : String(v));

/** What extraction tells the linker about one ad (computed in worker threads for big imports). */
export interface AdSignals {
  readonly score: number;
  /** JSON array of the distinct rules matched, `{ruleId, weight}`. */
  readonly indicators: string;
  readonly links: readonly { readonly link: LinkKey; readonly blind: string }[];
}

/** An ad ready to store: fields cleaned, card numbers redacted, content hashed, maybe already extracted. */
export interface PreparedAd extends AdInput {
  readonly site: string;
  readonly title: string;
  readonly text: string;
  readonly hash: string;
  readonly signals?: AdSignals;
}

/** Extracts, scores and blind-indexes one ad (CPU only: no database). */
export function adSignals(
  ad: Pick<PreparedAd, "title" | "text" | "country">,
  blindKey: Buffer,
  regionFromCountry: boolean,
): AdSignals {
  const region = regionFromCountry && ad.country && /^[A-Za-z]{2}$/.test(ad.country) ? ad.country : undefined;
  const signals = extractSignals(`${ad.title}\n${ad.text}`, region ? { region } : {});
  const { score, matches } = signals.indicators;
  const indicators = [
    ...new Map(matches.map((m) => [m.ruleId, { ruleId: m.ruleId, weight: m.weight }])).values(),
  ];
  return {
    score,
    indicators: JSON.stringify(indicators),
    links: linkKeys(signals.identifiers).map((link) => ({ link, blind: blindIndex(blindKey, link) })),
  };
}

/**
 * Cleans one ad for storage (cards redacted, content hash); with a key, also extracts it, which a batch
 * otherwise does only for the ads that are neither stored already nor reposts.
 */
export function prepareAd(
  ad: AdInput,
  extractWith?: { readonly blindKey: Buffer; readonly regionFromCountry: boolean },
): PreparedAd {
  const title = redactCards(clean(ad.title));
  const text = redactCards(clean(ad.text));
  const prepared = { ...ad, site: clean(ad.site), title, text, hash: contentHash(title, text) };
  if (!extractWith) return prepared;
  return { ...prepared, signals: adSignals(prepared, extractWith.blindKey, extractWith.regionFromCountry) };
}
