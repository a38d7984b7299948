import crypto from "node:crypto";
import type { Insertable } from "kysely";
import { organisationKey } from "../src/modules/accounts/accounts.service.ts";
import { CATEGORY_IDS, categoriesOfMask } from "../src/modules/reports/categories.ts";
import { seal } from "../src/platform/crypto/envelope.ts";
import type { ReportCopiesTable, ReportsTable } from "../src/platform/db/schema.ts";
import type { Platform } from "../src/platform/platform.ts";

/**
 * Bulk data for the inbox benchmark and tests: reports and one organisation's copies inserted directly,
 * in batches inside one transaction (no HTTP, no argon2). The sealed payload is one fixed blob of a real
 * payload's size: the inbox never opens it.
 */
export interface CopySpec {
  readonly id?: string;
  readonly receivedAt: string;
  readonly updatedAt?: string;
  readonly status?: string;
  readonly urgency?: number;
  readonly country?: string;
  readonly channel?: string;
  readonly categoryMask?: number;
  readonly assigneeId?: string | null;
  readonly unread?: 0 | 1;
  readonly unreadMessages?: 0 | 1;
  readonly closedAt?: string | null;
  readonly mergedInto?: string | null;
}

function rowsOf(
  organisationId: string,
  payload: string,
  s: CopySpec,
): [Insertable<ReportsTable>, Insertable<ReportCopiesTable>] {
  const id = s.id ?? crypto.randomBytes(16).toString("hex");
  const country = s.country ?? "ES";
  const channel = s.channel ?? "web";
  const mask = s.categoryMask ?? 1;
  return [
    {
      id,
      receipt_hash: `seed-${id}`,
      submission_key: null,
      created_at: s.receivedAt,
      country_code: country,
      categories: JSON.stringify(categoriesOfMask(mask)),
      channel,
      language: "en",
      people_count: "one",
      children_involved: "no",
      in_danger: "no",
      is_demo: 0,
    },
    {
      report_id: id,
      organisation_id: organisationId,
      status: s.status ?? "new",
      unread: s.unread ?? 0,
      payload,
      updated_at: s.updatedAt ?? s.receivedAt,
      received_at: s.receivedAt,
      country_code: country,
      channel,
      category_mask: mask,
      urgency: s.urgency ?? 0,
      assignee_id: s.assigneeId ?? null,
      unread_messages: s.unreadMessages ?? 0,
      close_reason: s.status === "closed" ? "resolved" : null,
      closed_at: s.closedAt ?? (s.status === "closed" ? (s.updatedAt ?? s.receivedAt) : null),
      merged_into: s.mergedInto ?? null,
    },
  ];
}

/** Inserts the given copies (and their reports) for one organisation; returns their report ids. */
export async function insertCopies(
  p: Platform,
  organisationId: string,
  specs: readonly CopySpec[],
  batch = 500,
): Promise<string[]> {
  // As long as a typical report's sealed answers (about 1.5 kB), so tables are as wide as real ones.
  const payload = seal(await organisationKey(p, organisationId), "x".repeat(1500), "seed");
  const rows = specs.map((s) => rowsOf(organisationId, payload, s));
  await p.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      await trx
        .insertInto("reports")
        .values(part.map((r) => r[0]))
        .execute();
      await trx
        .insertInto("report_copies")
        .values(part.map((r) => r[1]))
        .execute();
    }
  });
  return rows.map((r) => r[0].id);
}

/** A small deterministic generator (mulberry32), so two runs seed the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let x = rnd() * total;
  for (const [value, w] of weighted) {
    x -= w;
    if (x < 0) return value;
  }
  return weighted[0]?.[0] as T;
}

export const SEED_COUNTRIES = [
  ["ES", 20],
  ["FR", 12],
  ["IT", 10],
  ["DE", 8],
  ["PT", 6],
  ["MA", 6],
  ["NG", 5],
  ["RO", 5],
  ["BG", 4],
  ["UA", 4],
  ["GB", 4],
  ["NL", 3],
  ["BE", 3],
  ["PL", 3],
  ["AL", 2],
  ["VN", 2],
  ["CN", 1],
  ["BR", 1],
  ["CO", 1],
  ["PH", 1],
] as const;

/**
 * `count` realistic copies over the two years before `now`: most older reports closed, recent ones new or
 * in review; urgency mostly normal; one to three categories; mostly the web form; a quarter unassigned.
 */
export function realisticSpecs(
  count: number,
  assignees: readonly string[],
  seed = 42,
  now = Date.now(),
): CopySpec[] {
  const rnd = random(seed);
  const span = 2 * 365 * 86_400_000;
  const specs: CopySpec[] = [];
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const received = now - Math.floor(rnd() ** 0.8 * span);
    const ageDays = (now - received) / 86_400_000;
    const status =
      ageDays < 3
        ? pick(rnd, [
            ["new", 6],
            ["in_review", 3],
            ["escalated", 1],
          ])
        : ageDays < 60
          ? pick(rnd, [
              ["new", 1],
              ["in_review", 4],
              ["referred", 2],
              ["escalated", 1],
              ["closed", 4],
            ])
          : pick(rnd, [
              ["in_review", 1],
              ["referred", 1],
              ["escalated", 0.3],
              ["closed", 12],
            ]);
    const updated = Math.min(now, received + Math.floor(rnd() * Math.min(ageDays, 30) * 86_400_000));
    let mask = 1 << Math.floor(rnd() * CATEGORY_IDS.length);
    if (rnd() < 0.4) mask |= 1 << Math.floor(rnd() * CATEGORY_IDS.length);
    if (rnd() < 0.1) mask |= 1 << Math.floor(rnd() * CATEGORY_IDS.length);
    const id = crypto.createHash("sha256").update(`${seed}:${i}`).digest("hex").slice(0, 32);
    specs.push({
      id,
      receivedAt: new Date(received).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      status,
      urgency: pick(rnd, [
        [0, 70],
        [1, 20],
        [2, 10],
      ]),
      country: pick(rnd, SEED_COUNTRIES),
      channel: pick(rnd, [
        ["web", 70],
        ["api", 10],
        ["phone", 10],
        ["sms", 4],
        ["email", 4],
        ["in_person", 2],
      ]),
      categoryMask: mask,
      assigneeId:
        status === "new" || rnd() < 0.25 || assignees.length === 0
          ? null
          : (assignees[Math.floor(rnd() * assignees.length)] ?? null),
      unread: status === "new" ? 1 : 0,
      unreadMessages: status !== "closed" && rnd() < 0.08 ? 1 : 0,
      mergedInto: i > 10 && rnd() < 0.02 ? (ids[Math.floor(rnd() * ids.length)] ?? null) : null,
    });
    ids.push(id);
  }
  return specs;
}
