import crypto from "node:crypto";
import type { z } from "zod";
import type { FormBody } from "../../platform/http/body-parsers.ts";
import type { MessageKey, Translator } from "../../platform/i18n/i18n.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import { ReportFieldsSchema, type ReportSubmission, ReportSubmissionSchema } from "./reports.schema.ts";

/** The form's steps and the fields each one asks (the last step's submit validates them all). */
export const STEPS = [
  ["categories"],
  ["country", "area", "place", "online", "when", "whenDetail"],
  ["peopleCount", "children", "danger"],
  ["signs", "narrative"],
  ["contactPreference", "contact"],
] as const;
export const TOTAL_STEPS = STEPS.length;
export type FieldName = (typeof STEPS)[number][number];
const ALL_FIELDS: readonly FieldName[] = STEPS.flat();
const MULTI: ReadonlySet<string> = new Set(["categories", "signs"]);

/** The raw answers carried from step to step, as the browser sent them. */
export type FormValues = Partial<Record<FieldName, string | string[]>>;

/** Keeps only the report's own fields from a posted body. */
export function formValues(body: FormBody): FormValues {
  const values: FormValues = {};
  for (const name of ALL_FIELDS) {
    const v = body[name];
    if (v !== undefined) values[name] = v;
  }
  return values;
}

/** A one-time key per filled-in form, so pressing "send" twice (or reloading) files one report. */
export function newSubmissionKey(): string {
  return crypto.randomBytes(18).toString("base64url");
}

function asInput(values: FormValues, fields: readonly FieldName[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of fields) {
    const v = values[name];
    if (MULTI.has(name)) input[name] = v === undefined ? [] : Array.isArray(v) ? v : [v];
    else if (Array.isArray(v))
      input[name] = v; // a repeated single field is invalid; let the schema say so
    else if (v !== undefined && v !== "") input[name] = v;
  }
  return input;
}

function errorsFrom(error: z.ZodError, t: Translator["t"]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "categories");
    if (seen.has(field)) continue;
    seen.add(field);
    const key =
      issue.message === "control_characters"
        ? "report.error.controlCharacters"
        : (`report.error.${field}` as MessageKey);
    out.push({ field, message: t(key) });
  }
  return out;
}

/** Validates one step's answers; returns the problems to show (empty when the step is complete). */
export function validateStep(step: number, values: FormValues, t: Translator["t"]): FieldError[] {
  const fields = STEPS[step - 1] ?? [];
  const mask = Object.fromEntries(fields.map((f) => [f, true as const]));
  const result = ReportFieldsSchema.pick(mask as { [K in FieldName]?: true }).safeParse(
    asInput(values, fields),
  );
  const errors = result.success ? [] : errorsFrom(result.error, t);
  if (step === 5 && values.contactPreference === "contact" && !String(values.contact ?? "").trim()) {
    if (!errors.some((e) => e.field === "contact"))
      errors.push({ field: "contact", message: t("report.error.contact") });
  }
  return errors;
}

/** Validates the whole form for submission. */
export function validateAll(
  values: FormValues,
  language: string,
  t: Translator["t"],
): { ok: true; report: ReportSubmission } | { ok: false; errors: FieldError[]; step: number } {
  const result = ReportSubmissionSchema.safeParse({ ...asInput(values, ALL_FIELDS), language });
  if (result.success) return { ok: true, report: result.data };
  const errors = errorsFrom(result.error, t);
  const first = errors[0]?.field;
  const step = STEPS.findIndex((fields) => (fields as readonly string[]).includes(first ?? "")) + 1 || 1;
  return { ok: false, errors, step };
}

/** Normalises a posted step number to 1..TOTAL_STEPS. */
export function stepNumber(raw: unknown): number {
  const n = Number(typeof raw === "string" ? raw : 1);
  return Number.isInteger(n) && n >= 1 && n <= TOTAL_STEPS ? n : 1;
}
