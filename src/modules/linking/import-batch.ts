import { AdRecord, recordProblem } from "./linking.schema.ts";
import { adSignals, type PreparedAd, prepareAd } from "./prepare-ad.ts";

/** One record of an import file as read: a JSONL line's text, or a CSV row already split into fields. */
export interface RawRecord {
  readonly line: number;
  readonly text?: string;
  readonly record?: unknown;
  /** Why the reader could not read it (a malformed CSV row). */
  readonly problem?: string;
}

export interface PreparedBatch {
  readonly prepared: PreparedAd[];
  /** Records refused, by line, with a reason that names fields but never their content. */
  readonly problems: { readonly line: number; readonly problem: string }[];
}

export interface BatchOptions {
  readonly blindKey?: Buffer;
  readonly regionFromCountry: boolean;
  /**
   * Content hashes already prepared in this import (by this thread): a word-for-word repost of one of them
   * is stored as a repost of the ad stored before it (batches are stored in file order), so it is not
   * extracted again; the store extracts it after all if that turns out to be needed.
   */
  readonly seen?: Set<string>;
}

const SEEN_LIMIT = 200_000;

/** Parses, validates and prepares one batch of an import (in a worker thread, or inline). */
export function prepareImportBatch(records: readonly RawRecord[], options: BatchOptions): PreparedBatch {
  const prepared: PreparedAd[] = [];
  const problems: { line: number; problem: string }[] = [];
  for (const raw of records) {
    if (raw.problem !== undefined) {
      problems.push({ line: raw.line, problem: raw.problem });
      continue;
    }
    let record = raw.record;
    if (raw.text !== undefined) {
      try {
        record = JSON.parse(raw.text) as unknown;
      } catch {
        problems.push({ line: raw.line, problem: "not valid JSON" });
        continue;
      }
    }
    const parsed = AdRecord.safeParse(record);
    if (!parsed.success) {
      problems.push({ line: raw.line, problem: recordProblem(parsed.error) });
      continue;
    }
    const plain = prepareAd(parsed.data);
    const { blindKey, seen } = options;
    if (!blindKey || seen?.has(plain.hash)) {
      prepared.push(plain);
      continue;
    }
    if (seen) {
      if (seen.size >= SEEN_LIMIT) seen.clear();
      seen.add(plain.hash);
    }
    prepared.push({ ...plain, signals: adSignals(plain, blindKey, options.regionFromCountry) });
  }
  return { prepared, problems };
}
