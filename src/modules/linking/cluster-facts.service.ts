import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { RULE_CARDS } from "../signals/rules.ts";
import type { EvidenceTier } from "../signals/types.ts";
import { explainAd } from "./ad-explanation.ts";
import * as repo from "./analyst.repository.ts";
import {
  type IdentifierChange,
  identifierChange,
  type Place,
  placesInOrder,
  statedNames,
  type TimeBucket,
  timeline,
} from "./cluster-facts.ts";
import { openIdentifierValue } from "./linking.service.ts";

/**
 * A cluster's facts, computed from its ads (reports are never read here): one function the cluster page,
 * the JSON API and the lead export share. Huge clusters are capped: facts count the newest
 * `FACTS_LIMIT` items, names and ages read the newest `TEXT_SAMPLE` of them, items come a page at a time.
 */
export const FACTS_LIMIT = 5000;
export const TEXT_SAMPLE = 200;
export const ITEMS_PAGE = 50;
/** Items listed under each payment identifier. */
const MONEY_ITEMS = 20;
/** Examples of text shown under each financial red flag. */
const FLAG_EXAMPLES = 5;

const PAYMENT_PLATFORMS = ["cashapp", "venmo", "paypal", "revolut"];

export interface IdentifierFact {
  readonly id: string;
  readonly type: string;
  readonly value: string;
  /** Items of this cluster (among those counted) it was seen on. */
  readonly items: number;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly change: IdentifierChange;
  /** Shared by unrelated ads: it does not link. */
  readonly hub: boolean;
  readonly payment: boolean;
}

export interface ItemSummary {
  readonly id: string;
  readonly sourceId: string;
  readonly site: string;
  readonly url: string | null;
  readonly title: string;
  readonly postedAt: string | null;
  readonly city: string | null;
  readonly country: string | null;
  readonly score: number;
  readonly repostOf: string | null;
}

export interface IndicatorFact {
  readonly ruleId: string;
  readonly description: string;
  readonly tier: EvidenceTier;
  readonly weight: number;
  readonly items: number;
}

export interface ClusterFacts {
  readonly id: string;
  readonly size: number;
  /** Items the facts were computed over (the newest `FACTS_LIMIT`). */
  readonly counted: number;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly countries: readonly string[];
  readonly cities: readonly string[];
  readonly timeline: { readonly unit: "week" | "month"; readonly buckets: readonly TimeBucket[] };
  readonly places: readonly Place[];
  readonly identifiers: readonly IdentifierFact[];
  /** Ads whose text was read for names and ages (the newest `TEXT_SAMPLE` originals). */
  readonly sampled: number;
  readonly people: readonly {
    readonly phone: string;
    readonly names: readonly string[];
    readonly ages: readonly number[];
  }[];
  readonly topIndicators: readonly IndicatorFact[];
  readonly money: {
    readonly identifiers: readonly {
      readonly id: string;
      readonly type: string;
      readonly value: string;
      readonly items: readonly { readonly id: string; readonly sourceId: string }[];
      readonly itemCount: number;
    }[];
    readonly redFlags: readonly (IndicatorFact & { readonly examples: readonly string[] })[];
  };
  readonly items: {
    readonly offset: number;
    readonly rows: readonly ItemSummary[];
    /** Offset of the next page, when there is one. */
    readonly next: number | null;
  };
}

const RULES = new Map(RULE_CARDS.map((card) => [card.id, card]));

const timeOf = (row: { posted_at: string | null; created_at: string }) => row.posted_at ?? row.created_at;

function parseIndicators(json: string): { ruleId: string }[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as { ruleId: string }[]) : [];
  } catch {
    return [];
  }
}

/** An ad as a cluster's item (no text: the lead export adds it). */
export function presentItem(row: repo.AdRow): ItemSummary {
  return {
    id: row.id,
    sourceId: row.source_id,
    site: row.site,
    url: row.url,
    title: row.title,
    postedAt: row.posted_at,
    city: row.city,
    country: row.country,
    score: row.score,
    repostOf: row.repost_of,
  };
}

function isPayment(type: string, value: string): boolean {
  if (type === "iban" || type === "bitcoin" || type === "ethereum") return true;
  return type === "handle" && PAYMENT_PLATFORMS.some((p) => value.startsWith(`${p}:`));
}

/**
 * Computes a cluster's facts without checking or auditing (for `clusterFacts` and the lead export, which
 * do both). Throws 404 `cluster_not_found` for an unknown id.
 */
