import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { type Option, Select, TextInput } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { CLOSE_REASONS, URGENCY_LEVELS } from "../report-workflow.ts";
import type { StaffReportPageProps } from "./staff-report-page.tsx";

// The report page's action forms: status and close reason, urgency, assignment, merge, share. Each is a
// plain form (no script needed); the page re-renders them with the error and what was typed.

export const t2 = (ctx: PageContext, key: string) => ctx.t(key as MessageKey);
export const statusName = (ctx: PageContext, s: unknown) => t2(ctx, `staff.status.${String(s)}`);

export function ActionForm({
  ctx,
  action,
  label,
  children,
  assignMe,
}: {
  ctx: PageContext;
  action: string;
  label: string;
  children?: preact.ComponentChildren;
  /** Marks the form the `a` shortcut submits (web/inbox.js). */
  assignMe?: boolean;
}) {
  return (
    <form
      method="post"
      action={action}
      class="workflow-form"
      novalidate
      {...(assignMe ? { "data-assign-me": "" } : {})}
    >
      <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
      {children}
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}

export function Actions({ ctx, report, can, errors, values }: StaffReportPageProps) {
  const { t } = ctx;
  const base = `/staff/reports/${report.id}`;
  const v = values ?? {};
  const statusOptions: Option[] = can.nextStatuses.map((s) => ({ value: s, label: statusName(ctx, s) }));
  const reasonOptions: Option[] = CLOSE_REASONS.map((r) => ({
    value: r,
    label: t2(ctx, `workflow.reason.${r}`),
  }));
  const urgencyOptions: Option[] = URGENCY_LEVELS.map((u) => ({
    value: u,
    label: t2(ctx, `workflow.urgency.${u}`),
  }));
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t("workflow.actions")}</h2>
      {can.update && !report.mergedInto && statusOptions.length > 0 && (
        <ActionForm ctx={ctx} action={`${base}/status`} label={t("workflow.changeStatus")}>
          <Select
            name="status"
            label={t("workflow.newStatus")}
            options={statusOptions}
            value={v.status}
            errors={errors}
          />
          <Select
            name="closeReason"
            label={t("workflow.closeReason")}
            hint={t("workflow.closeReasonHint")}
            placeholder={t("workflow.noReason")}
            options={reasonOptions}
            value={v.closeReason}
            errors={errors}
          />
        </ActionForm>
      )}
      {can.update && (
        <ActionForm ctx={ctx} action={`${base}/urgency`} label={t("workflow.changeUrgency")}>
          <Select
            name="urgency"
            label={t("workflow.urgency")}
            options={urgencyOptions}
            value={v.urgency ?? report.urgency}
            errors={errors}
          />
        </ActionForm>
      )}
      {can.assignOthers && (
        <ActionForm ctx={ctx} action={`${base}/assign`} label={t("workflow.assign")}>
          <Select
            name="assignee"
            label={t("workflow.assignee")}
            options={[
              { value: "none", label: t("workflow.nobody") },
              ...report.colleagues.map((c) => ({ value: c.id, label: c.name })),
            ]}
            value={v.assignee ?? report.assignee?.id ?? "none"}
            errors={errors}
          />
        </ActionForm>
      )}
      {can.assignSelf && !can.assignedToMe && (
        <ActionForm ctx={ctx} action={`${base}/assign`} label={t("workflow.assignMe")} assignMe>
          <input type="hidden" name="assignee" value="me" />
        </ActionForm>
      )}
      {can.merge && !report.mergedInto && (
        <ActionForm ctx={ctx} action={`${base}/merge`} label={t("workflow.merge")}>
          <TextInput
            name="into"
            label={t("workflow.mergeInto")}
            hint={t("workflow.mergeHint")}
            value={v.into}
            maxLength={40}
            errors={errors}
          />
        </ActionForm>
      )}
      {can.share && !report.sharedBy && can.shareTargets.length > 0 && (
        <ActionForm ctx={ctx} action={`${base}/shares`} label={t("workflow.share")}>
          <Select
            name="organisation"
            label={t("workflow.shareWith")}
            hint={t("workflow.shareHint")}
            placeholder={t("workflow.chooseOrganisation")}
            options={can.shareTargets.map((o) => ({ value: o.id, label: o.name }))}
            value={v.organisation}
            errors={errors}
          />
        </ActionForm>
      )}
    </section>
  );
}
