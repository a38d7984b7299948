import type { ComponentChildren } from "preact";

/** A field-level problem shown in the error summary and beside the field (GOV.UK pattern). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export function ErrorSummary({ title, errors }: { title: string; errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      data-error-summary=""
    >
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a href={`#${fieldId(e.field)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The id of a field's first control, the target of the error summary's links. */
export function fieldId(name: string): string {
  return `f-${name}`;
}

function errorFor(errors: readonly FieldError[], name: string): string | undefined {
  return errors.find((e) => e.field === name)?.message;
}

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly errors: readonly FieldError[];
}

function FieldFrame({
  name,
  label,
  hint,
  errors,
  children,
}: FieldProps & { children: (describedBy: string | undefined) => ComponentChildren }) {
  const error = errorFor(errors, name);
  const ids = [hint ? `${fieldId(name)}-hint` : "", error ? `${fieldId(name)}-error` : ""].filter(Boolean);
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for={fieldId(name)}>{label}</label>
      {hint && (
        <p class="hint" id={`${fieldId(name)}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${fieldId(name)}-error`}>
          {error}
        </p>
      )}
      {children(ids.length ? ids.join(" ") : undefined)}
    </div>
  );
}

export function TextInput(
  props: FieldProps & {
    value?: string;
    type?: "text" | "email" | "password" | "tel";
    autocomplete?: string;
    inputMode?: "numeric" | "text" | "tel" | "email";
    maxLength?: number;
    required?: boolean;
  },
) {
  return (
    <FieldFrame {...props}>
      {(describedBy) => (
        <input
          id={fieldId(props.name)}
          name={props.name}
          type={(props.type ?? "text") as "text"}
          value={props.value ?? ""}
          autoComplete={props.autocomplete ?? "off"}
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          required={props.required}
          aria-describedby={describedBy}
          aria-invalid={errorFor(props.errors, props.name) ? "true" : undefined}
        />
      )}
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { value?: string; rows?: number; maxLength?: number }) {
  return (
    <FieldFrame {...props}>
      {(describedBy) => (
        <textarea
          id={fieldId(props.name)}
          name={props.name}
          rows={props.rows ?? 6}
          maxLength={props.maxLength}
          aria-describedby={describedBy}
          aria-invalid={errorFor(props.errors, props.name) ? "true" : undefined}
        >
          {props.value ?? ""}
        </textarea>
      )}
    </FieldFrame>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

export function Select(
  props: FieldProps & { options: readonly Option[]; value?: string; placeholder?: string },
) {
  return (
    <FieldFrame {...props}>
      {(describedBy) => (
        <select
          id={fieldId(props.name)}
          name={props.name}
          aria-describedby={describedBy}
          aria-invalid={errorFor(props.errors, props.name) ? "true" : undefined}
        >
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A group of radios or checkboxes in a fieldset whose legend is the question. */
export function Choices(
  props: FieldProps & {
    type: "radio" | "checkbox";
    options: readonly Option[];
    selected: readonly string[];
    inline?: boolean;
  },
) {
  const error = errorFor(props.errors, props.name);
  const hintId = props.hint ? `${fieldId(props.name)}-hint` : undefined;
  const errorId = error ? `${fieldId(props.name)}-error` : undefined;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend>{props.label}</legend>
        {props.hint && (
          <p class="hint" id={hintId}>
            {props.hint}
          </p>
        )}
        {error && (
          <p class="error-message" id={errorId}>
            {error}
          </p>
        )}
        <div class={`choices${props.inline ? " choices-inline" : ""}`}>
          {props.options.map((o, i) => {
            const id = i === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${o.value}`;
            return (
              <div class="choice" key={o.value}>
                <input
                  type={props.type}
                  id={id}
                  name={props.name}
                  value={o.value}
                  checked={props.selected.includes(o.value)}
                  aria-describedby={o.hint ? `${id}-hint` : undefined}
                />
                <label for={id}>
                  {o.label}
                  {o.hint && (
                    <span class="choice-hint" id={`${id}-hint`}>
                      {o.hint}
                    </span>
                  )}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** Carries earlier steps' answers through a multi-step form without storing anything on the server. */
export function HiddenFields({ values }: { values: Readonly<Record<string, string | readonly string[]>> }) {
  const entries = Object.entries(values).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v]).map((one, i) => ({ key: `${name}:${i}`, name, value: String(one) })),
  );
  return (
    <>
      {entries.map((e) => (
        <input key={e.key} type="hidden" name={e.name} value={e.value} />
      ))}
    </>
  );
}
