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
import { themeLabel as reportThemeLabel } from "../report-labels.ts";
import { circleWhen } from "./participant-pages.tsx";

export const themeLabel = (ctx: PageContext, theme: string) => reportThemeLabel(ctx.t, theme);

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
