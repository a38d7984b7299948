import { Choices, ErrorSummary, type FieldError, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ApiTokenView } from "../api-tokens.service.ts";
import { ActionButton, Done, ShownOnce } from "./bits.tsx";

/** The staff member's own account: two-factor state, recovery codes, password, API tokens. */
export function AccountPage({
  ctx,
  email,
  role,
  twoFactor,
  done,
}: {
  ctx: PageContext;
  email: string;
  role: string;
  twoFactor: { enabledAt: string | null; recoveryCodesLeft: number };
  done?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.account.title")}>
      <h1>{t("staff.account.title")}</h1>
      <Done message={done} />
      <dl class="facts">
        <dt>{t("staff.users.email")}</dt>
        <dd dir="ltr">{email}</dd>
        <dt>{t("staff.users.role")}</dt>
        <dd>{roleName(ctx, role)}</dd>
      </dl>
      <h2>{t("staff.account.tfaTitle")}</h2>
      {twoFactor.enabledAt ? (
        <>
          <p>{t("staff.account.tfaOn", { date: ctx.i18n.dateTime(twoFactor.enabledAt) })}</p>
          <p>{t("staff.account.codesLeft", { count: twoFactor.recoveryCodesLeft })}</p>
          <ActionButton
            ctx={ctx}
            action="/staff/account/recovery-codes"
            label={t("staff.account.regenerate")}
          />
          <p class="hint">{t("staff.account.regenerateHint")}</p>
        </>
      ) : (
        <p>{t("staff.account.tfaOff")}</p>
      )}
      <h2>{t("staff.account.more")}</h2>
      <ul>
        <li>
          <a href={ctx.href("/staff/account/password")}>{t("staff.password.title")}</a>
        </li>
        <li>
          <a href={ctx.href("/staff/account/tokens")}>{t("staff.tokens.title")}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function roleName(ctx: PageContext, role: string): string {
  switch (role) {
    case "admin":
      return ctx.t("staff.role.admin");
    case "coordinator":
      return ctx.t("staff.role.coordinator");
    case "caseworker":
      return ctx.t("staff.role.caseworker");
    case "analyst":
      return ctx.t("staff.role.analyst");
    case "editor":
      return ctx.t("staff.role.editor");
    case "viewer":
      return ctx.t("staff.role.viewer");
    default:
      return role;
  }
}

export function PasswordPage({
  ctx,
  errors,
  done,
}: {
  ctx: PageContext;
  errors: readonly FieldError[];
  done?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.password.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.password.title")}</h1>
      <Done message={done} />
      <form method="post" action={ctx.href("/staff/account/password")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="current"
          type="password"
          label={t("staff.password.current")}
          autocomplete="current-password"
          errors={errors}
        />
        <TextInput
          name="password"
          type="password"
          label={t("staff.password.new")}
          hint={t("staff.password.hint")}
          autocomplete="new-password"
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.password.submit")}
        </button>
      </form>
    </Layout>
  );
}

export function TokensPage({
  ctx,
  tokens,
  errors,
  values,
  created,
  done,
}: {
  ctx: PageContext;
  tokens: readonly ApiTokenView[];
  errors: readonly FieldError[];
  values: { name: string; access: string; expiresOn: string };
  created?: string;
  done?: string;
}) {
  const { t } = ctx;
  const when = (iso: string | null) => (iso ? ctx.i18n.dateTime(iso) : t("staff.tokens.never"));
  return (
    <Layout ctx={ctx} title={t("staff.tokens.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.tokens.title")}</h1>
      <p>{t("staff.tokens.intro")}</p>
      <Done message={done} />
      {created && <ShownOnce id="new-token" label={t("staff.tokens.created")} value={created} />}
      {tokens.length === 0 ? (
        <p>{t("staff.tokens.empty")}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.tokens.name")}</th>
              <th scope="col">{t("staff.tokens.access")}</th>
              <th scope="col">{t("staff.tokens.createdAt")}</th>
              <th scope="col">{t("staff.tokens.lastUsed")}</th>
              <th scope="col">{t("staff.tokens.expires")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("staff.tokens.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((tok) => (
              <tr key={tok.id}>
                <td>{tok.name}</td>
                <td>{tok.scopes.includes("write") ? t("staff.tokens.write") : t("staff.tokens.read")}</td>
                <td>{when(tok.createdAt)}</td>
                <td>{when(tok.lastUsedAt)}</td>
                <td>{when(tok.expiresAt)}</td>
                <td>
                  {tok.revokedAt ? (
                    t("staff.tokens.revoked")
                  ) : (
                    <ActionButton
                      ctx={ctx}
                      action={`/staff/account/tokens/${tok.id}/revoke`}
                      label={t("staff.tokens.revoke")}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("staff.tokens.new")}</h2>
      <form method="post" action={ctx.href("/staff/account/tokens")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="name"
          label={t("staff.tokens.name")}
          value={values.name}
          maxLength={80}
          errors={errors}
        />
        <Choices
          name="access"
          type="radio"
          label={t("staff.tokens.access")}
          options={[
            { value: "read", label: t("staff.tokens.read") },
            { value: "write", label: t("staff.tokens.write") },
          ]}
          selected={[values.access || "read"]}
          errors={errors}
        />
        <div class="field">
          <label for="f-expiresOn">{t("staff.tokens.expiresOn")}</label>
          <input id="f-expiresOn" name="expiresOn" type="date" value={values.expiresOn} />
        </div>
        <button type="submit" class="button">
          {t("staff.tokens.create")}
        </button>
      </form>
    </Layout>
  );
}
