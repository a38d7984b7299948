import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, type FieldError, TextArea } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ReportCluster } from "../../linking/report-linking.service.ts";
import type { ReportDetail, TimelineEntry } from "../report-triage.service.ts";
import { InboxShortcuts } from "./staff-inbox.tsx";
import { ActionForm, Actions, statusName, t2 } from "./staff-report-actions.tsx";

/** What the signed-in staff member may do on the page (from the permission table). */
export interface ReportPageAbilities {
  readonly nextStatuses: readonly string[];
  readonly update: boolean;
  readonly note: boolean;
  readonly reply: boolean;
  readonly assignOthers: boolean;
  readonly assignSelf: boolean;
  /** The report is already assigned to the signed-in staff member. */
  readonly assignedToMe: boolean;
  readonly merge: boolean;
  readonly share: boolean;
  readonly shareTargets: readonly { readonly id: string; readonly name: string }[];
}

export interface StaffReportPageProps {
  readonly ctx: PageContext;
  readonly report: ReportDetail;
  readonly can: ReportPageAbilities;
  readonly errors: readonly FieldError[];
  /** What was just done (after a redirect), for the confirmation line. */
  readonly done?: string;
  /** What was typed in the form that failed, kept. */
  readonly values?: Readonly<Record<string, string>>;
  /** Clusters of the identifier graph this report joins (shown to roles that may read them). */
  readonly clusters?: readonly ReportCluster[];
}

const DONE = ["sent", "status", "urgency", "assigned", "note", "merged", "shared", "revoked", "accepted"];

function eventText(ctx: PageContext, e: TimelineEntry, report: ReportDetail): string {
  const d = e.detail;
  switch (e.kind) {
    case "received":
      return ctx.t("workflow.event.received", { channel: t2(ctx, `workflow.channel.${String(d.channel)}`) });
    case "status":
      return d.to === "closed"
        ? ctx.t("workflow.event.closed", { reason: t2(ctx, `workflow.reason.${String(d.reason)}`) })
        : ctx.t("workflow.event.status", { from: statusName(ctx, d.from), to: statusName(ctx, d.to) });
    case "urgency":
      return ctx.t("workflow.event.urgency", { level: t2(ctx, `workflow.urgency.${String(d.to)}`) });
    case "assigned": {
      if (!d.to) return ctx.t("workflow.event.unassigned");
      const name =
        d.to === report.assignee?.id
          ? report.assignee.name
          : (report.colleagues.find((c) => c.id === d.to)?.name ?? ctx.t("workflow.someone"));
      return ctx.t("workflow.event.assigned", { name });
    }
    case "merged_into":
      return ctx.t("workflow.event.mergedInto", { report: String(d.report) });
    case "merged_from":
      return ctx.t("workflow.event.mergedFrom", { report: String(d.report) });
    case "share_offered":
    case "share_accepted":
    case "share_declined":
    case "share_revoked":
    case "received_share":
      return ctx.t(`workflow.event.${e.kind}` as MessageKey, { organisation: String(d.organisation) });
    default:
      return t2(ctx, `workflow.event.${e.kind}`);
  }
}

