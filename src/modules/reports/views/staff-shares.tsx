import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { PendingShare } from "../report-sharing.service.ts";

function AnswerButton({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
      <button type="submit" class="button button-secondary">
        {label}
      </button>
    </form>
  );
}

/** The reports other organisations offer to share with this one, to accept or decline. */
export function StaffSharesPage({
  ctx,
  shares,
  done,
}: {
  ctx: PageContext;
  shares: readonly PendingShare[];
  done?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("workflow.shares.title")}>
      {done === "declined" && (
        <p class="panel-success" role="status">
          {t("workflow.done.declined")}
        </p>
      )}
      <h1>{t("workflow.shares.title")}</h1>
      <p>{t("workflow.shares.intro")}</p>
      {shares.length === 0 ? (
        <p>{t("workflow.shares.empty")}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("workflow.shares.from")}</th>
              <th scope="col">{t("workflow.shares.offered")}</th>
              <th scope="col">{t("staff.list.country")}</th>
              <th scope="col">{t("staff.list.categories")}</th>
              <th scope="col">{t("workflow.urgency")}</th>
              <th scope="col">{t("workflow.shares.answer")}</th>
            </tr>
          </thead>
          <tbody>
            {shares.map((s) => (
              <tr key={s.id} data-share={s.id}>
                <td>{s.from}</td>
                <td>{ctx.i18n.dateTime(s.offeredAt)}</td>
                <td>{ctx.i18n.country(s.country)}</td>
                <td>{s.categories.map((c) => t(`report.category.${c}` as MessageKey)).join(", ")}</td>
                <td>{t(`workflow.urgency.${s.urgency}` as MessageKey)}</td>
                <td>
                  <AnswerButton
                    ctx={ctx}
                    action={`/staff/shares/${s.id}/accept`}
                    label={t("workflow.shares.accept")}
                  />{" "}
                  <AnswerButton
                    ctx={ctx}
                    action={`/staff/shares/${s.id}/decline`}
                    label={t("workflow.shares.decline")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
