import { ErrorSummary, type FieldError, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";

export function LoginPage({
  ctx,
  errors,
  email,
}: {
  ctx: PageContext;
  errors: readonly FieldError[];
  email: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.login.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.login.title")}</h1>
      <form method="post" action={ctx.href("/staff/login")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="email"
          type="email"
          label={t("staff.login.email")}
          value={email}
          autocomplete="username"
          errors={errors}
        />
        <TextInput
          name="password"
          type="password"
          label={t("staff.login.password")}
          autocomplete="current-password"
          errors={[]}
        />
        <button type="submit" class="button">
          {t("staff.login.submit")}
        </button>
      </form>
    </Layout>
  );
}