function Facts({ ctx, report }: { ctx: PageContext; report: ReportDetail }) {
  const { t } = ctx;
  const rows: [string, string][] = [
    [t("workflow.status"), statusName(ctx, report.status)],
    ...(report.closeReason
      ? ([[t("workflow.closeReason"), t2(ctx, `workflow.reason.${report.closeReason}`)]] as [
          string,
          string,
        ][])
      : []),
    [t("workflow.urgency"), t2(ctx, `workflow.urgency.${report.urgency}`)],
    [t("workflow.assignee"), report.assignee?.name ?? t("workflow.nobody")],
    [
      t("workflow.channel"),
      `${t2(ctx, `workflow.channel.${report.channel}`)}${report.recordedBy ? ` · ${t("workflow.recordedBy", { name: report.recordedBy })}` : ""}`,
    ],
    [t("workflow.indicators"), indicators(ctx, report)],
  ];
  return (
    <dl class="summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function indicators(ctx: PageContext, r: ReportDetail): string {
  const found: string[] = [];
  if (r.danger === "yes") found.push(ctx.t("staff.flag.danger"));
  if (r.children === "yes") found.push(ctx.t("staff.flag.children"));
  if (r.demo) found.push(ctx.t("staff.flag.demo"));
  return found.join(", ") || ctx.t("workflow.noIndicators");
}

function Answers({ ctx, report }: { ctx: PageContext; report: ReportDetail }) {
  const { t } = ctx;
  const p = report.payload;
  const none = t("staff.detail.none");
  const rows: [MessageKey, string][] = [
    ["staff.list.categories", report.categories.map((c) => t2(ctx, `report.category.${c}`)).join(", ")],
    ["report.country.label", ctx.i18n.country(report.country)],
    ["report.area.label", p.area || none],
    ["report.place.label", p.place || none],
    ["report.online.label", p.online || none],
    ["report.when.label", `${t2(ctx, `report.when.${p.when}`)}${p.whenDetail ? ` (${p.whenDetail})` : ""}`],
    ["report.peopleCount.label", t2(ctx, `report.people.${report.peopleCount}`)],
    ["report.children.label", t2(ctx, `report.${report.children}`)],
    ["report.danger.label", t2(ctx, `report.${report.danger}`)],
    ["report.signs.label", p.signs.map((s) => t2(ctx, `report.sign.${s}`)).join("; ") || none],
    ["report.contact.label", p.contactPreference === "contact" ? p.contact : t("staff.detail.anonymous")],
  ];
  return (
    <dl class="summary">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Shares({ ctx, report }: { ctx: PageContext; report: ReportDetail }) {
  const { t } = ctx;
  if (report.shares.length === 0) return null;
  return (
    <section aria-labelledby="shares-title">
      <h2 id="shares-title">{t("workflow.sharesTitle")}</h2>
      <ul class="share-list">
        {report.shares.map((s) => (
          <li key={s.id}>
            {s.organisation} · {t2(ctx, `workflow.shareStatus.${s.status}`)} ·{" "}
            <span class="hint">{ctx.i18n.dateTime(s.createdAt)}</span>
            {(s.status === "offered" || s.status === "accepted") && (
              <form method="post" action={`/staff/shares/${s.id}/revoke`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                <button type="submit" class="link-button">
                  {t("workflow.revoke")}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The report page: everything this organisation knows about one report, and every action on it. */
export function StaffReportPage(props: StaffReportPageProps) {
  const { ctx, report, can, errors, done, values } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.detail.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      {done && DONE.includes(done) && (
        <p class="panel-success" role="status">
          {t2(ctx, done === "sent" ? "staff.detail.sent" : `workflow.done.${done}`)}
        </p>
      )}
      <h1>
        {t("staff.detail.title")} · {ctx.i18n.dateTime(report.receivedAt)}
      </h1>
      <p class="hint">{t("workflow.reportId", { id: report.id })}</p>
      {report.mergedInto && (
        <p class="panel-notice">
          {t("workflow.mergedNotice")} <a href={`/staff/reports/${report.mergedInto}`}>{report.mergedInto}</a>
        </p>
      )}
      {report.sharedBy && (
        <p class="panel-notice">{t("workflow.sharedBy", { organisation: report.sharedBy })}</p>
      )}
      <Facts ctx={ctx} report={report} />
      <h2>{t("staff.detail.narrative")}</h2>
      <blockquote class="narrative">{report.payload.narrative}</blockquote>
      <h2>{t("staff.detail.answers")}</h2>
      <Answers ctx={ctx} report={report} />
      {report.duplicates.length > 0 && (
        <section aria-labelledby="duplicates-title">
          <h2 id="duplicates-title">{t("workflow.duplicates")}</h2>
          <ul>
            {report.duplicates.map((d) => (
              <li key={d.id}>
                <a href={`/staff/reports/${d.id}`}>
                  {t("workflow.duplicateLink", { date: ctx.i18n.dateTime(d.receivedAt) })}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.clusters && props.clusters.length > 0 && (
        <section aria-labelledby="linked-title">
          <h2 id="linked-title">{t("workflow.linkedTitle")}</h2>
          <ul>
            {props.clusters.map((c) => (
              <li key={c.clusterId}>
                {t("workflow.linkedCluster", { ads: c.ads, reports: c.reports })}{" "}
                <a href={`/staff/clusters/${c.clusterId}`}>{t("workflow.linkedOpen")}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Actions {...props} />
      <Shares ctx={ctx} report={report} />

      <h2>{t("staff.detail.thread")}</h2>
      {report.messages.length === 0 ? (
        <p>{t("staff.detail.noMessages")}</p>
      ) : (
        <ol class="thread">
          {report.messages.map((m) => (
            <li key={m.id} class={`message message-${m.author}`}>
              <p class="message-meta">
                <strong>
                  {m.author === "reporter" ? t("staff.detail.reporter") : (m.by ?? t("staff.detail.staff"))}
                </strong>{" "}
                <span class="hint">{ctx.i18n.dateTime(m.createdAt)}</span>
              </p>
              <p class="message-body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {can.reply && (
        <form method="post" action={`/staff/reports/${report.id}/reply`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
          <TextArea
            name="message"
            label={t("staff.detail.replyLabel")}
            hint={t("staff.detail.replyHint")}
            rows={5}
            maxLength={5000}
            value={values?.message}
            errors={errors}
          />
          <button type="submit" class="button">
            {t("staff.detail.send")}
          </button>
        </form>
      )}

      <section aria-labelledby="notes-title">
        <h2 id="notes-title">{t("workflow.notes")}</h2>
        <p class="hint">{t("workflow.notesHint")}</p>
        {report.notes.length === 0 ? (
          <p>{t("workflow.noNotes")}</p>
        ) : (
          <ol class="notes">
            {report.notes.map((n) => (
              <li key={n.id} class="note">
                <p class="message-meta">
                  <strong>{n.by ?? t("workflow.someone")}</strong>{" "}
                  <span class="hint">{ctx.i18n.dateTime(n.at)}</span>
                </p>
                <p class="message-body">{n.body}</p>
              </li>
            ))}
          </ol>
        )}
        {can.note && (
          <ActionForm ctx={ctx} action={`/staff/reports/${report.id}/notes`} label={t("workflow.addNote")}>
            <TextArea
              name="note"
              label={t("workflow.noteLabel")}
              rows={4}
              maxLength={5000}
              value={values?.note}
              errors={errors}
            />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("workflow.timeline")}</h2>
        <ol class="timeline">
          {report.timeline.map((e) => (
            <li key={e.id} data-event={e.kind}>
              <span class="hint">{ctx.i18n.dateTime(e.at)}</span> {eventText(ctx, e, report)}
              {e.by && ` · ${e.by}`}
            </li>
          ))}
        </ol>
      </section>
      <InboxShortcuts ctx={ctx} />
    </Layout>
  );
}
