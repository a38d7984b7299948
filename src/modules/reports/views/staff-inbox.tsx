import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  ErrorSummary,
  type FieldError,
  fieldId,
  Select,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import { CATEGORY_IDS } from "../categories.ts";
import {
  INBOX_SORTS,
  type InboxQuery,
  type InboxRow,
  OPEN_STATUSES,
  STATUS_FILTERS,
  type StatusFilter,
  URGENCY_NAMES,
} from "../report-inbox.schema.ts";
import type { InboxResult } from "../report-inbox.service.ts";
import { CHANNELS } from "../reports.service.ts";

export interface InboxViewProps {
  readonly ctx: PageContext;
  readonly query: InboxQuery;
  readonly result: InboxResult;
  readonly errors: readonly FieldError[];
  /** The staff member may assign reports (shows "Assign to me" on each row). */
  /** The signed-in staff member may take reports (assign them to themselves). */
  readonly canAssign: boolean;
  readonly userId: string;
  /** This page's own address (path and query), where "Assign to me" comes back to. */
  readonly returnTo: string;
}

type Params = Record<string, string>;

/** The query as link parameters, without empty values and without the cursor. */
function paramsOf(query: InboxQuery, overrides: Params = {}): Params {
  const params: Params = {};
  for (const [k, v] of Object.entries(query)) {
    if (k !== "cursor" && k !== "lang" && typeof v === "string" && v !== "") params[k] = v;
  }
  return { ...params, ...overrides };
}

const URGENCY_MARK = { normal: "", high: "!", urgent: "!!" } as const;

