import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import {
  Choices,
  ErrorSummary,
  type FieldError,
  TextArea,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES, Layout } from "../../../platform/views/layout.tsx";
import { ActionButton, Done } from "../../accounts/views/bits.tsx";
import type { FacilitatorCluster, FacilitatorResponse, facilitatorView } from "../facilitation.service.ts";
import { participantTables } from "../report-labels.ts";
import type { ParticipantSummary } from "../report-model.ts";
import { themeLabel } from "./circle-console.tsx";
import { circleWhen } from "./participant-pages.tsx";
import { JoinQr } from "./present-page.tsx";

export type View = Awaited<ReturnType<typeof facilitatorView>>;

/** Who took part, as in the report: a total and three tables, small groups shown as "fewer than 5". */
export function ParticipantTables({ ctx, summary }: { ctx: PageContext; summary: ParticipantSummary }) {
  const { t } = ctx;
  return (
    <div class="circle-participants">
      <p data-participants-total="">
        {summary.total === undefined
          ? t("circles.participantsFew")
          : t("circles.participants", { count: summary.total })}
      </p>
      {participantTables(t, summary).map((table) => (
        <table class="table" key={table.caption}>
          <caption>{table.caption}</caption>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** One response in the console: its text, state and supports, quick hide/release, and a link to moderate it. */
export function ResponseCard({
  ctx,
  base,
  r,
  clusterFormId,
}: {
  ctx: PageContext;
  base: string;
  r: FacilitatorResponse;
  clusterFormId: string;
}) {
  const { t } = ctx;
  const action = `${base}/responses/${r.id}`;
  return (
    <li id={`r-${r.id}`} class={`response-${r.status}`} data-response={r.id} data-status={r.status}>
      <p class="pre-line" lang={r.language}>
        {r.status !== "merged" && (
          <input
            type="checkbox"
            name="responseIds"
            value={r.id}
            form={clusterFormId}
            id={`pick-${r.id}`}
            aria-label={t("circles.console.pick", { text: r.text.slice(0, 60) })}
          />
        )}{" "}
        {r.text}
      </p>
      <p class="hint">
        {t(`circles.response.${r.status}` as MessageKey)} · {t("circles.q.supports", { count: r.supports })} ·{" "}
        {LANGUAGE_NAMES[r.language] ?? r.language}
        {r.flags.length > 0 &&
          ` · ${t("circles.console.flags", { kinds: r.flags.map((f) => t(`circles.flag.${f}` as MessageKey)).join(", ") })}`}
        {r.themes.length > 0 && ` · ${r.themes.map((x) => themeLabel(ctx, x)).join(", ")}`}
        {r.original && ` · ${t("circles.console.edited")}`}
      </p>
      <div class="button-row">
        {r.status === "visible" ? (
          <ActionButton
            ctx={ctx}
            action={action}
            label={t("circles.console.hide")}
            fields={{ action: "hide" }}
          />
        ) : (
          <ActionButton
            ctx={ctx}
            action={action}
            label={r.status === "held" ? t("circles.console.release") : t("circles.console.show")}
            fields={{ action: "show" }}
          />
        )}
        <a href={ctx.href(action)}>
          {t("circles.console.moderate")}
          <span class="visually-hidden">: {r.text.slice(0, 60)}</span>
        </a>
      </div>
    </li>
  );
}

export function ClusterBlock({
  ctx,
  base,
  c,
  responses,
}: {
  ctx: PageContext;
  base: string;
  c: FacilitatorCluster;
  responses: ReadonlyMap<string, FacilitatorResponse>;
}) {
  const { t } = ctx;
  const action = `${base}/clusters/${c.id}`;
  return (
    <li data-cluster={c.id} data-cluster-status={c.status}>
      <p>
        <strong>{c.name}</strong> <span class="tag">{t(`circles.cluster.${c.status}` as MessageKey)}</span>
      </p>
      <ul>
        {c.responseIds.map((id) => (
          <li key={id}>{responses.get(id)?.text.slice(0, 140) ?? ""}</li>
        ))}
      </ul>
      <form method="post" action={action} class="button-row">
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="name"
          label={t("circles.console.clusterName")}
          errors={[]}
          value={c.name}
          maxLength={120}
        />
        {c.status === "suggested" ? (
          <>
            <button type="submit" name="action" value="accept" class="button">
              {t("circles.console.accept")}
            </button>
            <button type="submit" name="action" value="reject" class="button button-secondary">
              {t("circles.console.reject")}
            </button>
          </>
        ) : (
          <>
            <button type="submit" name="action" value="rename" class="button button-secondary">
              {t("circles.console.rename")}
            </button>
            <button type="submit" name="action" value="reject" class="button button-secondary">
              {t("circles.console.ungroup")}
            </button>
          </>
        )}
      </form>
      {c.status === "accepted" && (
        <details class="circle-moderate">
          <summary>{t("circles.console.followThrough")}</summary>
          <form method="post" action={`${base}/actions`} class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
            <input type="hidden" name="sourceType" value="cluster" />
            <input type="hidden" name="sourceId" value={c.id} />
            <TextInput name="title" label={t("circles.console.actionTitle")} errors={[]} value={c.name} />
            <button type="submit" class="button button-secondary">
              {t("circles.console.makeAction")}
            </button>
          </form>
          <p>
            <a
              href={ctx.href("/staff/library/new", {
                type: "best_practice",
                origin: `circle:${base.split("/").pop()}:cluster:${c.id}`,
                title: c.name,
              })}
            >
              {t("circles.console.toLibrary")}
            </a>
          </p>
        </details>
      )}
    </li>
  );
}

/** The facilitator's console: join code and QR, status, per question the responses, groups and moderation. */
export function FacilitatorPage(props: {
  ctx: PageContext;
  view: View;
  joinUrl: string;
  canManage: boolean;
  done?: string;
  errors: readonly FieldError[];
}) {
  const { ctx, view, errors } = props;
  const { t } = ctx;
  const c = view.circle;
  const base = `/staff/circles/${c.id}`;
  const byId = new Map(view.responses.map((r) => [r.id, r]));
  return (
    <Layout ctx={ctx} title={c.title}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <p>
        <a href={ctx.href("/staff/circles")}>{t("circles.console.back")}</a>
      </p>
      <h1>{c.title}</h1>
      <Done message={props.done} />
      <dl class="facts">
        <dt>{t("circles.console.status")}</dt>
        <dd data-circle-status={c.status}>{t(`circles.status.${c.status}` as MessageKey)}</dd>
        <dt>{t("circles.console.when")}</dt>
        <dd>{circleWhen(ctx, c.startsAt)}</dd>
        <dt>{t("circles.join.moderator")}</dt>
        <dd>
          {c.moderatorName}
          {c.moderatorAffiliation && `, ${c.moderatorAffiliation}`}
        </dd>
        <dt>{t("circles.console.code")}</dt>
        <dd>
          <span class="circle-join-code" data-join-code={c.joinCode}>
            {c.joinCode}
          </span>
        </dd>
      </dl>
      <div class="button-row">
        {props.canManage && c.status !== "open" && (
          <ActionButton
            ctx={ctx}
            action={`${base}/status`}
            label={t("circles.console.open")}
            fields={{ status: "open" }}
          />
        )}
        {props.canManage && c.status === "open" && (
          <ActionButton
            ctx={ctx}
            action={`${base}/status`}
            label={t("circles.console.close")}
            fields={{ status: "closed" }}
          />
        )}
        {props.canManage && <a href={ctx.href(`${base}/edit`)}>{t("circles.console.editCircle")}</a>}
        <a href={ctx.href(`${base}/present`)}>{t("circles.console.present")}</a>
        <a href={ctx.href(`${base}/report`)}>{t("circles.console.report")}</a>
      </div>
      <details>
        <summary>{t("circles.console.qr")}</summary>
        <JoinQr url={props.joinUrl} label={t("circles.console.qrLabel", { url: props.joinUrl })} />
        <p dir="ltr">{props.joinUrl}</p>
      </details>

      <div data-live-region="" data-live-refresh="10">
        <p class="hint">{t("circles.console.liveHint")}</p>
        {view.questions.map((q) => {
          const responses = view.responses.filter((r) => r.questionId === q.id);
          const held = responses.filter((r) => r.status === "held");
          const clusters = view.clusters.filter((x) => x.questionId === q.id);
          const clusterFormId = `cluster-${q.id}`;
          return (
            <section
              key={q.id}
              aria-labelledby={`q-${q.id}`}
              class="circle-question-block"
              data-question={q.position}
            >
              <h2 id={`q-${q.id}`}>
                {q.position}. {q.text}
              </h2>
              <p>{t("circles.console.responseCount", { count: responses.length })}</p>
              {held.length > 0 && (
                <p class="panel-warning" data-held-count={held.length}>
                  {t("circles.console.held", { count: held.length })}
                </p>
              )}
              <form method="post" action={`${base}/clusters/suggest`} class="inline-form">
                <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                <input type="hidden" name="questionId" value={q.id} />
                <button type="submit" class="button button-secondary">
                  {t("circles.console.suggest")}
                </button>
              </form>
              {clusters.length > 0 && (
                <>
                  <h3>{t("circles.console.groups")}</h3>
                  <ul class="circle-clusters">
                    {clusters.map((x) => (
                      <ClusterBlock key={x.id} ctx={ctx} base={base} c={x} responses={byId} />
                    ))}
                  </ul>
                </>
              )}
              <h3>{t("circles.console.responsesHeading")}</h3>
              <ul class="circle-responses">
                {responses.map((r) => (
                  <ResponseCard key={r.id} ctx={ctx} base={base} r={r} clusterFormId={clusterFormId} />
                ))}
              </ul>
              {responses.length > 1 && (
                <form method="post" action={`${base}/clusters`} id={clusterFormId} class="stack">
                  <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                  <TextInput
                    name="name"
                    label={t("circles.console.newGroup")}
                    hint={t("circles.console.newGroupHint")}
                    errors={[]}
                    maxLength={120}
                  />
                  <div class="button-row">
                    <button type="submit" name="action" value="group" class="button button-secondary">
                      {t("circles.console.group")}
                    </button>
                    <button type="submit" name="action" value="merge" class="button button-secondary">
                      {t("circles.console.mergeTicked")}
                    </button>
                  </div>
                </form>
              )}
            </section>
          );
        })}
        <section aria-labelledby="who-heading">
          <h2 id="who-heading">{t("circles.console.who")}</h2>
          <ParticipantTables ctx={ctx} summary={view.participants} />
        </section>
      </div>

      <section aria-labelledby="reflections-heading">
        <h2 id="reflections-heading">{t("circles.console.reflections")}</h2>
        <form method="post" action={`${base}/reflections`} class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
          <TextArea
            name="commonThreads"
            label={t("circles.field.commonThreads")}
            errors={errors}
            value={c.commonThreads}
            rows={6}
          />
          <TextArea
            name="followUp"
            label={t("circles.field.followUp")}
            errors={errors}
            value={c.followUp}
            rows={4}
          />
          <button type="submit" class="button">
            {t("circles.console.saveReflections")}
          </button>
        </form>
      </section>

      {view.actions.length > 0 && (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("circles.console.actions")}</h2>
          <ul>
            {view.actions.map((a) => (
              <li key={a.id} data-action-kind={a.kind}>
                {a.kind === "library" && a.libraryItemId ? (
                  <a href={ctx.href(`/staff/library/${a.libraryItemId}`)}>{a.title}</a>
                ) : (
                  a.title
                )}{" "}
                <span class="hint">{t(`circles.actionKind.${a.kind}` as MessageKey)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {props.canManage && (
        <section aria-labelledby="visibility-heading">
          <h2 id="visibility-heading">{t("circles.field.reportVisibility")}</h2>
          <form method="post" action={`${base}/visibility`} class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
            <Choices
              type="radio"
              name="reportVisibility"
              label={t("circles.field.reportVisibility")}
              errors={[]}
              options={[
                { value: "members", label: t("circles.visibility.members") },
                { value: "public", label: t("circles.visibility.public") },
              ]}
              selected={[c.reportVisibility]}
            />
            <button type="submit" class="button button-secondary">
              {t("circles.console.saveVisibility")}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}
