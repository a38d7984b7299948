import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  Choices,
  ErrorSummary,
  type FieldError,
  HiddenFields,
  type Option,
  Select,
  TextArea,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Country } from "../../countries/countries.service.ts";
import { CATEGORY_IDS, CONTACT_IDS, PEOPLE_IDS, SIGN_IDS, WHEN_IDS, YES_NO_UNKNOWN } from "../categories.ts";
import { type FieldName, type FormValues, STEPS, TOTAL_STEPS } from "../report-form.ts";

export interface ReportFormProps {
  readonly ctx: PageContext;
  readonly step: number;
  readonly values: FormValues;
  readonly errors: readonly FieldError[];
  readonly submissionKey: string;
  readonly countries: readonly Country[];
}

export const REPORT_FORM_ID = "report-form";

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function options(ctx: PageContext, ids: readonly string[], prefix: string): Option[] {
  return ids.map((id) => ({ value: id, label: ctx.t(`${prefix}${id}` as MessageKey) }));
}

function Progress({ ctx, step }: { ctx: PageContext; step: number }) {
  return (
    <nav class="progress" aria-label={ctx.t("report.progressLabel")}>
      <p class="progress-text">{ctx.t("report.progress", { step, total: TOTAL_STEPS })}</p>
      <ol>
        {STEPS.map((_, i) => {
          const n = i + 1;
          const state = n < step ? "done" : n === step ? "current" : "todo";
          return (
            <li key={n} class={`progress-${state}`} aria-current={n === step ? "step" : undefined}>
              {ctx.t(`report.stepName.${n}` as MessageKey)}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

function DangerPanel({ ctx, country }: { ctx: PageContext; country: Country | undefined }) {
  return (
    <aside class="danger-panel" aria-labelledby="danger-title">
      <h2 id="danger-title">{ctx.t("report.danger.panelTitle")}</h2>
      {country && (
        <p class="danger-number">
          {ctx.t("report.danger.panelNumber", {
            country: ctx.i18n.country(country.code),
            number: country.emergencyNumber,
          })}
          {country.has112 && ` ${ctx.t("report.danger.panelEu")}`}
        </p>
      )}
      <p>{ctx.t("report.danger.panelAfter")}</p>
    </aside>
  );
}

/** One step's questions (the staff intake form shows all five on one page). */
export function StepFields({ ctx, step, values, errors, countries }: Omit<ReportFormProps, "submissionKey">) {
  const t = ctx.t;
  switch (step) {
    case 1:
      return (
        <Choices
          type="checkbox"
          name="categories"
          label={t("report.categories.label")}
          hint={t("report.categories.hint")}
          options={options(ctx, CATEGORY_IDS, "report.category.")}
          selected={many(values.categories)}
          errors={errors}
        />
      );
    case 2: {
      const countryOptions = countries
        .map((c) => ({ value: c.code, label: ctx.i18n.country(c.code) }))
        .sort((a, b) => a.label.localeCompare(b.label, ctx.i18n.locale));
      return (
        <>
          <Select
            name="country"
            label={t("report.country.label")}
            hint={t("report.country.hint")}
            placeholder={t("report.country.choose")}
            options={countryOptions}
            value={one(values.country)}
            errors={errors}
          />
          <TextInput
            name="area"
            label={t("report.area.label")}
            value={one(values.area)}
            maxLength={200}
            errors={errors}
          />
          <TextArea
            name="place"
            label={t("report.place.label")}
            hint={t("report.place.hint")}
            value={one(values.place)}
            rows={2}
            maxLength={1000}
            errors={errors}
          />
          <TextArea
            name="online"
            label={t("report.online.label")}
            hint={t("report.online.hint")}
            value={one(values.online)}
            rows={3}
            maxLength={2000}
            errors={errors}
          />
          <Choices
            type="radio"
            name="when"
            label={t("report.when.label")}
            options={options(ctx, WHEN_IDS, "report.when.")}
            selected={many(values.when)}
            errors={errors}
          />
          <TextInput
            name="whenDetail"
            label={t("report.whenDetail.label")}
            value={one(values.whenDetail)}
            maxLength={200}
            errors={errors}
          />
        </>
      );
    }
    case 3: {
      const yesNo = YES_NO_UNKNOWN.map((id) => ({ value: id, label: t(`report.${id}` as MessageKey) }));
      return (
        <>
          <Choices
            type="radio"
            name="peopleCount"
            label={t("report.peopleCount.label")}
            options={options(ctx, PEOPLE_IDS, "report.people.")}
            selected={many(values.peopleCount)}
            errors={errors}
          />
          <Choices
            type="radio"
            name="children"
            label={t("report.children.label")}
            options={yesNo}
            selected={many(values.children)}
            errors={errors}
            inline
          />
          <Choices
            type="radio"
            name="danger"
            label={t("report.danger.label")}
            options={yesNo}
            selected={many(values.danger)}
            errors={errors}
            inline
          />
          <DangerPanel ctx={ctx} country={countries.find((c) => c.code === one(values.country))} />
        </>
      );
    }
    case 4:
      return (
        <>
          <Choices
            type="checkbox"
            name="signs"
            label={t("report.signs.label")}
            hint={t("report.signs.hint")}
            options={options(ctx, SIGN_IDS, "report.sign.")}
            selected={many(values.signs)}
            errors={errors}
          />
          <TextArea
            name="narrative"
            label={t("report.narrative.label")}
            hint={t("report.narrative.hint")}
            value={one(values.narrative)}
            rows={8}
            maxLength={5000}
            errors={errors}
          />
        </>
      );
    default:
      return (
        <>
          <Choices
            type="radio"
            name="contactPreference"
            label={t("report.contactPreference.label")}
            options={CONTACT_IDS.map((id) => ({
              value: id,
              label: t(`report.contact.${id}` as MessageKey),
              hint: id === "anonymous" ? t("report.contact.anonymousHint") : undefined,
            }))}
            selected={many(values.contactPreference ?? "anonymous")}
            errors={errors}
          />
          <TextArea
            name="contact"
            label={t("report.contact.label")}
            hint={t("report.contact.hint")}
            value={one(values.contact)}
            rows={3}
            maxLength={500}
            errors={errors}
          />
        </>
      );
  }
}

/** One step of the report form: the step's questions, with every other answer carried in hidden fields. */
export function ReportFormPage(props: ReportFormProps) {
  const { ctx, step, values, errors, submissionKey } = props;
  const current = new Set<FieldName>(STEPS[step - 1] ?? []);
  const carried = Object.fromEntries(
    Object.entries(values).filter(([name]) => !current.has(name as FieldName)),
  ) as Record<string, string | string[]>;
  return (
    <Layout
      ctx={ctx}
      title={ctx.t("report.title")}
      formId={REPORT_FORM_ID}
      formDefault={{ name: "action", value: step === TOTAL_STEPS ? "submit" : "next" }}
    >
      <ErrorSummary title={ctx.t("report.errorSummary")} errors={errors} />
      <h1>{ctx.t("report.heading")}</h1>
      <Progress ctx={ctx} step={step} />
      <form id={REPORT_FORM_ID} method="post" action={ctx.href("/report")} novalidate class="report-form">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <input type="hidden" name="step" value={String(step)} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <input type="hidden" name="lang" value={ctx.i18n.locale} />
        <HiddenFields values={carried} />
        <h2 class="step-title">{ctx.t(`report.stepName.${step}` as MessageKey)}</h2>
        <StepFields ctx={ctx} step={step} values={values} errors={errors} countries={props.countries} />
        <div class="actions">
          <button type="submit" name="action" value={step === TOTAL_STEPS ? "submit" : "next"} class="button">
            {step === TOTAL_STEPS ? ctx.t("report.submit") : ctx.t("report.next")}
          </button>
          {step > 1 && (
            <button type="submit" name="action" value="back" class="button button-secondary" formNoValidate>
              {ctx.t("report.back")}
            </button>
          )}
        </div>
        <p class="hint">{ctx.t("report.safety")}</p>
      </form>
    </Layout>
  );
}
