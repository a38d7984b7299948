import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, type FieldError, TextArea } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ReportDetail, ReportSummary } from "../report-triage.service.ts";

function Flags({ ctx, r }: { ctx: PageContext; r: ReportSummary }) {
  const flags: MessageKey[] = [];
  if (r.unread) flags.push("staff.flag.unread");
  if (r.danger === "yes") flags.push("staff.flag.danger");
  if (r.children === "yes") flags.push("staff.flag.children");
  if (r.demo) flags.push("staff.flag.demo");
  return (
    <>
      {flags.map((f) => (
        <span key={f} class={`tag tag-${f.split(".").pop()}`}>
          {ctx.t(f)}
        </span>
      ))}
    </>
  );
}

const categoryLabels = (ctx: PageContext, ids: readonly string[]) =>
  ids.map((c) => ctx.t(`report.category.${c}` as MessageKey)).join(", ");

export function StaffReportDetail({
  ctx,
  report,
  errors,
  sent,
}: {
  ctx: PageContext;
  report: ReportDetail;
  errors: readonly FieldError[];
  sent: boolean;
}) {
  const { t } = ctx;
  const p = report.payload;
  const none = t("staff.detail.none");
  const rows: [MessageKey, string][] = [
    ["staff.list.categories", categoryLabels(ctx, report.categories)],
    ["report.country.label", ctx.i18n.country(report.country)],
    ["report.area.label", p.area || none],
    ["report.place.label", p.place || none],
    ["report.online.label", p.online || none],
    [
      "report.when.label",
      `${t(`report.when.${p.when}` as MessageKey)}${p.whenDetail ? ` (${p.whenDetail})` : ""}`,
    ],
    ["report.peopleCount.label", t(`report.people.${report.peopleCount}` as MessageKey)],
    ["report.children.label", t(`report.${report.children}` as MessageKey)],
    ["report.danger.label", t(`report.${report.danger}` as MessageKey)],
    ["report.signs.label", p.signs.map((s) => t(`report.sign.${s}` as MessageKey)).join("; ") || none],
    ["report.contact.label", p.contactPreference === "contact" ? p.contact : t("staff.detail.anonymous")],
  ];
  return (
    <Layout ctx={ctx} title={t("staff.detail.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      {sent && (
        <p class="panel-success" role="status">
          {t("staff.detail.sent")}
        </p>
      )}
      <h1>
        {t("staff.detail.title")} · {ctx.i18n.dateTime(report.createdAt)}
      </h1>
      <p>
        <Flags ctx={ctx} r={report} /> {t(`staff.status.${report.status}` as MessageKey)}
      </p>
      <h2>{t("staff.detail.narrative")}</h2>
      <blockquote class="narrative">{p.narrative}</blockquote>
      <h2>{t("staff.detail.answers")}</h2>
      <dl class="summary">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t("staff.detail.thread")}</h2>
      {report.messages.length === 0 ? (
        <p>{t("staff.detail.noMessages")}</p>
      ) : (
        <ol class="thread">
          {report.messages.map((m) => (
            <li key={m.id} class={`message message-${m.author}`}>
              <p class="message-meta">
                <strong>
                  {m.author === "reporter" ? t("staff.detail.reporter") : t("staff.detail.staff")}
                </strong>{" "}
                <span class="hint">{ctx.i18n.dateTime(m.createdAt)}</span>
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form method="post" action={`/staff/reports/${report.id}/reply`}>
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextArea
          name="message"
          label={t("staff.detail.replyLabel")}
          hint={t("staff.detail.replyHint")}
          rows={5}
          maxLength={5000}
          errors={errors}
        />
        <button type="submit" class="button">
          {t("staff.detail.send")}
        </button>
      </form>
    </Layout>
  );
}
