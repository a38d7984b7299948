import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { AppError } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform } from "../../platform/platform.ts";
import * as repo from "./accounts.repository.ts";
import { createOrganisation, type StaffSession } from "./accounts.service.ts";
import { assertCan } from "./permissions.ts";

export const RETENTION_DAYS = { default: 365, min: 30, max: 3650 } as const;

export interface OrganisationSettings {
  readonly name: string;
  readonly countries: readonly string[];
  readonly defaultLanguage: string;
  readonly retentionDays: number;
  readonly hotlinePhone: string | null;
  readonly hotlineHours: string | null;
}

/** One organisation's settings (for any module: the retention job, the console's default language...). */
export async function organisationSettings(
  p: Platform,
  organisationId: string,
): Promise<OrganisationSettings> {
  const org = await repo.findOrganisation(p.db, organisationId);
  if (!org) throw new AppError("organisation_not_found", 404, "Organisation not found");
  const countries = await repo.organisationCountries(p.db, organisationId);
  return {
    name: org.name,
    countries: countries.map((c) => c.country_code),
    defaultLanguage: org.default_language,
    retentionDays: Number(org.retention_days),
    hotlinePhone: org.hotline_phone,
    hotlineHours: org.hotline_hours,
  };
}

/** The acting admin's organisation settings, to review or change them (organisation.manage). */
export async function manageOrganisationSettings(
  p: Platform,
  staff: StaffSession,
): Promise<OrganisationSettings> {
  assertCan(staff, "organisation.manage");
  return organisationSettings(p, staff.organisationId);
}

/** Every organisation's retention period, for the purge job. */
export async function retentionPolicies(
  p: Platform,
): Promise<{ organisationId: string; retentionDays: number }[]> {
  const rows = await repo.retentionPolicies(p.db);
  return rows.map((r) => ({ organisationId: r.id, retentionDays: Number(r.retention_days) }));
}

export type SettingsField =
  | "name"
  | "countries"
  | "defaultLanguage"
  | "retentionDays"
  | "hotlinePhone"
  | "hotlineHours";

export class SettingsInvalid extends AppError {
  constructor(readonly fields: readonly SettingsField[]) {
    super(
      "invalid_settings",
      400,
      `Check: ${fields.join(", ")}`,
      fields.map((field) => ({ field, code: "invalid", message: `Invalid ${field}` })),
    );
  }
}

/** Changes the organisation's settings (organisation.manage); audits which fields changed, never values. */
export async function updateOrganisationSettings(
  p: Platform,
  staff: StaffSession,
  input: OrganisationSettings,
): Promise<readonly SettingsField[]> {
  assertCan(staff, "organisation.manage");
  const bad: SettingsField[] = [];
  const name = input.name.trim();
  if (!name || name.length > 120) bad.push("name");
  const countries = [...new Set(input.countries)].sort();
  if (countries.some((c) => !p.countries.has(c))) bad.push("countries");
  if (!(LOCALES as readonly string[]).includes(input.defaultLanguage)) bad.push("defaultLanguage");
  if (
    !Number.isInteger(input.retentionDays) ||
    input.retentionDays < RETENTION_DAYS.min ||
    input.retentionDays > RETENTION_DAYS.max
  )
    bad.push("retentionDays");
  const phone = input.hotlinePhone?.trim() || null;
  if (phone && (phone.length > 40 || !/^[+\d][\d\s().-]*$/.test(phone))) bad.push("hotlinePhone");
  const hours = input.hotlineHours?.trim() || null;
  if (hours && hours.length > 120) bad.push("hotlineHours");
  if (bad.length > 0) throw new SettingsInvalid(bad);

  const before = await organisationSettings(p, staff.organisationId);
  const changed: SettingsField[] = [];
  if (before.name !== name) changed.push("name");
  if (before.countries.join(",") !== countries.join(",")) changed.push("countries");
  if (before.defaultLanguage !== input.defaultLanguage) changed.push("defaultLanguage");
  if (before.retentionDays !== input.retentionDays) changed.push("retentionDays");
  if (before.hotlinePhone !== phone) changed.push("hotlinePhone");
  if (before.hotlineHours !== hours) changed.push("hotlineHours");
  if (changed.length === 0) return changed;
  await p.db.transaction().execute(async (trx) => {
    await repo.updateOrganisation(
      trx,
      staff.organisationId,
      {
        name,
        default_language: input.defaultLanguage,
        retention_days: input.retentionDays,
        hotline_phone: phone,
        hotline_hours: hours,
      },
      countries,
    );
    await appendAudit(
      p,
      byStaff(staff, "organisation.update", {
        targetType: "organisation",
        targetId: staff.organisationId,
        detail: { fields: changed.join(",") },
      }),
      trx,
    );
  });
  return changed;
}

/** Every organisation of the deployment (superadmin only). */
export async function listOrganisations(p: Platform, staff: StaffSession) {
  assertSuperadmin(staff);
  return repo.listOrganisations(p.db);
}

/** Creates an organisation (superadmin only), audited. */
export async function createOrganisationAsSuperadmin(
  p: Platform,
  staff: StaffSession,
  input: { slug: string; name: string; countries: readonly string[] },
): Promise<string> {
  assertSuperadmin(staff);
  if (!input.name.trim() || input.name.length > 120) throw new AppError("invalid_name", 400, "Give a name");
  let id = "";
  try {
    id = await createOrganisation(
      p,
      { slug: input.slug, name: input.name.trim(), countries: input.countries },
      byStaff(staff, "organisation.create"),
    );
  } catch (error) {
    if (p.dialect.isUniqueViolation(error)) throw new AppError("slug_taken", 409, "That short name is taken");
    throw error;
  }
  return id;
}

function assertSuperadmin(staff: StaffSession): void {
  if (!staff.isSuperadmin)
    throw new AppError("forbidden", 403, "Only the deployment's superadmin may do this");
}
