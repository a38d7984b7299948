import { ErrorSummary, type FieldError, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { roleName } from "./account-pages.tsx";

export function InvitationPage({
  ctx,
  token,
  invitation,
  errors,
}: {
  ctx: PageContext;
  token: string;
  invitation: { email: string; role: string; organisationName: string };
  errors: readonly FieldError[];
}) {
  const { t } = ctx;
  const title = t("staff.invite.title", { organisation: invitation.organisationName });
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{title}</h1>
      <p>{t("staff.invite.intro", { role: roleName(ctx, invitation.role), email: invitation.email })}</p>
      <form method="post" action={ctx.href(`/staff/invite/${token}`)} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <input type="hidden" name="username" value={invitation.email} autoComplete="username" />
        <TextInput
          name="password"
          type="password"
          label={t("staff.invite.password")}
          hint={t("staff.password.hint")}
          autocomplete="new-password"
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.invite.submit")}
        </button>
      </form>
    </Layout>
  );
}

export type InvitationProblemKey =
  | "staff.invite.unknown"
  | "staff.invite.used"
  | "staff.invite.revoked"
  | "staff.invite.expired";

export function InvitationProblemPage({ ctx, message }: { ctx: PageContext; message: InvitationProblemKey }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.invite.problemTitle")}>
      <h1>{t("staff.invite.problemTitle")}</h1>
      <p data-invitation-problem="">{t(message)}</p>
    </Layout>
  );
}
