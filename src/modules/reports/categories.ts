/**
 * The public form's plain-language categories and what each means in the Human Trafficking Case Data
 * Standard (HTCDS v2 `vic_TypeOfExploitation`, and `TypeOfSexExploitation` where it applies): the one table
 * that maps what a reporter ticks onto the field's standard vocabulary.
 */
export const CATEGORIES = [
  { id: "sexual_exploitation", htcds: ["SexualExploitation"] },
  { id: "forced_labour", htcds: ["ForcedLabour"] },
  { id: "domestic_servitude", htcds: ["Servitude", "ForcedLabour"] },
  { id: "forced_marriage", htcds: ["ForcedMarriage"] },
  { id: "child_trafficking", htcds: ["Other"] },
  { id: "forced_begging_crime", htcds: ["ForcedBegging", "ForcedLabour"] },
  { id: "organ_removal", htcds: ["OrganRemoval"] },
  { id: "baby_trafficking_adoption", htcds: ["ForcedAdoption"] },
  { id: "online_exploitation", htcds: ["SexualExploitation"], sexExploitation: "RemoteInteractiveServices" },
  { id: "not_sure", htcds: ["Other"] },
] as const;

export type CategoryId = (typeof CATEGORIES)[number]["id"];
export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as unknown as readonly [CategoryId, ...CategoryId[]];

/** Categories as a bit mask (bit i for CATEGORIES[i]): the inbox filters on it with one `&`. */
export function categoryMask(ids: readonly string[]): number {
  let mask = 0;
  for (const id of ids) {
    const bit = CATEGORY_IDS.indexOf(id as CategoryId);
    if (bit >= 0) mask |= 1 << bit;
  }
  return mask;
}

/** The category ids of a mask, in the table's order. */
export function categoriesOfMask(mask: number): CategoryId[] {
  return CATEGORY_IDS.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

/** Signs a witness may have noticed, in plain words (after UNODC and ILO indicator lists). */
export const SIGN_IDS = [
  "documents_held",
  "cannot_leave",
  "debt",
  "escorted",
  "no_pay",
  "threats_violence",
  "lives_at_work",
  "fear",
  "deceived_job",
  "child_commercial_sex",
  "long_hours",
  "not_know_address",
] as const;
export type SignId = (typeof SIGN_IDS)[number];

export const WHEN_IDS = ["now", "today", "this_week", "this_month", "earlier", "unknown"] as const;
export const PEOPLE_IDS = ["one", "two_to_five", "six_to_ten", "more_than_ten", "unknown"] as const;
export const YES_NO_UNKNOWN = ["yes", "no", "unknown"] as const;
export const CONTACT_IDS = ["anonymous", "contact"] as const;
