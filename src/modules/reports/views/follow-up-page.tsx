import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, type FieldError, TextArea, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { FollowUpView } from "../reports.schema.ts";

export const FOLLOW_UP_FORM_ID = "follow-up-form";

export function FollowUpCodePage({
  ctx,
  errors,
  code = "",
}: {
  ctx: PageContext;
  errors: readonly FieldError[];
  /** What the reporter typed, kept when they switch language. */
  code?: string;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t("followUp.title")}
      formId={FOLLOW_UP_FORM_ID}
      formDefault={{ name: "action", value: "open" }}
    >
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("followUp.heading")}</h1>
      <p>{t("followUp.intro")}</p>
      <form id={FOLLOW_UP_FORM_ID} method="post" action={ctx.href("/follow-up")} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <input type="hidden" name="lang" value={ctx.i18n.locale} />
        <TextInput
          name="receiptCode"
          value={code}
          label={t("followUp.codeLabel")}
          hint={t("followUp.codeHint")}
          inputMode="numeric"
          autocomplete="off"
          maxLength={40}
          errors={errors}
        />
        <button type="submit" name="action" value="open" class="button">
          {t("followUp.open")}
        </button>
      </form>
    </Layout>
  );
}

/** The reporter's view of their report: status, the thread, and a box to add information. */
export function FollowUpThreadPage({
  ctx,
  code,
  view,
  sent,
  errors,
  draft,
}: {
  ctx: PageContext;
  code: string;
  view: FollowUpView;
  sent: boolean;
  errors: readonly FieldError[];
  /** What the reporter typed, kept when the message could not be sent. */
  draft: string;
}) {
  const { t } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t("followUp.title")}
      formId={FOLLOW_UP_FORM_ID}
      formDefault={{ name: "action", value: "message" }}
    >
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      {sent && (
        <p class="panel-success" role="status">
          {t("followUp.sent")}
        </p>
      )}
      <h1>{t("followUp.heading")}</h1>
      <dl class="summary">
        <dt>{t("followUp.statusLabel")}</dt>
        <dd data-status={view.status}>{t(`followUp.status.${view.status}` as MessageKey)}</dd>
      </dl>
      <p class="hint">{t("followUp.submittedAt", { date: ctx.i18n.dateTime(view.submittedAt) })}</p>
      <h2>{t("followUp.thread")}</h2>
      {view.messages.length === 0 ? (
        <p>{t("followUp.noMessages")}</p>
      ) : (
        <ol class="thread">
          {view.messages.map((m) => (
            <li key={m.sentAt + m.body} class={`message message-${m.from}`}>
              <p class="message-meta">
                <strong>
                  {m.from === "you"
                    ? t("followUp.you")
                    : t("followUp.from", { organisation: m.organisation ?? "" })}
                </strong>{" "}
                <span class="hint">{ctx.i18n.dateTime(m.sentAt)}</span>
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form id={FOLLOW_UP_FORM_ID} method="post" action={ctx.href("/follow-up")} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <input type="hidden" name="lang" value={ctx.i18n.locale} />
        <input type="hidden" name="view" value="thread" />
        <input type="hidden" name="receiptCode" value={code} />
        <TextArea
          name="message"
          label={t("followUp.addLabel")}
          value={draft}
          rows={5}
          maxLength={5000}
          errors={errors}
        />
        <button type="submit" name="action" value="message" class="button">
          {t("followUp.send")}
        </button>
      </form>
      <p class="hint">{t("followUp.leave")}</p>
    </Layout>
  );
}
