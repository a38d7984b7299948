import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { AuditQuery, AuditRow } from "../audit-log.service.ts";

export function AuditPage({
  ctx,
  rows,
  query,
  older,
}: {
  ctx: PageContext;
  rows: readonly AuditRow[];
  query: AuditQuery;
  /** Link to the next (older) page, when there may be one. */
  older: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.audit.title")}>
      <h1>{t("staff.audit.title")}</h1>
      <form method="get" action="/staff/audit" class="inline-search" aria-label={t("staff.audit.filters")}>
        <div>
          <label for="audit-action">{t("staff.audit.action")}</label>
          <input id="audit-action" name="action" value={query.action ?? ""} />
        </div>
        <div>
          <label for="audit-actor">{t("staff.audit.actor")}</label>
          <input id="audit-actor" name="actor" value={query.actor ?? ""} />
        </div>
        <div>
          <label for="audit-from">{t("staff.audit.from")}</label>
          <input id="audit-from" name="from" type="date" value={query.from ?? ""} />
        </div>
        <div>
          <label for="audit-to">{t("staff.audit.to")}</label>
          <input id="audit-to" name="to" type="date" value={query.to ?? ""} />
        </div>
        <button type="submit" class="button">
          {t("staff.audit.apply")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t("staff.audit.empty")}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t("staff.audit.when")}</th>
              <th scope="col">{t("staff.audit.actor")}</th>
              <th scope="col">{t("staff.audit.action")}</th>
              <th scope="col">{t("staff.audit.target")}</th>
              <th scope="col">{t("staff.audit.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq}>
                <td>{r.seq}</td>
                <td>{ctx.i18n.dateTime(r.at)}</td>
                <td>{r.actor}</td>
                <td>{r.action}</td>
                <td>{r.target}</td>
                <td>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {older && (
        <p>
          <a href={older}>{t("staff.audit.older")}</a>
        </p>
      )}
    </Layout>
  );
}
