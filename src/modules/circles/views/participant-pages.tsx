import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import { ErrorSummary, type FieldError, Select, TextArea } from "../../../platform/views/components.tsx";
import type { PageContext } from "../../../platform/views/context.ts";
import { LANGUAGE_NAMES, Layout } from "../../../platform/views/layout.tsx";
import type { PublicCircle, QuestionView } from "../participation.service.ts";
import { reportDate } from "../report-labels.ts";
import { AGE_GROUPS, KNOWLEDGE, SECTORS } from "../report-model.ts";

/** The circle's date and time as the coordinator gave them (its local time), in the reader's language. */
export function circleWhen(ctx: PageContext, startsAt: string): string {
  return reportDate(ctx.i18n.locale, startsAt);
}

/** Never name or describe a victim: shown on every page where people write. */
function Reminder({ ctx }: { ctx: PageContext }) {
  return (
    <p class="panel-warning circle-reminder" role="note">
      {ctx.t("circles.join.reminder")}
    </p>
  );
}

/** `/circles/join`: type the code shown on screen. */
export function JoinCodePage({ ctx, code, error }: { ctx: PageContext; code: string; error?: string }) {
  const { t } = ctx;
  const errors: FieldError[] = error ? [{ field: "code", message: error }] : [];
  return (
    <Layout ctx={ctx} title={t("circles.join.title")}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <h1>{t("circles.join.title")}</h1>
      <p>{t("circles.join.intro")}</p>
      <form method="get" action="/circles/join" class="circle-code-form">
        {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
        <div class={`field${error ? " field-error" : ""}`}>
          <label for="f-code">{t("circles.join.codeLabel")}</label>
          <p class="hint" id="f-code-hint">
            {t("circles.join.codeHint")}
          </p>
          {error && (
            <p class="error-message" id="f-code-error">
              {error}
            </p>
          )}
          <input
            id="f-code"
            name="code"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="circle-code-input"
            aria-describedby={error ? "f-code-hint f-code-error" : "f-code-hint"}
            aria-invalid={error ? "true" : undefined}
          />
        </div>
        <button type="submit" class="button">
          {t("circles.join.go")}
        </button>
      </form>
    </Layout>
  );
}

/** What a circle is about, and joining it (with optional, broad self-descriptions). */
export function CircleLandingPage({
  ctx,
  circle,
  joined,
}: {
  ctx: PageContext;
  circle: PublicCircle;
  joined: boolean;
}) {
  const { t } = ctx;
  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}.${v}` as MessageKey) });
  const base = `/circles/${circle.code}`;
  return (
    <Layout ctx={ctx} title={circle.title}>
      <h1>{circle.title}</h1>
      {circle.topic && <p class="lead">{circle.topic}</p>}
      <dl class="facts">
        <dt>{t("circles.join.when")}</dt>
        <dd>{circleWhen(ctx, circle.startsAt)}</dd>
        <dt>{t("circles.join.where")}</dt>
        <dd>{circle.online ? t("circles.join.online") : circle.place}</dd>
        <dt>{t("circles.join.moderator")}</dt>
        <dd>
          {circle.moderator.name}
          {circle.moderator.affiliation && `, ${circle.moderator.affiliation}`}
        </dd>
      </dl>
      <h2>{t("circles.join.questions")}</h2>
      <ol class="circle-questions">
        {circle.questions.map((q) => (
          <li key={q.id}>{q.text}</li>
        ))}
      </ol>
      <Reminder ctx={ctx} />
      {circle.status === "closed" ? (
        <p class="panel-info" data-circle-closed="">
          {t("circles.join.closed")}
        </p>
      ) : joined ? (
        <p>
          <a class="button" href={ctx.href(`${base}/q/1`)}>
            {t("circles.join.continue")}
          </a>
        </p>
      ) : (
        <form method="post" action={`${base}/join`} class="stack">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
          {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
          <h2>{t("circles.join.aboutYou")}</h2>
          <p class="hint">{t("circles.join.aboutYouHint")}</p>
          <Select
            name="ageGroup"
            label={t("circles.join.ageGroup")}
            errors={[]}
            placeholder={t("circles.join.notSay")}
            options={AGE_GROUPS.map(option("circles.age"))}
          />
          <Select
            name="knowledge"
            label={t("circles.join.knowledge")}
            errors={[]}
            placeholder={t("circles.join.notSay")}
            options={KNOWLEDGE.map(option("circles.knowledge"))}
          />
          <Select
            name="sector"
            label={t("circles.join.sector")}
            errors={[]}
            placeholder={t("circles.join.notSay")}
            options={SECTORS.map(option("circles.sector"))}
          />
          <button type="submit" class="button">
            {t("circles.join.join")}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** One question: add a response, see one's own, then everyone else's with a +1 each. */
export function QuestionPage({
  ctx,
  circle,
  view,
  text,
  language,
  errors,
  done,
}: {
  ctx: PageContext;
  circle: PublicCircle;
  view: QuestionView;
  text: string;
  language: string;
  errors: readonly FieldError[];
  done?: "saved" | "held" | "supported";
}) {
  const { t } = ctx;
  const q = view.question;
  const total = circle.questions.length;
  const base = `/circles/${circle.code}`;
  const open = circle.status === "open";
  const languages = circle.languages.includes(language) ? circle.languages : [language, ...circle.languages];
  return (
    <Layout ctx={ctx} title={`${t("circles.q.progress", { n: q.position, total })} · ${circle.title}`}>
      <ErrorSummary title={t("report.errorSummary")} errors={errors} />
      <p class="progress">{t("circles.q.progress", { n: q.position, total })}</p>
      <h1 class="circle-question">{q.text}</h1>
      {done && (
        <p class={done === "held" ? "panel-info" : "panel-success"} role="status" data-done={done}>
          {t(`circles.q.done.${done}` as MessageKey)}
        </p>
      )}
      {view.mine.length > 0 && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">{t("circles.q.mine")}</h2>
          <ul class="circle-responses">
            {view.mine.map((r) => (
              <li key={r.id} data-my-response={r.id}>
                <p class="pre-line">{r.text}</p>
                {r.held && <p class="hint">{t("circles.q.heldNote")}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!open && text && (
        <div class="panel-info" data-unsent="">
          <p>{t("circles.q.unsent")}</p>
          <p class="pre-line">{text}</p>
        </div>
      )}
      {open && (
        <form method="post" action={`${base}/q/${q.position}`} class="stack" id="respond">
          <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
          {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
          <Reminder ctx={ctx} />
          <TextArea
            name="text"
            label={view.mine.length > 0 ? t("circles.q.another") : t("circles.q.yourResponse")}
            hint={t("circles.q.hint")}
            errors={errors}
            value={text}
            rows={4}
            maxLength={1000}
          />
          <Select
            name="language"
            label={t("circles.q.language")}
            errors={errors}
            value={language}
            options={languages.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
          />
          <button type="submit" class="button">
            {t("circles.q.add")}
          </button>
        </form>
      )}
      {view.others ? (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">{t("circles.q.others", { count: view.others.length })}</h2>
          {view.others.length === 0 ? (
            <p>{t("circles.q.noOthers")}</p>
          ) : (
            <ul class="circle-responses">
              {view.others.map((r) => (
                <li key={r.id} id={`r-${r.id}`} data-response={r.id}>
                  <p class="pre-line" lang={r.language}>
                    {r.text}
                  </p>
                  <p class="circle-support">
                    <span data-supports={r.supports}>{t("circles.q.supports", { count: r.supports })}</span>
                    {r.supported ? (
                      <span class="tag">{t("circles.q.youSupport")}</span>
                    ) : (
                      open && (
                        <form method="post" action={`${base}/q/${q.position}/support`} class="inline-form">
                          <input type="hidden" name="_csrf" value={ctx.csrf ?? ""} />
                          <input type="hidden" name="responseId" value={r.id} />
                          {ctx.chosenLocale && <input type="hidden" name="lang" value={ctx.chosenLocale} />}
                          <button type="submit" class="button button-secondary">
                            {t("circles.q.support")}
                            <span class="visually-hidden">: {r.text.slice(0, 60)}</span>
                          </button>
                        </form>
                      )
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : (
        <p class="hint">{t("circles.q.answerFirst")}</p>
      )}
      <nav class="button-row" aria-label={t("circles.q.nav")}>
        {q.position > 1 && <a href={ctx.href(`${base}/q/${q.position - 1}`)}>{t("circles.q.previous")}</a>}
        {q.position < total ? (
          <a class="button button-secondary" href={ctx.href(`${base}/q/${q.position + 1}`)}>
            {t("circles.q.next")}
          </a>
        ) : (
          <a class="button button-secondary" href={ctx.href(`${base}/thanks`)}>
            {t("circles.q.finish")}
          </a>
        )}
      </nav>
    </Layout>
  );
}

export function ThanksPage({ ctx, circle }: { ctx: PageContext; circle: PublicCircle }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("circles.thanks.title")}>
      <h1>{t("circles.thanks.title")}</h1>
      <p>{t("circles.thanks.text")}</p>
      <p>
        <a href={ctx.href(`/circles/${circle.code}/q/1`)}>{t("circles.thanks.back")}</a>
      </p>
      <p>
        <a href={ctx.href("/learn")}>{t("circles.thanks.learn")}</a>
      </p>
    </Layout>
  );
}
