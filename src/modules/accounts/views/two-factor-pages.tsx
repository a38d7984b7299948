import { ErrorSummary, type FieldError, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { ActionButton } from "./bits.tsx";

/** The second step of sign-in: a 6-digit code from the app, or a recovery code. */
export function CodePage({ ctx, errors }: { ctx: PageContext; errors: readonly FieldError[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.tfa.codeTitle")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.tfa.codeTitle")}</h1>
      <p>{t("staff.tfa.codeIntro")}</p>
      <form method="post" action={ctx.href("/staff/login/code")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="code"
          label={t("staff.tfa.codeLabel")}
          autocomplete="one-time-code"
          maxLength={20}
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.tfa.continue")}
        </button>
      </form>
      <ActionButton ctx={ctx} action="/staff/logout" label={t("staff.tfa.startAgain")} />
    </Layout>
  );
}

/** Mandatory enrolment: the QR code (inline SVG), the key as text, and a first code to confirm. */
export function EnrolPage({
  ctx,
  errors,
  secret,
  qrSvg,
}: {
  ctx: PageContext;
  errors: readonly FieldError[];
  secret: string;
  qrSvg: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.tfa.enrolTitle")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("staff.tfa.enrolTitle")}</h1>
      <p>{t("staff.tfa.enrolIntro")}</p>
      {/* The SVG comes from the qrcode library (paths only, no script), rendered on the server. */}
      <figure class="qr-code" role="img" aria-label={t("staff.tfa.qrLabel")}>
        <div class="qr-code-image" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      </figure>
      <p>{t("staff.tfa.secretLabel")}</p>
      <p>
        <code class="totp-secret" dir="ltr">
          {secret.replace(/(.{4})/g, "$1 ").trim()}
        </code>
      </p>
      <form method="post" action={ctx.href("/staff/enrol")} class="narrow-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="code"
          label={t("staff.tfa.enrolCodeLabel")}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={7}
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.tfa.enrolSubmit")}
        </button>
      </form>
      <ActionButton ctx={ctx} action="/staff/logout" label={t("staff.tfa.startAgain")} />
    </Layout>
  );
}

/** Recovery codes, shown once after enrolment or regeneration. */
export function RecoveryCodesPage({
  ctx,
  codes,
  next,
}: {
  ctx: PageContext;
  codes: readonly string[];
  next: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.tfa.codesTitle")}>
      <h1>{t("staff.tfa.codesTitle")}</h1>
      <p>{t("staff.tfa.codesIntro")}</p>
      <ol class="recovery-codes" dir="ltr">
        {codes.map((c) => (
          <li key={c}>
            <code data-recovery-code="">{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button" href={ctx.href(next)}>
          {t("staff.tfa.codesContinue")}
        </a>
      </p>
    </Layout>
  );
}
