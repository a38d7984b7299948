import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { Choices, ErrorSummary, type FieldError } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Country } from "../../countries/countries.service.ts";
import { type FormValues, TOTAL_STEPS } from "../report-form.ts";
import { INTAKE_CHANNELS } from "../reports.service.ts";
import { StepFields } from "./report-form.tsx";

/** The staff intake form: the channel, then every question of the public form on one page. */
export function StaffIntakePage({
  ctx,
  values,
  channel,
  errors,
  countries,
}: {
  ctx: PageContext;
  values: FormValues;
  channel: string;
  errors: readonly FieldError[];
  countries: readonly Country[];
}) {
  const { t } = ctx;
  const steps = Array.from({ length: TOTAL_STEPS }, (_, i) => i + 1);
  return (
    <Layout ctx={ctx} title={t("workflow.intake.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("workflow.intake.title")}</h1>
      <p>{t("workflow.intake.intro")}</p>
      <form method="post" action="/staff/reports/new" novalidate class="report-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <Choices
          type="radio"
          name="channel"
          label={t("workflow.intake.channel")}
          options={INTAKE_CHANNELS.map((c) => ({
            value: c,
            label: t(`workflow.channel.${c}` as MessageKey),
          }))}
          selected={[channel]}
          inline
          errors={errors}
        />
        {steps.map((step) => (
          <section key={step} aria-labelledby={`intake-step-${step}`}>
            <h2 id={`intake-step-${step}`}>{t(`report.stepName.${step}` as MessageKey)}</h2>
            <StepFields ctx={ctx} step={step} values={values} errors={errors} countries={countries} />
          </section>
        ))}
        <div class="actions">
          <button type="submit" class="button">
            {t("workflow.intake.submit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** Shown once after an intake: the receipt code to give the person, and a link to the report. */
export function StaffIntakeSavedPage({
  ctx,
  code,
  reportId,
}: {
  ctx: PageContext;
  code: string;
  reportId: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("workflow.intake.savedTitle")} noLanguageSwitch>
      <div class="panel-success">
        <h1>{t("workflow.intake.savedTitle")}</h1>
      </div>
      <h2>{t("workflow.intake.savedCode")}</h2>
      <p class="receipt-code" data-receipt-code="">
        <span dir="ltr">{code}</span>
      </p>
      <p>{t("workflow.intake.savedHint")}</p>
      <p>
        <a class="button" href={`/staff/reports/${reportId}`}>
          {t("workflow.intake.open")}
        </a>{" "}
        <a class="button button-secondary" href="/staff/reports/new">
          {t("workflow.intake.another")}
        </a>
      </p>
    </Layout>
  );
}
