import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  Choices,
  ErrorSummary,
  type FieldError,
  TextArea,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { ActionButton, Done } from "../../accounts/views/bits.tsx";
import { THEMES } from "../circles.service.ts";
import type { FacilitatorResponse } from "../facilitation.service.ts";
import { themeLabel } from "./circle-console.tsx";

/** One response on its own page: the participant's words, moderation and follow-through. */

/** One response on its own page: the participant's words, and every way to moderate and follow it through. */
export function ResponsePage(props: {
  ctx: PageContext;
  circle: { id: string; title: string };
  question: { position: number; text: string };
  r: FacilitatorResponse;
  errors: readonly FieldError[];
  done?: string;
}) {
  const { ctx, r, errors } = props;
  const { t } = ctx;
  const base = `/staff/circles/${props.circle.id}`;
  const action = `${base}/responses/${r.id}`;
  const csrf = <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />;
  const back = <input type="hidden" name="back" value="response" />;
  return (
    <Layout ctx={ctx} title={t("circles.console.moderate")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <p>
        <a href={ctx.href(base, {})}>{props.circle.title}</a>
      </p>
      <h1>{t("circles.console.moderate")}</h1>
      <Done message={props.done} />
      <p class="hint">
        {props.question.position}. {props.question.text}
      </p>
      <blockquote class="pre-line" lang={r.language} data-response-text="">
        {r.text}
      </blockquote>
      <p class="hint">
        {t(`circles.response.${r.status}` as MessageKey)} · {t("circles.q.supports", { count: r.supports })}
        {r.flags.length > 0 &&
          ` · ${t("circles.console.flags", { kinds: r.flags.map((f) => t(`circles.flag.${f}` as MessageKey)).join(", ") })}`}
      </p>
      {r.original && (
        <section aria-labelledby="original-heading">
          <h2 id="original-heading">{t("circles.console.original")}</h2>
          <p class="pre-line">{r.original}</p>
        </section>
      )}
      <div class="button-row">
        {r.status === "visible" ? (
          <ActionButton
            ctx={ctx}
            action={action}
            label={t("circles.console.hide")}
            fields={{ action: "hide", back: "response" }}
          />
        ) : (
          <ActionButton
            ctx={ctx}
            action={action}
            label={r.status === "held" ? t("circles.console.release") : t("circles.console.show")}
            fields={{ action: "show", back: "response" }}
          />
        )}
      </div>
      <form method="post" action={action} class="stack">
        {csrf}
        {back}
        <input type="hidden" name="action" value="edit" />
        <TextArea
          name="text"
          label={t("circles.console.editLabel")}
          errors={errors}
          value={r.text}
          rows={4}
        />
        <button type="submit" class="button button-secondary">
          {t("circles.console.saveEdit")}
        </button>
      </form>
      <form method="post" action={action} class="stack">
        {csrf}
        {back}
        <input type="hidden" name="action" value="themes" />
        <Choices
          type="checkbox"
          name="themes"
          label={t("circles.console.themes")}
          errors={[]}
          options={THEMES.map((x) => ({ value: x, label: themeLabel(ctx, x) }))}
          selected={r.themes}
          inline
        />
        <button type="submit" class="button button-secondary">
          {t("circles.console.saveThemes")}
        </button>
      </form>
      <h2>{t("circles.console.followThrough")}</h2>
      <form method="post" action={`${base}/actions`} class="stack">
        {csrf}
        <input type="hidden" name="sourceType" value="response" />
        <input type="hidden" name="sourceId" value={r.id} />
        <TextInput
          name="title"
          label={t("circles.console.actionTitle")}
          errors={[]}
          value={r.text.slice(0, 120)}
        />
        <button type="submit" class="button button-secondary">
          {t("circles.console.makeAction")}
        </button>
      </form>
      <p>
        <a
          href={ctx.href("/staff/library/new", {
            type: "best_practice",
            origin: `circle:${props.circle.id}:response:${r.id}`,
            title: r.text.slice(0, 120),
          })}
        >
          {t("circles.console.toLibrary")}
        </a>
      </p>
    </Layout>
  );
}
