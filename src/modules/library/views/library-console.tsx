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
import { ActionButton, Done } from "../../accounts/views/bits.tsx";
import { CONSENT_METHODS } from "../library-consent.service.ts";
import type { EditorialItem, Queue, QueueRow, VersionDiff } from "../library-console.service.ts";
import {
  DETAIL_FIELDS,
  EDITABLE_TYPES,
  type EditableType,
  type ItemContent,
  SUBMITTABLE_TYPES,
} from "../library-content.ts";
import { itemPath } from "../library-reading.service.ts";
import { AUDIENCES, LEVELS, TOPICS } from "../seed-content.ts";
import * as learnLabels from "./learn-parts.tsx";

// The library's vocabularies are labelled as on the public pages.
const typeLabel = (ctx: PageContext, type: string) => learnLabels.typeLabel(ctx.t, type);
const levelLabel = (ctx: PageContext, level: string) => learnLabels.levelLabel(ctx.t, level);
const audienceLabel = (ctx: PageContext, a: string) => learnLabels.audienceLabel(ctx.t, a);
const topicLabel = (ctx: PageContext, topic: string) => learnLabels.topicLabel(ctx.t, topic);
const statusLabel = (ctx: PageContext, status: string) => ctx.t(`library.status.${status}` as MessageKey);
const fieldLabel = (ctx: PageContext, field: string) => ctx.t(`library.field.${field}` as MessageKey);