export async function computeClusterFacts(
  p: Platform,
  clusterId: string,
  itemsOffset = 0,
): Promise<ClusterFacts> {
  const size = await repo.clusterSize(p.db, clusterId);
  if (size === undefined) throw new AppError("cluster_not_found", 404, "No such cluster");
  const rows = await repo.clusterFactRows(p.db, clusterId, FACTS_LIMIT);
  const times = rows.map(timeOf).sort();
  const span = { first: times[0] ?? "", last: times[times.length - 1] ?? "" };
  const sourceOf = new Map(rows.map((r) => [r.id, r.source_id]));
  const atOf = new Map(rows.map((r) => [r.id, timeOf(r)]));

  // Identifiers: seen on which items, when.
  const observations = await repo.observationsOfAds(
    p.db,
    rows.map((r) => r.id),
  );
  const seen = new Map<string, { items: string[]; first: string; last: string }>();
  for (const o of observations) {
    const at = atOf.get(o.item_id) ?? "";
    const s = seen.get(o.identifier_id);
    if (!s) seen.set(o.identifier_id, { items: [o.item_id], first: at, last: at });
    else {
      s.items.push(o.item_id);
      if (at < s.first) s.first = at;
      if (at > s.last) s.last = at;
    }
  }
  const identifierRows = await repo.identifiersByIds(p.db, [...seen.keys()]);
  const identifiers: IdentifierFact[] = identifierRows
    .map((row) => {
      const s = seen.get(row.id) as { items: string[]; first: string; last: string };
      const value = openIdentifierValue(p, row.id, row.display_sealed);
      return {
        id: row.id,
        type: row.type,
        value,
        items: s.items.length,
        firstSeen: s.first,
        lastSeen: s.last,
        change: identifierChange(span, { first: s.first, last: s.last }),
        hub: row.is_hub === 1,
        payment: isPayment(row.type, value),
      };
    })
    .sort((a, b) => b.items - a.items || a.type.localeCompare(b.type) || a.value.localeCompare(b.value));

  // Names and ages per phone, read from the newest original ads' text.
  const sample = rows.filter((r) => r.repost_of === null).slice(0, TEXT_SAMPLE);
  const texts = await repo.adTexts(
    p.db,
    sample.map((r) => r.id),
  );
  const phonesOf = new Map<string, string[]>();
  const phoneIds = new Set(identifiers.filter((i) => i.type === "phone").map((i) => i.id));
  for (const o of observations) {
    if (!phoneIds.has(o.identifier_id)) continue;
    phonesOf.set(o.item_id, [...(phonesOf.get(o.item_id) ?? []), o.identifier_id]);
  }
  const people = new Map<string, { names: Set<string>; ages: Set<number> }>();
  const flagExamples = new Map<string, string[]>();
  for (const ad of texts) {
    const explained = explainAd(ad);
    const names = statedNames(explained.text);
    const ages = explained.identifiers.filter((i) => i.type === "age").map((i) => Number(i.value));
    for (const phone of phonesOf.get(ad.id) ?? []) {
      const person = people.get(phone) ?? { names: new Set(), ages: new Set() };
      for (const n of names) person.names.add(n);
      for (const a of ages) person.ages.add(a);
      people.set(phone, person);
    }
    for (const m of explained.matches) {
      if (m.tier !== "financial") continue;
      const examples = flagExamples.get(m.ruleId) ?? [];
      const raw = m.excerpt.find((s) => s.mark)?.text ?? "";
      if (examples.length < FLAG_EXAMPLES && raw && !examples.includes(raw)) examples.push(raw);
      flagExamples.set(m.ruleId, examples);
    }
  }
  const valueById = new Map(identifiers.map((i) => [i.id, i.value]));

  // Indicators across the counted items, from what the import stored.
  const ruleItems = new Map<string, number>();
  for (const row of rows) {
    for (const ruleId of new Set(parseIndicators(row.indicators).map((i) => i.ruleId))) {
      ruleItems.set(ruleId, (ruleItems.get(ruleId) ?? 0) + 1);
    }
  }
  const indicators: IndicatorFact[] = [...ruleItems]
    .flatMap(([ruleId, items]) => {
      const card = RULES.get(ruleId);
      return card
        ? [{ ruleId, description: card.description, tier: card.tier, weight: card.weight, items }]
        : [];
    })
    .sort((a, b) => b.items - a.items || b.weight - a.weight || a.ruleId.localeCompare(b.ruleId));

  const places = placesInOrder(rows.map((r) => ({ at: timeOf(r), city: r.city, country: r.country })));
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const page = await repo.clusterAds(p.db, clusterId, itemsOffset, ITEMS_PAGE + 1);

  return {
    id: clusterId,
    size,
    counted: rows.length,
    firstSeen: span.first || null,
    lastSeen: span.last || null,
    countries: distinct(places.map((pl) => pl.country)),
    cities: distinct(places.map((pl) => pl.city)),
    timeline: timeline(times),
    places,
    identifiers,
    sampled: texts.length,
    people: [...people]
      .map(([phone, person]) => ({
        phone: valueById.get(phone) ?? "",
        names: [...person.names].sort(),
        ages: [...person.ages].sort((a, b) => a - b),
      }))
      .sort((a, b) => a.phone.localeCompare(b.phone)),
    topIndicators: indicators.slice(0, 10),
    money: {
      identifiers: identifiers
        .filter((i) => i.payment)
        .map((i) => {
          const items = (seen.get(i.id)?.items ?? []).slice(0, MONEY_ITEMS);
          return {
            id: i.id,
            type: i.type,
            value: i.value,
            itemCount: i.items,
            items: items.map((id) => ({ id, sourceId: sourceOf.get(id) ?? id })),
          };
        }),
      redFlags: indicators
        .filter((i) => i.tier === "financial")
        .map((i) => ({ ...i, examples: flagExamples.get(i.ruleId) ?? [] })),
    },
    items: {
      offset: itemsOffset,
      rows: page.slice(0, ITEMS_PAGE).map(presentItem),
      next: page.length > ITEMS_PAGE ? itemsOffset + ITEMS_PAGE : null,
    },
  };
}

/** A cluster's facts for a staff member with `links.read`; the read is audited (target the cluster). */
export async function clusterFacts(
  p: Platform,
  scope: StaffScope,
  clusterId: string,
  itemsOffset = 0,
): Promise<ClusterFacts> {
  assertCan(scope, "links.read");
  const facts = await computeClusterFacts(p, clusterId, itemsOffset);
  await appendAudit(
    p,
    byStaff(scope, "links.read", {
      targetType: "cluster",
      targetId: clusterId,
      detail: { items: facts.size, identifiers: facts.identifiers.length },
    }),
  );
  return facts;
}
