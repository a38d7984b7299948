import type { MessageKey } from "../../../platform/i18n/i18n.ts";
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
import { Done } from "../../accounts/views/bits.tsx";
import type { Queue, QueueRow } from "../library-console.service.ts";
import {
  DETAIL_FIELDS,
  EDITABLE_TYPES,
  type EditableType,
  type ItemContent,
  SUBMITTABLE_TYPES,
} from "../library-content.ts";
import { AUDIENCES, LEVELS, TOPICS } from "../seed-content.ts";
import * as learnLabels from "./learn-parts.tsx";

// The library's vocabularies are labelled as on the public pages.
export const typeLabel = (ctx: PageContext, type: string) => learnLabels.typeLabel(ctx.t, type);
export const levelLabel = (ctx: PageContext, level: string) => learnLabels.levelLabel(ctx.t, level);
export const audienceLabel = (ctx: PageContext, a: string) => learnLabels.audienceLabel(ctx.t, a);
export const topicLabel = (ctx: PageContext, topic: string) => learnLabels.topicLabel(ctx.t, topic);
export const statusLabel = (ctx: PageContext, status: string) =>
  ctx.t(`library.status.${status}` as MessageKey);
export const fieldLabel = (ctx: PageContext, field: string) => ctx.t(`library.field.${field}` as MessageKey);

export function StatusTag({
  ctx,
  status,
  pending,
}: {
  ctx: PageContext;
  status: string;
  pending: string | null;
}) {
  return (
    <span class={`tag tag-${status}`}>
      {statusLabel(ctx, status)}
      {pending && ` · ${ctx.t("library.console.revision", { status: statusLabel(ctx, pending) })}`}
    </span>
  );
}

