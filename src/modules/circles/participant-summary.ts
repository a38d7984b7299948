import { type ExactParticipants, suppressParticipants } from "./forum-merge.ts";
import type { ParticipantSummary } from "./report-model.ts";
import { AGE_GROUPS, KNOWLEDGE, SECTORS } from "./report-model.ts";

/**
 * Who took part, counted by the broad terms participants chose to give ("not said" is a group like the
 * others). Exact counts stay inside the service (a forum adds them up before hiding small groups); what is
 * shown goes through `suppressParticipants`: every group under 5 people says "fewer than 5".
 */
export const NOT_SAID = "not_said";

export interface ParticipantFacts {
  readonly age_group: string | null;
  readonly knowledge: string | null;
  readonly sector: string | null;
}

function tally(values: readonly (string | null)[], vocabulary: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) {
    const key = v && vocabulary.includes(v) ? v : NOT_SAID;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function exactCounts(rows: readonly ParticipantFacts[]): ExactParticipants {
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

export function participantSummary(rows: readonly ParticipantFacts[]): ParticipantSummary {
  return suppressParticipants(exactCounts(rows));
}