function StatusTabs({
  ctx,
  query,
  counts,
}: {
  ctx: PageContext;
  query: InboxQuery;
  counts: InboxResult["counts"];
}) {
  const current = query.status ?? "open";
  const total = (statuses: readonly string[]) =>
    statuses.reduce((n, s) => n + (counts[s as keyof typeof counts] ?? 0), 0);
  const countOf = (s: StatusFilter) =>
    s === "open" ? total(OPEN_STATUSES) : s === "all" ? total(Object.keys(counts)) : counts[s];
  const label = (s: StatusFilter) =>
    ctx.t((s === "open" || s === "all" ? `inbox.tab.${s}` : `staff.status.${s}`) as MessageKey);
  return (
    <nav class="inbox-tabs" aria-label={ctx.t("inbox.tabs")}>
      <ul>
        {STATUS_FILTERS.map((s) => (
          <li key={s}>
            <a
              href={ctx.href("/staff/reports", paramsOf(query, { status: s }))}
              aria-current={s === current ? "page" : undefined}
            >
              {ctx.t("inbox.tabCount", { label: label(s), count: countOf(s) })}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function DateField({ ctx, name, value }: { ctx: PageContext; name: "from" | "to"; value?: string }) {
  return (
    <div class="field">
      <label for={fieldId(name)}>{ctx.t(`inbox.${name}`)}</label>
      <input id={fieldId(name)} name={name} type="date" value={value ?? ""} />
    </div>
  );
}

function Checkbox({
  ctx,
  name,
  checked,
}: {
  ctx: PageContext;
  name: "unreadMessages" | "unread" | "merged";
  checked: boolean;
}) {
  return (
    <div class="choice">
      <input type="checkbox" id={fieldId(name)} name={name} value="1" checked={checked} />
      <label for={fieldId(name)}>{ctx.t(`inbox.${name}`)}</label>
    </div>
  );
}

function Filters({
  ctx,
  query,
  result,
  errors,
}: Pick<InboxViewProps, "ctx" | "query" | "result" | "errors">) {
  const { t } = ctx;
  const any = t("inbox.any");
  return (
    <form method="get" action="/staff/reports" class="inbox-filters" aria-labelledby="inbox-filters-title">
      <h2 id="inbox-filters-title">{t("inbox.filters")}</h2>
      {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
      <input type="hidden" name="status" value={query.status ?? "open"} />
      <div class="inbox-filter-grid">
        <Select
          name="urgency"
          label={t("inbox.urgency")}
          errors={errors}
          placeholder={any}
          value={query.urgency}
          options={URGENCY_NAMES.map((u) => ({ value: u, label: t(`inbox.urgency.${u}`) }))}
        />
        <Select
          name="category"
          label={t("inbox.category")}
          errors={errors}
          placeholder={any}
          value={query.category}
          options={CATEGORY_IDS.map((c) => ({ value: c, label: t(`report.category.${c}` as MessageKey) }))}
        />
        <TextInput
          name="country"
          label={t("inbox.country")}
          hint={t("inbox.countryHint")}
          errors={errors}
          value={query.country}
          maxLength={2}
        />
        <Select
          name="channel"
          label={t("inbox.channel")}
          errors={errors}
          placeholder={any}
          value={query.channel}
          options={CHANNELS.map((c) => ({ value: c, label: t(`inbox.channel.${c}`) }))}
        />
        <Select
          name="assignee"
          label={t("inbox.assignee")}
          errors={errors}
          placeholder={any}
          value={query.assignee}
          options={[
            { value: "me", label: t("inbox.assignee.me") },
            { value: "unassigned", label: t("inbox.assignee.unassigned") },
            ...result.colleagues.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <DateField ctx={ctx} name="from" value={query.from} />
        <DateField ctx={ctx} name="to" value={query.to} />
        <Select
          name="sort"
          label={t("inbox.sort")}
          errors={errors}
          value={query.sort ?? "active"}
          options={INBOX_SORTS.map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))}
        />
      </div>
      <div class="choices">
        <Checkbox ctx={ctx} name="unreadMessages" checked={query.unreadMessages === "1"} />
        <Checkbox ctx={ctx} name="unread" checked={query.unread === "1"} />
        <Checkbox ctx={ctx} name="merged" checked={query.merged === "1"} />
      </div>
      <button type="submit" class="button">
        {t("inbox.apply")}
      </button>{" "}
      <a href={ctx.href("/staff/reports")}>{t("inbox.clear")}</a>
    </form>
  );
}

function Markers({ ctx, r }: { ctx: PageContext; r: InboxRow }) {
  const markers: MessageKey[] = [];
  if (r.unreadMessages) markers.push("inbox.marker.message");
  if (r.unread) markers.push("inbox.marker.unread");
  if (r.mergedInto) markers.push("inbox.marker.merged");
  return (
    <>
      {markers.map((m) => (
        <span key={m} class={`tag tag-${m.split(".").pop()}`}>
          {ctx.t(m)}
        </span>
      ))}
    </>
  );
}

function Row({
  ctx,
  r,
  canAssign,
  userId,
  returnTo,
}: { ctx: PageContext; r: InboxRow } & Pick<InboxViewProps, "canAssign" | "userId" | "returnTo">) {
  const { t } = ctx;
  const received = ctx.i18n.dateTime(r.receivedAt);
  return (
    <tr id={`report-${r.id}`} data-inbox-row="" class={r.unread || r.unreadMessages ? "unread" : undefined}>
      <td>
        <span class={`urgency urgency-${r.urgency}`}>
          {URGENCY_MARK[r.urgency] && <span aria-hidden="true">{URGENCY_MARK[r.urgency]} </span>}
          {t(`inbox.urgency.${r.urgency}`)}
        </span>
      </td>
      <td>{t(`staff.status.${r.status}` as MessageKey)}</td>
      <td>
        <a href={`/staff/reports/${r.id}`} data-inbox-open="">
          {received}
        </a>
      </td>
      <td>{r.country ? ctx.i18n.country(r.country) : ""}</td>
      <td>{r.categories.map((c) => t(`report.category.${c}` as MessageKey)).join(", ")}</td>
      <td>{t(`inbox.channel.${r.channel}` as MessageKey)}</td>
      <td>{r.assignee ? r.assignee.name : <span class="hint">{t("inbox.assignee.unassigned")}</span>}</td>
      <td>
        <Markers ctx={ctx} r={r} />
      </td>
      <td>
        {canAssign && r.assignee?.id !== userId && (
          <form method="post" action={`/staff/reports/${r.id}/assign`} class="inline-form" data-assign-me="">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
            <input type="hidden" name="assignee" value="me" />
            <input type="hidden" name="return" value={`${returnTo}#take-${r.id}`} />
            <button
              type="submit"
              class="link-button"
              aria-label={t("inbox.assignMeLabel", { date: received })}
            >
              {t("inbox.assignMe")}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

const SHORTCUTS: readonly [string, MessageKey][] = [
  ["j", "inbox.shortcuts.next"],
  ["k", "inbox.shortcuts.previous"],
  ["Enter", "inbox.shortcuts.open"],
  ["a", "inbox.shortcuts.assign"],
  ["?", "inbox.shortcuts.help"],
];

/** The keyboard shortcuts, documented on the page and shown in a dialog by `?` (web/inbox.js). */
export function ShortcutList({ ctx }: { ctx: PageContext }) {
  return (
    <dl class="shortcuts">
      {SHORTCUTS.map(([key, label]) => (
        <div key={key}>
          <dt>
            <kbd>{key}</kbd>
          </dt>
          <dd>{ctx.t(label)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The shortcut help as a dialog (opened by `?`) and the script; for the inbox and the report page. */
export function InboxShortcuts({ ctx }: { ctx: PageContext }) {
  return (
    <>
      <dialog id="inbox-help" aria-labelledby="inbox-help-title">
        <h2 id="inbox-help-title">{ctx.t("inbox.shortcuts.title")}</h2>
        <p>{ctx.t("inbox.shortcuts.intro")}</p>
        <ShortcutList ctx={ctx} />
        <form method="dialog">
          <button type="submit" class="button">
            {ctx.t("inbox.shortcuts.close")}
          </button>
        </form>
      </dialog>
      <script src={`/assets/inbox.js?v=${ctx.assetVersion}`} defer />
    </>
  );
}

/** The triage inbox: status tabs with counts, a GET filter form, 50 rows a page, keyset "next" links. */
export function StaffInbox({ ctx, query, result, errors, canAssign, userId, returnTo }: InboxViewProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("staff.list.title")}>
      <ErrorSummary title={t("inbox.errorSummary")} errors={errors} />
      <h1>{t("staff.list.title")}</h1>
      <StatusTabs ctx={ctx} query={query} counts={result.counts} />
      <Filters ctx={ctx} query={query} result={result} errors={errors} />
      {result.reports.length === 0 ? (
        <p class="inbox-empty">{t("inbox.empty")}</p>
      ) : (
        <table class="table inbox" data-inbox="">
          <caption>{t("inbox.caption", { count: result.reports.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("inbox.col.urgency")}</th>
              <th scope="col">{t("staff.list.status")}</th>
              <th scope="col">{t("staff.list.received")}</th>
              <th scope="col">{t("staff.list.country")}</th>
              <th scope="col">{t("staff.list.categories")}</th>
              <th scope="col">{t("inbox.channel")}</th>
              <th scope="col">{t("inbox.assignee")}</th>
              <th scope="col">{t("inbox.col.markers")}</th>
              <th scope="col">{t("inbox.col.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {result.reports.map((r) => (
              <Row key={r.id} ctx={ctx} r={r} canAssign={canAssign} userId={userId} returnTo={returnTo} />
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label={t("inbox.pages")}>
        {query.cursor && <a href={ctx.href("/staff/reports", paramsOf(query))}>{t("inbox.first")}</a>}{" "}
        {result.next && (
          <a href={ctx.href("/staff/reports", paramsOf(query, { cursor: result.next }))} rel="next">
            {t("inbox.next")}
          </a>
        )}
      </nav>
      <details class="inbox-shortcuts">
        <summary>{t("inbox.shortcuts.title")}</summary>
        <p>{t("inbox.shortcuts.intro")}</p>
        <ShortcutList ctx={ctx} />
      </details>
      <InboxShortcuts ctx={ctx} />
    </Layout>
  );
}
