import {
  AGE_GROUPS,
  type CircleReport,
  type ForumReport,
  type GroupCount,
  KNOWLEDGE,
  type ParticipantSummary,
  SECTORS,
} from "./report-model.ts";

/** Groups smaller than this are never shown exactly ("fewer than 5"). */
export const SMALL_GROUP = 5;

/**
 * A circle's participant counts before suppression: what the service counts, and what the forum report
 * must sum (summing already-suppressed counts would lose every small group). Never rendered as such.
 */
export interface ExactParticipants {
  readonly total: number;
  readonly ageGroups: Readonly<Record<string, number>>;
  readonly knowledge: Readonly<Record<string, number>>;
  readonly sectors: Readonly<Record<string, number>>;
}

const suppress = (count: number): number | undefined => (count < SMALL_GROUP ? undefined : count);

/** Counts in the vocabulary's order, then any value outside it; groups nobody belongs to are left out. */
function groupCounts(counts: Readonly<Record<string, number>>, order: readonly string[]): GroupCount[] {
  const values = [
    ...order,
    ...Object.keys(counts)
      .filter((v) => !order.includes(v))
      .sort(),
  ];
  return values
    .filter((value) => (counts[value] ?? 0) > 0)
    .map((value) => ({ value, count: suppress(counts[value] ?? 0) }));
}

/** The participant summary as shown: any count under 5 becomes undefined ("fewer than 5"). */
export function suppressParticipants(exact: ExactParticipants): ParticipantSummary {
  return {
    total: suppress(exact.total),
    ageGroups: groupCounts(exact.ageGroups, AGE_GROUPS),
    knowledge: groupCounts(exact.knowledge, KNOWLEDGE),
    sectors: groupCounts(exact.sectors, SECTORS),
  };
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): void {
  for (const [value, count] of Object.entries(from)) into[value] = (into[value] ?? 0) + count;
}

/** Exact counts of several circles added up (before any suppression). */
export function sumParticipants(all: readonly ExactParticipants[]): ExactParticipants {
  const ageGroups: Record<string, number> = {};
  const knowledge: Record<string, number> = {};
  const sectors: Record<string, number> = {};
  let total = 0;
  for (const exact of all) {
    total += exact.total;
    addCounts(ageGroups, exact.ageGroups);
    addCounts(knowledge, exact.knowledge);
    addCounts(sectors, exact.sectors);
  }
  return { total, ageGroups, knowledge, sectors };
}

/** A cluster name as compared across circles: no case, no accents, no extra spaces or punctuation. */
export function clusterKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("und")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Capitals and accents a spelling keeps: among equally used spellings, the most careful one is shown. */
function care(spelling: string): number {
  let kept = 0;
  for (const ch of spelling.normalize("NFC")) if (/\p{L}/u.test(ch) && clusterKey(ch) !== ch) kept++;
  return kept;
}

interface Tally {
  readonly kind: "theme" | "cluster";
  /** Spellings of a cluster's name and how often each was used: the most used one is shown. */
  readonly spellings: Map<string, number>;
  readonly circles: Set<string>;
  /** `circleId\0responseId`, so a response counts once per theme however it reached it. */
  readonly responses: Set<string>;
  supports: number;
}

export class MissingParticipantCounts extends Error {
  constructor(readonly circleId: string) {
    super(`no exact participant counts for circle ${circleId}: the forum summary cannot be added up`);
    this.name = "MissingParticipantCounts";
  }
}

/**
 * A forum's report from its circles' reports: each theme and each cluster name (compared without case or
 * accents) with how many circles and responses raised it and their supports, most circles first; the
 * participants summed from the exact counts (`exact`, by circle id) and only then suppressed; the common
 * threads of each circle in the order the circles met.
 */
export function mergeForum(
  forum: { readonly forumId: string; readonly title: string; readonly language: string },
  reports: readonly CircleReport[],
  generatedAt: string,
  exact: ReadonlyMap<string, ExactParticipants>,
): ForumReport {
  const ordered = [...reports].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.circleId.localeCompare(b.circleId),
  );
  const tallies = new Map<string, Tally>();
  const tally = (kind: Tally["kind"], key: string): Tally => {
    const id = `${kind}\u0000${key}`;
    let found = tallies.get(id);
    if (!found) {
      found = { kind, spellings: new Map(), circles: new Set(), responses: new Set(), supports: 0 };
      tallies.set(id, found);
    }
    return found;
  };
  const count = (t: Tally, circleId: string, responseId: string, supports: number): void => {
    const id = `${circleId}\u0000${responseId}`;
    t.circles.add(circleId);
    if (t.responses.has(id)) return;
    t.responses.add(id);
    t.supports += supports;
  };

  for (const report of ordered) {
    for (const question of report.questions) {
      for (const group of question.groups) {
        for (const response of group.responses) {
          const themes = new Set(response.themes);
          if (group.kind === "theme") themes.add(group.label);
          for (const theme of themes) {
            const t = tally("theme", theme);
            t.spellings.set(theme, 1);
            count(t, report.circleId, response.id, response.supports);
          }
        }
        if (group.kind === "cluster") {
          const key = clusterKey(group.label);
          if (key === "") continue;
          const t = tally("cluster", key);
          t.spellings.set(group.label, (t.spellings.get(group.label) ?? 0) + 1);
          for (const response of group.responses) count(t, report.circleId, response.id, response.supports);
        }
      }
    }
  }

  const themes = [...tallies.values()]
    .map((t) => ({
      // The most used spelling; among equals, the one with capitals and accents, then the first met.
      label: [...t.spellings].reduce((best, s) =>
        s[1] > best[1] || (s[1] === best[1] && care(s[0]) > care(best[0])) ? s : best,
      )[0],
      kind: t.kind,
      circles: t.circles.size,
      responses: t.responses.size,
      supports: t.supports,
    }))
    .sort(
      (a, b) =>
        b.circles - a.circles ||
        b.responses - a.responses ||
        b.supports - a.supports ||
        a.label.localeCompare(b.label, forum.language),
    );

  const counts = ordered.map((r) => {
    const found = exact.get(r.circleId);
    if (!found) throw new MissingParticipantCounts(r.circleId);
    return found;
  });

  return {
    forumId: forum.forumId,
    title: forum.title,
    language: forum.language,
    circles: ordered.map((r) => ({ circleId: r.circleId, title: r.title, startsAt: r.startsAt })),
    themes,
    commonThreads: ordered
      .filter((r) => r.commonThreads.trim() !== "")
      .map((r) => ({ circleTitle: r.title, text: r.commonThreads })),
    participants: suppressParticipants(sumParticipants(counts)),
    generatedAt,
  };
}
