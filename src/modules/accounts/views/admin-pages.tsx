import { LOCALES } from "../../../platform/i18n/i18n.ts";
import {
  Choices,
  ErrorSummary,
  type FieldError,
  Select,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES, Layout } from "../../../platform/views/layout.tsx";
import { ROLES } from "../permissions.ts";
import type { StaffMember } from "../staff-admin.service.ts";
import { roleName } from "./account-pages.tsx";
import { ActionButton, Done, ShownOnce } from "./bits.tsx";

export interface OpenInvitationRow {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: string;
  readonly expiresAt: string;
  readonly expired: boolean;
}

/** The organisation's staff, their invitations, and the invitation form. */
export function UsersPage({
  ctx,
  me,
  staff,
  invitations,
  errors,
  values,
  link,
  done,
}: {
  ctx: PageContext;
  me: string;
  staff: readonly StaffMember[];
  invitations: readonly OpenInvitationRow[];
  errors: readonly FieldError[];
  values: { email: string; name: string; role: string };
  link?: { email: string; url: string };
  done?: string;
}) {
  const { t } = ctx;
  const roleOptions = ROLES.map((r) => ({ value: r, label: roleName(ctx, r) }));
  return (
    <Layout ctx={ctx} title={t("staff.users.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.users.title")}</h1>
      <Done message={done} />
      {link && (
        <ShownOnce
          id="invite-link"
          label={t("staff.users.inviteLink", { email: link.email })}
          value={link.url}
        />
      )}
      <table class="table" id="f-users" tabIndex={-1}>
        <thead>
          <tr>
            <th scope="col">{t("staff.users.name")}</th>
            <th scope="col">{t("staff.users.email")}</th>
            <th scope="col">{t("staff.users.role")}</th>
            <th scope="col">{t("staff.users.tfa")}</th>
            <th scope="col">{t("staff.users.lastLogin")}</th>
            <th scope="col">{t("staff.users.status")}</th>
            <th scope="col">{t("staff.users.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((u) => (
            <tr key={u.id} data-user={u.email}>
              <td>
                {u.name}
                {u.id === me && ` ${t("staff.users.you")}`}
              </td>
              <td dir="ltr">{u.email}</td>
              <td>{roleName(ctx, u.role)}</td>
              <td>{u.twoFactor ? t("staff.users.on") : t("staff.users.off")}</td>
              <td>{u.lastLoginAt ? ctx.i18n.dateTime(u.lastLoginAt) : t("staff.users.never")}</td>
              <td>{u.disabled ? t("staff.users.disabled") : t("staff.users.active")}</td>
              <td class="actions">
                {u.id !== me && (
                  <>
                    <form method="post" action={`/staff/admin/users/${u.id}/role`} class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                      <label for={`role-${u.id}`} class="visually-hidden">
                        {t("staff.users.roleOf", { name: u.name })}
                      </label>
                      <select id={`role-${u.id}`} name="role">
                        {roleOptions.map((o) => (
                          <option key={o.value} value={o.value} selected={o.value === u.role}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <button type="submit" class="button button-secondary">
                        {t("staff.users.changeRole")}
                      </button>
                    </form>
                    <ActionButton
                      ctx={ctx}
                      action={`/staff/admin/users/${u.id}/${u.disabled ? "enable" : "disable"}`}
                      label={u.disabled ? t("staff.users.enable") : t("staff.users.disable")}
                    />
                    {u.twoFactor && (
                      <ActionButton
                        ctx={ctx}
                        action={`/staff/admin/users/${u.id}/reset-2fa`}
                        label={t("staff.users.resetTfa")}
                      />
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("staff.users.pending")}</h2>
      {invitations.length === 0 ? (
        <p>{t("staff.users.noPending")}</p>
      ) : (
        <ul>
          {invitations.map((i) => (
            <li key={i.id} data-invitation={i.email}>
              <span dir="ltr">{i.email}</span> · {i.name} · {roleName(ctx, i.role)} ·{" "}
              {i.expired
                ? t("staff.users.expired")
                : t("staff.users.expires", { date: ctx.i18n.dateTime(i.expiresAt) })}{" "}
              <ActionButton
                ctx={ctx}
                action={`/staff/admin/invitations/${i.id}/revoke`}
                label={t("staff.users.withdraw")}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>{t("staff.users.inviteTitle")}</h2>
      <p>{t("staff.users.inviteHint")}</p>
      <form method="post" action={ctx.href("/staff/admin/users/invite")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="email"
          type="email"
          label={t("staff.users.email")}
          value={values.email}
          errors={errors}
        />
        <TextInput
          name="name"
          label={t("staff.users.name")}
          value={values.name}
          maxLength={120}
          errors={errors}
        />
        <Select
          name="role"
          label={t("staff.users.role")}
          options={roleOptions}
          value={values.role}
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.users.invite")}
        </button>
      </form>
    </Layout>
  );
}

export interface OrganisationForm {
  readonly name: string;
  readonly countries: readonly string[];
  readonly defaultLanguage: string;
  readonly retentionDays: string;
  readonly hotlinePhone: string;
  readonly hotlineHours: string;
}

export function OrganisationPage({
  ctx,
  values,
  countries,
  errors,
  done,
}: {
  ctx: PageContext;
  values: OrganisationForm;
  countries: readonly string[];
  errors: readonly FieldError[];
  done?: string;
}) {
  const { t } = ctx;
  const countryOptions = countries
    .map((c) => ({ value: c, label: ctx.i18n.country(c) }))
    .sort((a, b) => a.label.localeCompare(b.label, ctx.i18n.locale));
  return (
    <Layout ctx={ctx} title={t("staff.org.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.org.title")}</h1>
      <Done message={done} />
      <form method="post" action={ctx.href("/staff/admin/organisation")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="name"
          label={t("staff.org.name")}
          value={values.name}
          maxLength={120}
          errors={errors}
        />
        <Select
          name="defaultLanguage"
          label={t("staff.org.language")}
          options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
          value={values.defaultLanguage}
          errors={errors}
        />
        <TextInput
          name="retentionDays"
          label={t("staff.org.retention")}
          hint={t("staff.org.retentionHint")}
          inputMode="numeric"
          value={values.retentionDays}
          maxLength={4}
          errors={errors}
        />
        <TextInput
          name="hotlinePhone"
          type="tel"
          label={t("staff.org.phone")}
          value={values.hotlinePhone}
          maxLength={40}
          errors={errors}
        />
        <TextInput
          name="hotlineHours"
          label={t("staff.org.hours")}
          value={values.hotlineHours}
          maxLength={120}
          errors={errors}
        />
        <div class="country-choices">
          <Choices
            name="countries"
            type="checkbox"
            label={t("staff.org.countries")}
            hint={t("staff.org.countriesHint")}
            options={countryOptions}
            selected={values.countries}
            errors={errors}
          />
        </div>
        <button type="submit" class="button">
          {t("staff.org.save")}
        </button>
      </form>
    </Layout>
  );
}

/** The deployment superadmin's list of organisations and form to add one. */
export function OrganisationsPage({
  ctx,
  organisations,
  errors,
  values,
  done,
}: {
  ctx: PageContext;
  organisations: readonly { id: string; slug: string; name: string }[];
  errors: readonly FieldError[];
  values: { slug: string; name: string; countries: string };
  done?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.orgs.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.orgs.title")}</h1>
      <Done message={done} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("staff.orgs.slug")}</th>
            <th scope="col">{t("staff.org.name")}</th>
          </tr>
        </thead>
        <tbody>
          {organisations.map((o) => (
            <tr key={o.id}>
              <td dir="ltr">{o.slug}</td>
              <td>{o.name}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("staff.orgs.new")}</h2>
      <form method="post" action={ctx.href("/staff/admin/organisations")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="slug"
          label={t("staff.orgs.slug")}
          hint={t("staff.orgs.slugHint")}
          value={values.slug}
          maxLength={63}
          errors={errors}
        />
        <TextInput
          name="name"
          label={t("staff.org.name")}
          value={values.name}
          maxLength={120}
          errors={errors}
        />
        <TextInput
          name="countries"
          label={t("staff.org.countries")}
          hint={t("staff.orgs.countriesHint")}
          value={values.countries}
          maxLength={600}
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.orgs.create")}
        </button>
      </form>
    </Layout>
  );
}
