import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./analyst.repository.ts";
import { canonicalJson, canonicalSha256, type Json } from "./canonical-json.ts";
import { type ClusterFacts, computeClusterFacts } from "./cluster-facts.service.ts";

/**
 * A lead: a cluster packaged for referral (to law enforcement, or another organisation), as JSON and as a
 * printable page. It holds ads only — public web content. Reports are never included in a lead, whatever
 * cluster they joined: a survivor's or a reporter's words leave Lantern only through a referral they
 * consented to, never in a bulk package.
 *
 * Integrity: every item carries `sha256`, the SHA-256 of the item's canonical JSON (see `canonicalJson`:
 * RFC 8785, keys sorted, no white space, UTF-8) computed over the item without its `sha256` member; the
 * package carries `packageSha256`, the same over the whole package without `packageSha256`.
 */

/** The newest items a lead holds (the package says when a cluster had more). */
export const LEAD_MAX_ITEMS = 1000;
export const LEAD_FORMAT = "lantern-lead/1";

export interface LeadItem {
  readonly [key: string]: Json;
  readonly id: string;
  readonly lanternId: string;
  readonly site: string;
  readonly url: string | null;
  readonly postedAt: string | null;
  readonly title: string;
  readonly text: string;
  readonly city: string | null;
  readonly country: string | null;
  readonly sha256: string;
}

export interface LeadPackage {
  readonly [key: string]: Json;
  readonly format: string;
  readonly canonicalisation: string;
  readonly exportedAt: string;
  readonly exportedBy: { readonly userId: string; readonly name: string; readonly organisation: string };
  readonly cluster: Json;
  readonly facts: Json;
  readonly items: readonly LeadItem[];
  readonly itemsIncluded: number;
  readonly note: string;
  readonly packageSha256: string;
}

const CANONICALISATION =
  "Each item's sha256 is the SHA-256 (hex) of the UTF-8 bytes of the item's canonical JSON without its sha256 member; packageSha256 is the same over the whole package without packageSha256. Canonical JSON: RFC 8785 (JSON Canonicalization Scheme): object members sorted by key, no white space, strings escaped as JSON.stringify does.";

const NOTE =
  "Online ads only (public web content). Reports made to Lantern are never included in a lead, whichever cluster they joined.";

/** The facts a lead carries (no page of items: the items are all there). */
function factsOf(facts: ClusterFacts): Json {
  const { items: _page, id: _id, size: _size, ...rest } = facts;
  return JSON.parse(JSON.stringify(rest)) as Json;
}

/**
 * Builds a lead for a cluster and audits it (`links.export`, target the cluster, detail the counts).
 * Needs `links.export`. Throws 404 `cluster_not_found` for an unknown cluster.
 */
export async function exportLead(
  p: Platform,
  staff: StaffScope & { readonly name: string; readonly organisationName: string },
  clusterId: string,
): Promise<LeadPackage> {
  assertCan(staff, "links.export");
  const facts = await computeClusterFacts(p, clusterId);
  const ads = await repo.clusterAds(p.db, clusterId, 0, LEAD_MAX_ITEMS);
  const items: LeadItem[] = ads.map((ad) => {
    const item = {
      id: ad.source_id,
      lanternId: ad.id,
      site: ad.site,
      url: ad.url,
      postedAt: ad.posted_at,
      title: ad.title,
      text: ad.text,
      city: ad.city,
      country: ad.country,
    };
    return { ...item, sha256: canonicalSha256(item) };
  });
  const body = {
    format: LEAD_FORMAT,
    canonicalisation: CANONICALISATION,
    exportedAt: new Date().toISOString(),
    exportedBy: { userId: staff.userId, name: staff.name, organisation: staff.organisationName },
    cluster: {
      id: facts.id,
      size: facts.size,
      firstSeen: facts.firstSeen,
      lastSeen: facts.lastSeen,
      countries: [...facts.countries],
      cities: [...facts.cities],
    },
    facts: factsOf(facts),
    items,
    itemsIncluded: items.length,
    note: NOTE,
  };
  const lead = { ...body, packageSha256: canonicalSha256(body) };
  await appendAudit(
    p,
    byStaff(staff, "links.export", {
      targetType: "cluster",
      targetId: clusterId,
      detail: {
        items: items.length,
        clusterSize: facts.size,
        identifiers: facts.identifiers.length,
        paymentIdentifiers: facts.money.identifiers.length,
      },
    }),
  );
  return lead;
}

/** The package as the downloaded file: canonical JSON, so its bytes are the ones the hash describes. */
export function leadFile(lead: LeadPackage): string {
  return canonicalJson(lead);
}
