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
import { CONSENT_METHODS } from "../library-consent.service.ts";
import type { EditorialItem, VersionDiff } from "../library-console.service.ts";
import { itemPath } from "../library-reading.service.ts";
import * as learnLabels from "./learn-parts.tsx";
import {
  audienceLabel,
  fieldLabel,
  levelLabel,
  StatusTag,
  topicLabel,
  typeLabel,
} from "./library-console.tsx";

/** One library item in the console (its text, next steps, consent, history, reviews) and a diff of two versions. */

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
