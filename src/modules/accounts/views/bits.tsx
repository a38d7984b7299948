import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/views/context.ts";

/** A one-button form that posts to `action` with the page's CSRF token (works without JavaScript). */
export function ActionButton({
  ctx,
  action,
  label,
  fields = {},
  children,
}: {
  ctx: PageContext;
  action: string;
  label: string;
  fields?: Readonly<Record<string, string>>;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <button type="submit" class="button button-secondary">
        {label}
      </button>
    </form>
  );
}

/** A confirmation shown after a change (announced to screen readers). */
export function Done({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p class="panel-success" role="status">
      {message}
    </p>
  );
}

/** A secret shown once (a link, a token): selectable text, in a labelled box, left to right. */
export function ShownOnce({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div class="shown-once">
      <label for={id}>{label}</label>
      <input id={id} class="secret-value" readOnly value={value} dir="ltr" autoComplete="off" />
    </div>
  );
}
