import type { GroupCount, ParticipantSummary } from "./report-model.ts";
import { AGE_GROUPS, KNOWLEDGE, SECTORS } from "./report-model.ts";

/**
 * Who took part, counted by the broad terms participants chose to give, with every group under
 * `SMALL_GROUP` people shown as "fewer than 5" (undefined), so that no one can be picked out of a small
 * group. "Not said" is a group like the others.
 */
export const SMALL_GROUP = 5;
export const NOT_SAID = "not_said";

export interface ParticipantFacts {
  readonly age_group: string | null;
  readonly knowledge: string | null;
  readonly sector: string | null;
}

/** Exact counts (kept inside the service; only suppressed counts leave it). */
export interface ExactCounts {
  readonly total: number;
  readonly ageGroups: ReadonlyMap<string, number>;
  readonly knowledge: ReadonlyMap<string, number>;
  readonly sectors: ReadonlyMap<string, number>;
}

function tally(values: readonly (string | null)[], vocabulary: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>([...vocabulary, NOT_SAID].map((v) => [v, 0]));
  for (const v of values) {
    const key = v && vocabulary.includes(v) ? v : NOT_SAID;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function exactCounts(rows: readonly ParticipantFacts[]): ExactCounts {
  return {
    total: rows.length,
    ageGroups: tally(
      rows.map((r) => r.age_group),
      AGE_GROUPS,
    ),
    knowledge: tally(
      rows.map((r) => r.knowledge),
      KNOWLEDGE,
    ),
    sectors: tally(
      rows.map((r) => r.sector),
      SECTORS,
    ),
  };
}

/** Adds the exact counts of several circles (a forum), before any suppression. */
export function addCounts(all: readonly ExactCounts[]): ExactCounts {
  const sum = (pick: (c: ExactCounts) => ReadonlyMap<string, number>) => {
    const out = new Map<string, number>();
    for (const c of all) for (const [k, v] of pick(c)) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  return {
    total: all.reduce((n, c) => n + c.total, 0),
    ageGroups: sum((c) => c.ageGroups),
    knowledge: sum((c) => c.knowledge),
    sectors: sum((c) => c.sectors),
  };
}

const shown = (n: number) => (n >= SMALL_GROUP ? n : undefined);

/** The summary as shown: groups nobody is in are left out; groups under 5 say "fewer than 5". */
export function suppress(counts: ExactCounts): ParticipantSummary {
  const groups = (m: ReadonlyMap<string, number>): GroupCount[] =>
    [...m].filter(([, n]) => n > 0).map(([value, n]) => ({ value, count: shown(n) }));
  return {
    total: shown(counts.total),
    ageGroups: groups(counts.ageGroups),
    knowledge: groups(counts.knowledge),
    sectors: groups(counts.sectors),
  };
}

export function participantSummary(rows: readonly ParticipantFacts[]): ParticipantSummary {
  return suppress(exactCounts(rows));
}
