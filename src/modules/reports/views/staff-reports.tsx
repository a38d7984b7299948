import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { ReportSummary } from "../report-triage.service.ts";

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

export function StaffReportList({ ctx, reports }: { ctx: PageContext; reports: readonly ReportSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.list.title")}>
      <h1>{t("staff.list.title")}</h1>
      {reports.length === 0 ? (
        <p>{t("staff.list.empty")}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("staff.list.received")}</th>
              <th scope="col">{t("staff.list.country")}</th>
              <th scope="col">{t("staff.list.categories")}</th>
              <th scope="col">{t("staff.list.flags")}</th>
              <th scope="col">{t("staff.list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} class={r.unread ? "unread" : undefined}>
                <td>
                  <a href={`/staff/reports/${r.id}`}>{ctx.i18n.dateTime(r.createdAt)}</a>
                </td>
                <td>{ctx.i18n.country(r.country)}</td>
                <td>{categoryLabels(ctx, r.categories)}</td>
                <td>
                  <Flags ctx={ctx} r={r} />
                </td>
                <td>{t(`staff.status.${r.status}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