/** The editorial queues (editors) or one's own submissions (everyone else), with the ways to start an item. */
export function LibraryQueuePage(props: {
  ctx: PageContext;
  editor: boolean;
  queue: Queue;
  rows: readonly QueueRow[];
  done?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const queues: readonly Queue[] = props.editor
    ? ["in_review", "draft", "revising", "published", "archived", "mine"]
    : [];
  const types = props.editor ? EDITABLE_TYPES : SUBMITTABLE_TYPES;
  return (
    <Layout ctx={ctx} title={t("library.console.title")}>
      <h1>{props.editor ? t("library.console.title") : t("library.console.mineTitle")}</h1>
      <Done message={props.done} />
      <p>{props.editor ? t("library.console.introEditor") : t("library.console.introMember")}</p>
      <nav aria-label={t("library.console.startLabel")} class="button-row">
        {types.map((type) => (
          <a key={type} class="button button-secondary" href={ctx.href("/staff/library/new", { type })}>
            {t("library.console.new", { type: typeLabel(ctx, type) })}
          </a>
        ))}
      </nav>
      {queues.length > 0 && (
        <nav aria-label={t("library.console.queuesLabel")} class="tabs">
          <ul>
            {queues.map((q) => (
              <li key={q}>
                <a
                  href={ctx.href("/staff/library", { queue: q })}
                  aria-current={q === props.queue ? "page" : undefined}
                >
                  {t(`library.queue.${q}` as MessageKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <h2 id="queue-heading">{t(`library.queue.${props.queue}` as MessageKey)}</h2>
      {props.rows.length === 0 ? (
        <p data-empty="">{t("library.console.empty")}</p>
      ) : (
        <table class="table" aria-labelledby="queue-heading">
          <thead>
            <tr>
              <th scope="col">{t("library.field.title")}</th>
              <th scope="col">{t("library.console.type")}</th>
              <th scope="col">{t("library.field.language")}</th>
              <th scope="col">{t("library.console.status")}</th>
              <th scope="col">{t("library.console.author")}</th>
              <th scope="col">{t("library.console.updated")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.id} data-library-row={r.id}>
                <td>
                  <a href={ctx.href(`/staff/library/${r.id}`)}>{r.title}</a>
                </td>
                <td>{typeLabel(ctx, r.type)}</td>
                <td>{LANGUAGE_NAMES[r.language] ?? r.language}</td>
                <td>
                  <StatusTag ctx={ctx} status={r.status} pending={r.pendingStatus} />
                </td>
                <td>
                  {r.authorName ?? t("library.console.team")}
                  {r.organisationName && <span class="hint"> · {r.organisationName}</span>}
                </td>
                <td>
                  <time dateTime={r.updatedAt}>{r.updatedAt.slice(0, 10)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export interface FormValues extends ItemContent {
  readonly language: string;
}

/** The form to write or revise an item; type-specific fields follow the text. */
export function LibraryFormPage(props: {
  ctx: PageContext;
  type: EditableType;
  values: FormValues;
  errors: readonly FieldError[];
  /** Absent for a new item. */
  item?: { id: string; baseVersion: number; published: boolean };
  translationOf?: string;
  /** A conversation circle's response or group this starts from (`circle:<id>:response:<id>`). */
  origin?: string;
}) {
  const { ctx, type, values, errors } = props;
  const { t } = ctx;
  const action = props.item ? `/staff/library/${props.item.id}/edit` : "/staff/library/new";
  const heading = props.item
    ? t("library.console.editTitle", { title: values.title })
    : t("library.console.new", { type: typeLabel(ctx, type) });
  const option = (value: string, label: string) => ({ value, label });
  return (
    <Layout ctx={ctx} title={heading}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{heading}</h1>
      {props.item?.published && <p class="panel-info">{t("library.console.revisionNote")}</p>}
      {type === "story" && <p class="panel-info">{t("library.console.storyNote")}</p>}
      {props.origin && <p class="panel-info">{t("library.console.fromCircle")}</p>}
      <form
        method="post"
        action={action}
        class="library-form"
        novalidate
        {...(type === "resource" ? { enctype: "multipart/form-data" } : {})}
      >
        <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
        <input type="hidden" name="type" value={type} />
        {props.item && <input type="hidden" name="baseVersion" value={String(props.item.baseVersion)} />}
        {props.translationOf && <input type="hidden" name="translationOf" value={props.translationOf} />}
        {props.origin && <input type="hidden" name="origin" value={props.origin} />}
        {!props.item && (
          <Select
            name="language"
            label={t("library.field.language")}
            errors={errors}
            value={values.language}
            options={Object.entries(LANGUAGE_NAMES).map(([code, name]) => option(code, name))}
          />
        )}
        <TextInput
          name="title"
          label={t("library.field.title")}
          errors={errors}
          value={values.title}
          maxLength={200}
        />
        <TextArea
          name="summary"
          label={t("library.field.summary")}
          hint={t("library.hint.summary")}
          errors={errors}
          value={values.summary}
          rows={3}
          maxLength={600}
        />
        <TextArea
          name="body"
          label={t("library.field.body")}
          hint={t("library.hint.body")}
          errors={errors}
          value={values.body}
          rows={18}
        />
        {DETAIL_FIELDS[type].map((field) =>
          ["problem", "actions", "evidence", "sources", "contentNote"].includes(field) ? (
            <TextArea
              key={field}
              name={`details.${field}`}
              label={fieldLabel(ctx, field)}
              hint={field === "contact" ? t("library.hint.contact") : undefined}
              errors={errors}
              value={values.details[field] ?? ""}
              rows={4}
            />
          ) : (
            <TextInput
              key={field}
              name={`details.${field}`}
              label={fieldLabel(ctx, field)}
              hint={
                field === "contact"
                  ? t("library.hint.contact")
                  : field === "url"
                    ? t("library.hint.url")
                    : undefined
              }
              errors={errors}
              value={values.details[field] ?? ""}
            />
          ),
        )}
        {type === "resource" && <FileField ctx={ctx} errors={errors} fileId={values.details.fileId} />}
        <Choices
          type="radio"
          name="level"
          label={t("library.field.level")}
          errors={errors}
          options={LEVELS.map((l) => option(l, levelLabel(ctx, l)))}
          selected={[values.level]}
          inline
        />
        <Choices
          type="checkbox"
          name="audiences"
          label={t("library.field.audiences")}
          errors={errors}
          options={AUDIENCES.map((a) => option(a, audienceLabel(ctx, a)))}
          selected={values.audiences}
        />
        <Choices
          type="checkbox"
          name="topics"
          label={t("library.field.topics")}
          errors={errors}
          options={TOPICS.map((x) => option(x, topicLabel(ctx, x)))}
          selected={values.topics}
        />
        <TextInput
          name="countries"
          label={t("library.field.countries")}
          hint={t("library.hint.countries")}
          errors={errors}
          value={values.countries.join(", ")}
        />
        <div class="button-row">
          <button type="submit" class="button">
            {t("library.console.save")}
          </button>
          <a href={ctx.href(props.item ? `/staff/library/${props.item.id}` : "/staff/library")}>
            {t("library.console.cancel")}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** A resource's file: the one it has (with a way to remove it), and a file input to send a new one. */
export function FileField({
  ctx,
  errors,
  fileId,
}: {
  ctx: PageContext;
  errors: readonly FieldError[];
  fileId?: string;
}) {
  const { t } = ctx;
  const error = errors.find((e) => e.field === "file")?.message;
  return (
    <div class={`field${error ? " field-error" : ""}`}>
      <label for="f-file">{t("library.field.file")}</label>
      <p class="hint" id="f-file-hint">
        {t("library.hint.file")}
      </p>
      {error && (
        <p class="error-message" id="f-file-error">
          {error}
        </p>
      )}
      {fileId && (
        <p>
          <a href={ctx.href(`/staff/library/files/${fileId}`)}>{t("library.console.currentFile")}</a>{" "}
          <input type="checkbox" id="f-removeFile" name="removeFile" value="yes" />{" "}
          <label for="f-removeFile">{t("library.console.removeFile")}</label>
        </p>
      )}
      <input
        type="file"
        id="f-file"
        name="file"
        accept=".pdf,.docx,.xlsx,.odt,.ods,.png,.jpg,.jpeg,.csv,.txt"
        aria-describedby={error ? "f-file-hint f-file-error" : "f-file-hint"}
        aria-invalid={error ? "true" : undefined}
      />
    </div>
  );
}