function StatusTag({ ctx, status, pending }: { ctx: PageContext; status: string; pending: string | null }) {
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
function FileField({
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

/** One item in the console: its text as it stands, what may be done next, its consent, history and reviews. */
export function LibraryItemPage(props: {
  ctx: PageContext;
  item: EditorialItem;
  done?: string;
  errors: readonly FieldError[];
  /** A form's values to show again after an error (consent). */
  consentValues?: Readonly<Record<string, string>>;
}) {
  const { ctx, item, errors } = props;
  const { t } = ctx;
  const c = item.head;
  const base = `/staff/library/${item.id}`;
  const blocker = item.may.approveBlocker;
  return (
    <Layout ctx={ctx} title={c.title}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <p>
        <a href={ctx.href("/staff/library")}>{t("library.console.back")}</a>
      </p>
      <h1>{c.title}</h1>
      <Done message={props.done} />
      <dl class="facts">
        <dt>{t("library.console.type")}</dt>
        <dd>{typeLabel(ctx, item.type)}</dd>
        <dt>{t("library.console.status")}</dt>
        <dd data-status={item.status}>
          <StatusTag ctx={ctx} status={item.status} pending={item.pendingStatus} />
        </dd>
        <dt>{t("library.field.language")}</dt>
        <dd>{LANGUAGE_NAMES[item.language] ?? item.language}</dd>
        <dt>{t("library.console.version")}</dt>
        <dd>{item.headVersion}</dd>
        <dt>{t("library.console.author")}</dt>
        <dd>{item.authorName ?? t("library.console.team")}</dd>
        {item.status === "published" && (
          <>
            <dt>{t("library.console.publicPage")}</dt>
            <dd>
              <a href={ctx.href(itemPath(item.type, item.slug))}>{t("library.console.viewPublic")}</a>
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="actions-heading" class="panel">
        <h2 id="actions-heading">{t("library.console.next")}</h2>
        <div class="button-row">
          {item.may.edit && (
            <a class="button button-secondary" href={ctx.href(`${base}/edit`)}>
              {item.status === "published" ? t("library.console.revise") : t("library.console.edit")}
            </a>
          )}
          {item.may.submit && (
            <ActionButton ctx={ctx} action={`${base}/submit`} label={t("library.console.submit")} />
          )}
          {item.may.translate && (
            <a
              class="button button-secondary"
              href={ctx.href("/staff/library/new", { type: item.type, translationOf: item.id })}
            >
              {t("library.console.translate")}
            </a>
          )}
          {item.may.restore && (
            <ActionButton ctx={ctx} action={`${base}/restore`} label={t("library.console.restore")} />
          )}
          {item.may.archive && (
            <ActionButton ctx={ctx} action={`${base}/archive`} label={t("library.console.archive")} />
          )}
        </div>
        {blocker && (
          <p class="hint" data-approve-blocker={blocker}>
            {t(`library.blocker.${blocker}` as MessageKey)}
          </p>
        )}
        {item.may.approve && (
          <form method="post" action={`${base}/approve`} class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
            {item.type === "story" && (
              <>
                {item.identifiersFound.length > 0 && (
                  <div class="panel-warning" data-identifiers-found="">
                    <p>{t("library.console.identifiersFound")}</p>
                    <ul>
                      {item.identifiersFound.map((i) => (
                        <li key={`${i.type}:${i.raw}`} dir="ltr">
                          {i.raw}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                <Choices
                  type="checkbox"
                  name="anonymisationChecked"
                  label={t("library.console.anonymisationLegend")}
                  errors={errors}
                  options={[{ value: "yes", label: t("library.console.anonymisationChecked") }]}
                  selected={[]}
                />
              </>
            )}
            <TextArea name="comment" label={t("library.console.approveComment")} errors={[]} rows={2} />
            <button type="submit" class="button">
              {t("library.console.approve")}
            </button>
          </form>
        )}
        {item.may.requestChanges && (
          <form method="post" action={`${base}/changes`} class="stack">
            <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
            <TextArea
              name="changesComment"
              label={t("library.console.changesComment")}
              errors={errors.filter((e) => e.field === "changesComment")}
              rows={3}
            />
            <button type="submit" class="button button-secondary">
              {t("library.console.requestChanges")}
            </button>
          </form>
        )}
      </section>

      {item.type === "story" && item.may.consent && (
        <section aria-labelledby="consent-heading" class="panel" id="consent">
          <h2 id="consent-heading">{t("library.consent.title")}</h2>
          {item.consent && !item.consent.withdrawnAt ? (
            <>
              <dl class="facts" data-consent="given">
                <dt>{t("library.consent.method")}</dt>
                <dd>{t(`library.consent.method.${item.consent.method}` as MessageKey)}</dd>
                <dt>{t("library.consent.givenOn")}</dt>
                <dd>{item.consent.givenOn}</dd>
                <dt>{t("library.consent.scope")}</dt>
                <dd>{item.consent.scope || "—"}</dd>
                <dt>{t("library.consent.reference")}</dt>
                <dd>{item.consent.reference}</dd>
              </dl>
              <form method="post" action={`${base}/consent/withdraw`} class="stack">
                <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                <p class="hint">{t("library.consent.withdrawHint")}</p>
                <button type="submit" class="button button-warning">
                  {t("library.consent.withdraw")}
                </button>
              </form>
            </>
          ) : (
            <>
              {item.consent?.withdrawnAt && (
                <p class="panel-warning" data-consent="withdrawn">
                  {t("library.consent.withdrawnOn", { date: item.consent.withdrawnAt.slice(0, 10) })}
                </p>
              )}
              {!item.consent && <p data-consent="none">{t("library.consent.none")}</p>}
              <form method="post" action={`${base}/consent`} class="stack">
                <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                <Choices
                  type="radio"
                  name="method"
                  label={t("library.consent.method")}
                  errors={errors}
                  options={CONSENT_METHODS.map((m) => ({
                    value: m,
                    label: t(`library.consent.method.${m}` as MessageKey),
                  }))}
                  selected={[props.consentValues?.method ?? ""]}
                />
                <TextInput
                  name="givenOn"
                  label={t("library.consent.givenOn")}
                  hint={t("library.consent.givenOnHint")}
                  errors={errors}
                  value={props.consentValues?.givenOn ?? ""}
                />
                <TextArea
                  name="scope"
                  label={t("library.consent.scope")}
                  hint={t("library.consent.scopeHint")}
                  errors={errors}
                  value={props.consentValues?.scope ?? ""}
                  rows={2}
                />
                <TextInput
                  name="reference"
                  label={t("library.consent.reference")}
                  hint={t("library.consent.referenceHint")}
                  errors={errors}
                  value={props.consentValues?.reference ?? ""}
                />
                <button type="submit" class="button">
                  {t("library.consent.record")}
                </button>
              </form>
            </>
          )}
        </section>
      )}

      <section aria-labelledby="content-heading">
        <h2 id="content-heading">{t("library.console.content", { version: item.headVersion })}</h2>
        <dl class="facts">
          <dt>{t("library.field.summary")}</dt>
          <dd>{c.summary}</dd>
          <dt>{t("library.field.level")}</dt>
          <dd>{levelLabel(ctx, c.level)}</dd>
          <dt>{t("library.field.audiences")}</dt>
          <dd>{c.audiences.map((a) => audienceLabel(ctx, a)).join(", ")}</dd>
          <dt>{t("library.field.topics")}</dt>
          <dd>{c.topics.map((x) => topicLabel(ctx, x)).join(", ")}</dd>
          {c.countries.length > 0 && (
            <>
              <dt>{t("library.field.countries")}</dt>
              <dd>{c.countries.join(", ")}</dd>
            </>
          )}
          {c.details.fileId && (
            <>
              <dt>{t("library.field.file")}</dt>
              <dd>
                <a href={ctx.href(`/staff/library/files/${c.details.fileId}`)}>
                  {t("library.console.currentFile")}
                </a>
              </dd>
            </>
          )}
          {Object.entries(c.details)
            .filter(([k]) => k !== "fileId")
            .map(([k, v]) => (
              <>
                <dt key={`dt-${k}`}>{fieldLabel(ctx, k)}</dt>
                <dd key={`dd-${k}`} class="pre-line">
                  {v}
                </dd>
              </>
            ))}
        </dl>
        <h3>{t("library.field.body")}</h3>
        <div class="library-preview">
          <learnLabels.Prose markdown={c.body} language={item.language} />
        </div>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("library.console.history")}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t("library.console.version")}</th>
              <th scope="col">{t("library.field.title")}</th>
              <th scope="col">{t("library.console.editor")}</th>
              <th scope="col">{t("library.console.when")}</th>
              <th scope="col">{t("library.console.compare")}</th>
            </tr>
          </thead>
          <tbody>
            {item.versions.map((v, i) => {
              const older = item.versions[i + 1];
              return (
                <tr key={v.version} data-version={v.version}>
                  <td>{v.version}</td>
                  <td>{v.title}</td>
                  <td>{v.editorName ?? t("library.console.team")}</td>
                  <td>
                    <time dateTime={v.at}>{v.at.slice(0, 16).replace("T", " ")}</time>
                  </td>
                  <td>
                    {older && (
                      <a
                        href={ctx.href(`${base}/diff`, {
                          from: String(older.version),
                          to: String(v.version),
                        })}
                      >
                        {t("library.console.diffLink", { from: older.version, to: v.version })}
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">{t("library.console.reviews")}</h2>
        {item.reviews.length === 0 ? (
          <p>{t("library.console.noReviews")}</p>
        ) : (
          <ol class="timeline" reversed>
            {item.reviews.map((r) => (
              <li key={`${r.at}-${r.decision}`} data-review={r.decision}>
                <strong>{t(`library.decision.${r.decision}` as MessageKey)}</strong>
                {" · "}
                {r.editorName ?? t("library.console.team")}
                {" · "}
                <time dateTime={r.at}>{r.at.slice(0, 16).replace("T", " ")}</time>
                {" · "}
                {t("library.console.versionN", { version: r.version })}
                {r.anonymisationChecked && <span> · {t("library.console.anonymisationDone")}</span>}
                {r.comment && <p class="pre-line">{r.comment}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </Layout>
  );
}

/** Two versions side by side as one text: removed words struck through, added words underlined. */
export function LibraryDiffPage(props: {
  ctx: PageContext;
  itemId: string;
  title: string;
  diff: VersionDiff;
}) {
  const { ctx, diff } = props;
  const { t } = ctx;
  const changed = diff.fields.filter((f) => f.changed);
  const heading = t("library.console.diffTitle", { from: diff.from, to: diff.to });
  return (
    <Layout ctx={ctx} title={heading}>
      <p>
        <a href={ctx.href(`/staff/library/${props.itemId}`)}>{props.title}</a>
      </p>
      <h1>{heading}</h1>
      <p class="hint">{t("library.console.diffLegend")}</p>
      {changed.length === 0 && <p>{t("library.console.diffNone")}</p>}
      {changed.map((f) => (
        <section key={f.field} aria-labelledby={`diff-${f.field}`} class="diff">
          <h2 id={`diff-${f.field}`}>{fieldLabel(ctx, f.field)}</h2>
          <p class="diff-text">
            {f.parts.map((part, i) =>
              part.added ? (
                <ins key={i}>{part.value}</ins>
              ) : part.removed ? (
                <del key={i}>{part.value}</del>
              ) : (
                <span key={i}>{part.value}</span>
              ),
            )}
          </p>
        </section>
      ))}
    </Layout>
  );
}
