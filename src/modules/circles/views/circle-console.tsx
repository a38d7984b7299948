import { generate } from "lean-qr";
import { toSvgPath } from "lean-qr/extras/svg";
import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { LOCALES } from "../../../platform/i18n/i18n.ts";
import {
  Choices,
  ErrorSummary,
  type FieldError,
  Select,
  TextArea,
  TextInput,
} from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES, Layout } from "../../../platform/views/layout.tsx";
import { ActionButton, Done } from "../../accounts/views/bits.tsx";
import { THEMES } from "../circles.service.ts";
import type { FacilitatorCluster, FacilitatorResponse, facilitatorView } from "../facilitation.service.ts";
import { participantTables, themeLabel as reportThemeLabel, type Translate } from "../report-labels.ts";
import type { CircleReport, ForumReport, ParticipantSummary } from "../report-model.ts";
import { CircleReportBody, ForumReportBody } from "./circle-report.tsx";
import { circleWhen } from "./participant-pages.tsx";

type View = Awaited<ReturnType<typeof facilitatorView>>;

const themeLabel = (ctx: PageContext, theme: string) => reportThemeLabel(ctx.t, theme);

/** A QR code of the join address, drawn on the server as SVG (no script, no image request). */
export function JoinQr({ url, label }: { url: string; label: string }) {
  const code = generate(url);
  const size = code.size + 8;
  return (
    <svg
      class="circle-qr"
      viewBox={`-4 -4 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      data-join-qr=""
    >
      <rect x={-4} y={-4} width={size} height={size} fill="#fff" />
      <path d={toSvgPath(code)} fill="#000" />
    </svg>
  );
}

/** The organisation's circles and forums, and the ways to start one. */
export function CirclesOverviewPage(props: {
  ctx: PageContext;
  canManage: boolean;
  circles: readonly {
    id: string;
    title: string;
    startsAt: string;
    status: string;
    forumTitle: string | null;
    participants: number;
    responses: number;
  }[];
  forums: readonly { id: string; title: string }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("circles.console.title")}>
      <h1>{t("circles.console.title")}</h1>
      <p>{t("circles.console.intro")}</p>
      {props.canManage && (
        <div class="button-row">
          <a class="button" href={ctx.href("/staff/circles/new")}>
            {t("circles.console.newCircle")}
          </a>
          <a class="button button-secondary" href={ctx.href("/staff/forums/new")}>
            {t("circles.console.newForum")}
          </a>
        </div>
      )}
      <h2 id="circles-heading">{t("circles.console.circles")}</h2>
      {props.circles.length === 0 ? (
        <p>{t("circles.console.none")}</p>
      ) : (
        <table class="table" aria-labelledby="circles-heading">
          <thead>
            <tr>
              <th scope="col">{t("circles.field.title")}</th>
              <th scope="col">{t("circles.console.when")}</th>
              <th scope="col">{t("circles.console.status")}</th>
              <th scope="col">{t("circles.console.forum")}</th>
              <th scope="col">{t("circles.console.people")}</th>
              <th scope="col">{t("circles.console.responses")}</th>
            </tr>
          </thead>
          <tbody>
            {props.circles.map((c) => (
              <tr key={c.id} data-circle-row={c.id}>
                <td>
                  <a href={ctx.href(`/staff/circles/${c.id}`)}>{c.title}</a>
                </td>
                <td>{circleWhen(ctx, c.startsAt)}</td>
                <td>{t(`circles.status.${c.status}` as MessageKey)}</td>
                <td>{c.forumTitle ?? "—"}</td>
                <td>{c.participants}</td>
                <td>{c.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.forums.length > 0 && (
        <>
          <h2>{t("circles.console.forums")}</h2>
          <ul>
            {props.forums.map((f) => (
              <li key={f.id}>
                <a href={ctx.href(`/staff/forums/${f.id}`)}>{f.title}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export interface CircleFormValues {
  readonly title: string;
  readonly topic: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly online: boolean;
  readonly moderatorName: string;
  readonly moderatorAffiliation: string;
  readonly languages: readonly string[];
  readonly questions: string;
  readonly forumId: string;
  readonly reportVisibility: string;
}

/** The form to create a circle, or (with `circleId`) to correct one. */
export function NewCirclePage(props: {
  ctx: PageContext;
  values: CircleFormValues;
  errors: readonly FieldError[];
  forums: readonly { id: string; title: string }[];
  circleId?: string;
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const heading = props.circleId ? t("circles.console.editCircle") : t("circles.console.newCircle");
  return (
    <Layout ctx={ctx} title={heading}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{heading}</h1>
      {props.circleId && <p class="hint">{t("circles.console.editHint")}</p>}
      <form
        method="post"
        action={props.circleId ? `/staff/circles/${props.circleId}/edit` : "/staff/circles/new"}
        class="stack"
        novalidate
      >
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="title"
          label={t("circles.field.title")}
          errors={errors}
          value={values.title}
          maxLength={200}
        />
        <TextInput
          name="topic"
          label={t("circles.field.topic")}
          errors={errors}
          value={values.topic}
          maxLength={300}
        />
        <TextInput
          name="date"
          label={t("circles.field.date")}
          hint={t("circles.hint.date")}
          errors={errors}
          value={values.date}
        />
        <TextInput
          name="time"
          label={t("circles.field.time")}
          hint={t("circles.hint.time")}
          errors={errors}
          value={values.time}
        />
        <TextInput
          name="place"
          label={t("circles.field.place")}
          errors={errors}
          value={values.place}
          maxLength={300}
        />
        <Choices
          type="checkbox"
          name="online"
          label={t("circles.field.onlineLegend")}
          errors={errors}
          options={[{ value: "yes", label: t("circles.field.online") }]}
          selected={values.online ? ["yes"] : []}
        />
        <TextInput
          name="moderatorName"
          label={t("circles.field.moderatorName")}
          errors={errors}
          value={values.moderatorName}
          maxLength={200}
        />
        <TextInput
          name="moderatorAffiliation"
          label={t("circles.field.moderatorAffiliation")}
          errors={errors}
          value={values.moderatorAffiliation}
          maxLength={200}
        />
        <Choices
          type="checkbox"
          name="languages"
          label={t("circles.field.languages")}
          hint={t("circles.hint.languages")}
          errors={errors}
          options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
          selected={values.languages}
          inline
        />
        <TextArea
          name="questions"
          label={t("circles.field.questions")}
          hint={t("circles.hint.questions")}
          errors={errors}
          value={values.questions}
          rows={6}
        />
        {props.forums.length > 0 && (
          <Select
            name="forumId"
            label={t("circles.field.forum")}
            errors={errors}
            value={values.forumId}
            placeholder={t("circles.field.noForum")}
            options={props.forums.map((f) => ({ value: f.id, label: f.title }))}
          />
        )}
        <Choices
          type="radio"
          name="reportVisibility"
          label={t("circles.field.reportVisibility")}
          errors={errors}
          options={[
            { value: "members", label: t("circles.visibility.members") },
            { value: "public", label: t("circles.visibility.public") },
          ]}
          selected={[values.reportVisibility]}
        />
        <button type="submit" class="button">
          {props.circleId ? t("circles.console.saveCircle") : t("circles.console.create")}
        </button>
      </form>
    </Layout>
  );
}

export function NewForumPage(props: {
  ctx: PageContext;
  values: { title: string; language: string };
  errors: readonly FieldError[];
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("circles.console.newForum")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("circles.console.newForum")}</h1>
      <p>{t("circles.console.forumIntro")}</p>
      <form method="post" action="/staff/forums/new" class="stack" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <TextInput
          name="title"
          label={t("circles.field.title")}
          errors={errors}
          value={values.title}
          maxLength={200}
        />
        <Select
          name="language"
          label={t("circles.field.reportLanguage")}
          errors={errors}
          value={values.language}
          options={LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
        />
        <button type="submit" class="button">
          {t("circles.console.create")}
        </button>
      </form>
    </Layout>
  );
}

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
function ResponseCard({
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

function ClusterBlock({
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

/** A page to put on the projector: the code, large, and the QR code. */
export function PresentPage({
  ctx,
  title,
  code,
  joinUrl,
}: {
  ctx: PageContext;
  title: string;
  code: string;
  joinUrl: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <div class="circle-present">
        <h1>{title}</h1>
        <p>{t("circles.present.instructions")}</p>
        <p class="circle-join-code">{code}</p>
        <JoinQr url={joinUrl} label={t("circles.console.qrLabel", { url: joinUrl })} />
        <p dir="ltr">{joinUrl}</p>
      </div>
    </Layout>
  );
}

/** Where a report can be downloaded: Markdown, Word, PDF. */
function Downloads({ ctx, base }: { ctx: PageContext; base: string }) {
  const { t } = ctx;
  return (
    <nav aria-label={t("circles.console.downloads")} class="button-row report-downloads">
      <a href={ctx.href(`${base}.pdf`)}>{t("circles.console.downloadPdf")}</a>
      <a href={ctx.href(`${base}.docx`)}>{t("circles.console.downloadDocx")}</a>
      <a href={ctx.href(`${base}.md`)}>{t("circles.console.downloadMd")}</a>
    </nav>
  );
}

/** The circle report on the site, with the ways to download it. */
export function CircleReportScreen(props: {
  ctx: PageContext;
  report: CircleReport;
  t: Translate;
  base: string;
  back?: string;
}) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t("circles.report.pageTitle")}>
      {props.back && (
        <p>
          <a href={ctx.href(props.back)}>{ctx.t("circles.console.backToCircle")}</a>
        </p>
      )}
      <Downloads ctx={ctx} base={props.base} />
      <CircleReportBody report={props.report} t={props.t} />
    </Layout>
  );
}

/** A forum: its circles, a way to add one, and the forum report merged from them. */
export function ForumScreen(props: {
  ctx: PageContext;
  forum: { id: string; title: string };
  circles: readonly { id: string; title: string; startsAt: string; status: string }[];
  canManage: boolean;
  report: ForumReport;
  t: Translate;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const base = `/staff/forums/${props.forum.id}/report`;
  return (
    <Layout ctx={ctx} title={props.forum.title}>
      <p>
        <a href={ctx.href("/staff/circles")}>{t("circles.console.back")}</a>
      </p>
      <h1>{props.forum.title}</h1>
      <h2 id="forum-circles">{t("circles.console.circles")}</h2>
      {props.circles.length === 0 ? (
        <p>{t("circles.console.none")}</p>
      ) : (
        <ul aria-labelledby="forum-circles">
          {props.circles.map((c) => (
            <li key={c.id}>
              <a href={ctx.href(`/staff/circles/${c.id}`)}>{c.title}</a> · {circleWhen(ctx, c.startsAt)} ·{" "}
              {t(`circles.status.${c.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      )}
      {props.canManage && (
        <p>
          <a class="button button-secondary" href={ctx.href("/staff/circles/new", { forum: props.forum.id })}>
            {t("circles.console.newCircleInForum")}
          </a>
        </p>
      )}
      <Downloads ctx={ctx} base={base} />
      <ForumReportBody report={props.report} t={props.t} />
    </Layout>
  );
}

export function PdfUnavailablePage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t("circles.report.pageTitle")}>
      <h1>{ctx.t("circles.report.pageTitle")}</h1>
      <p role="alert">{ctx.t("circles.report.pdfUnavailable")}</p>
    </Layout>
  );
}
