import type { ComponentChildren } from "preact";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import {
  groupHeading,
  isRtl,
  lines,
  participantTables,
  reportDate,
  shownCount,
  type Translate,
  themeLabel,
} from "../report-labels.ts";
import type {
  CircleReport,
  ForumReport,
  ParticipantSummary,
  ReportGroup,
  ReportQuestion,
} from "../report-model.ts";
import { REPORT_DOCUMENT_CSS } from "./report-document-css.ts";

interface ReportProps<R> {
  readonly report: R;
  /** Labels in the report's language (`i18n(report.language).t`), whatever the visitor's language. */
  readonly t: Translate;
}

/** The facilitator's plain text as paragraphs, or "Nothing recorded." */
function Paragraphs({ t, text }: { t: Translate; text: string }) {
  const paragraphs = lines(text);
  if (paragraphs.length === 0) return <p class="report-empty">{t("circles.report.noneRecorded")}</p>;
  return (
    <>
      {paragraphs.map((line, i) => (
        <p key={i} dir="auto">
          {line}
        </p>
      ))}
    </>
  );
}

function Group({ t, group, id }: { t: Translate; group: ReportGroup; id: string }) {
  return (
    <section class={`report-group report-group-${group.kind}`} aria-labelledby={id}>
      <h4 id={id}>
        <span dir="auto">{groupHeading(t, group)}</span>{" "}
        <span class="report-support">({t("circles.report.supports", { count: group.supports })})</span>
      </h4>
      <ul class="report-responses">
        {group.responses.map((r) => {
          const themes = r.themes.filter((code) => !(group.kind === "theme" && code === group.label));
          return (
            <li key={r.id} class="report-response">
              <span class="report-response-text" lang={r.language} dir="auto">
                {r.text}
              </span>{" "}
              <span class="report-support">{t("circles.report.supports", { count: r.supports })}</span>
              {themes.length > 0 && (
                <span class="report-themes">{themes.map((code) => themeLabel(t, code)).join(" · ")}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Question({ t, question }: { t: Translate; question: ReportQuestion }) {
  const id = `report-question-${question.position}`;
  return (
    <section class="report-question" aria-labelledby={id}>
      <h3 id={id}>
        <span class="report-question-number">
          {t("circles.report.question", { position: question.position })}
        </span>{" "}
        <span dir="auto">{question.text}</span>
      </h3>
      <p class="report-count">{t("circles.report.responseCount", { count: question.responseCount })}</p>
      {question.groups.length === 0 ? (
        <p class="report-empty">{t("circles.report.noResponses")}</p>
      ) : (
        question.groups.map((group, i) => (
          <Group key={`${group.kind}-${i}`} t={t} group={group} id={`${id}-group-${i + 1}`} />
        ))
      )}
    </section>
  );
}

/** Who took part: the total, then one table per self-description; suppressed counts read "fewer than 5". */
function Participants({ t, summary }: { t: Translate; summary: ParticipantSummary }) {
  return (
    <section class="report-participants" aria-labelledby="report-participants">
      <h2 id="report-participants">{t("circles.report.participants")}</h2>
      <p>
        {t("circles.report.total")}: <strong>{shownCount(t, summary.total)}</strong>
      </p>
      <p class="report-note">{t("circles.report.participantsNote")}</p>
      <div class="report-tables">
        {participantTables(t, summary).map((table) => (
          <table key={table.caption} class="table report-table">
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("circles.report.group")}</th>
                <th scope="col">{t("circles.report.people")}</th>
              </tr>
            </thead>
            <tbody>
              {table.rows.length === 0 ? (
                <tr>
                  <td colSpan={2}>{t("circles.report.noneDescribed")}</td>
                </tr>
              ) : (
                table.rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row">{row.label}</th>
                    <td>{row.count}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}

function Reflections({ t, threads, followUp }: { t: Translate; threads: string; followUp?: string }) {
  return (
    <>
      <section class="report-threads" aria-labelledby="report-threads">
        <h2 id="report-threads">{t("circles.report.commonThreads")}</h2>
        <Paragraphs t={t} text={threads} />
      </section>
      {followUp !== undefined && (
        <section class="report-follow-up" aria-labelledby="report-follow-up">
          <h2 id="report-follow-up">{t("circles.report.followUp")}</h2>
          <Paragraphs t={t} text={followUp} />
        </section>
      )}
    </>
  );
}

function ReportArticle(props: { language: string; children: ComponentChildren }) {
  return (
    <article class="circle-report" lang={props.language} dir={isRtl(props.language) ? "rtl" : "ltr"}>
      {props.children}
    </article>
  );
}

/** The circle report's content, the same on the web page and in the printed document. */
export function CircleReportBody({ report, t }: ReportProps<CircleReport>) {
  return (
    <ReportArticle language={report.language}>
      <header class="report-header">
        <p class="report-kicker">{t("circles.report.pageTitle")}</p>
        <h1 dir="auto">{report.title}</h1>
        {report.forumTitle && (
          <p class="report-forum">{t("circles.report.partOf", { forum: report.forumTitle })}</p>
        )}
        <dl class="report-details">
          <dt>{t("circles.report.date")}</dt>
          <dd>{reportDate(report.language, report.startsAt)}</dd>
          <dt>{t("circles.report.place")}</dt>
          <dd dir="auto">{report.place}</dd>
          <dt>{t("circles.report.topic")}</dt>
          <dd dir="auto">{themeLabel(t, report.topic)}</dd>
          <dt>{t("circles.report.moderator")}</dt>
          <dd dir="auto">
            {t("circles.report.moderatorValue", {
              name: report.moderator.name,
              affiliation: report.moderator.affiliation,
            })}
          </dd>
        </dl>
      </header>
      <section class="report-questions" aria-labelledby="report-questions">
        <h2 id="report-questions">{t("circles.report.questions")}</h2>
        {report.questions.map((q) => (
          <Question key={q.position} t={t} question={q} />
        ))}
      </section>
      <Participants t={t} summary={report.participants} />
      <Reflections t={t} threads={report.commonThreads} followUp={report.followUp} />
      <footer class="report-footer">
        <p>{t("circles.report.generated", { date: reportDate(report.language, report.generatedAt) })}</p>
      </footer>
    </ReportArticle>
  );
}

/** The forum report's content: its circles, the themes across them, who took part, every common thread. */
export function ForumReportBody({ report, t }: ReportProps<ForumReport>) {
  return (
    <ReportArticle language={report.language}>
      <header class="report-header">
        <p class="report-kicker">{t("circles.report.forumPageTitle")}</p>
        <h1 dir="auto">{report.title}</h1>
      </header>
      <section aria-labelledby="report-circles">
        <h2 id="report-circles">{t("circles.report.circles")}</h2>
        <ul class="report-circles">
          {report.circles.map((c) => (
            <li key={c.circleId}>
              <span dir="auto">{c.title}</span> — {reportDate(report.language, c.startsAt)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="report-themes">
        <h2 id="report-themes">{t("circles.report.forumThemes")}</h2>
        {report.themes.length === 0 ? (
          <p class="report-empty">{t("circles.report.noThemes")}</p>
        ) : (
          <table class="table report-table report-theme-table">
            <thead>
              <tr>
                <th scope="col">{t("circles.report.themeOrCluster")}</th>
                <th scope="col">{t("circles.report.kind")}</th>
                <th scope="col">{t("circles.report.circleCount")}</th>
                <th scope="col">{t("circles.report.responseTotal")}</th>
                <th scope="col">{t("circles.report.supportTotal")}</th>
              </tr>
            </thead>
            <tbody>
              {report.themes.map((theme) => (
                <tr key={`${theme.kind}-${theme.label}`}>
                  <th scope="row" dir="auto">
                    {theme.kind === "theme" ? themeLabel(t, theme.label) : theme.label}
                  </th>
                  <td>
                    {t(theme.kind === "theme" ? "circles.report.kind.theme" : "circles.report.kind.cluster")}
                  </td>
                  <td>{theme.circles}</td>
                  <td>{theme.responses}</td>
                  <td>{theme.supports}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Participants t={t} summary={report.participants} />
      <section class="report-threads" aria-labelledby="report-threads">
        <h2 id="report-threads">{t("circles.report.commonThreads")}</h2>
        {report.commonThreads.length === 0 ? (
          <p class="report-empty">{t("circles.report.noneRecorded")}</p>
        ) : (
          report.commonThreads.map((thread, i) => (
            <section key={i} aria-labelledby={`report-thread-${i + 1}`}>
              <h3 id={`report-thread-${i + 1}`} dir="auto">
                {thread.circleTitle}
              </h3>
              <Paragraphs t={t} text={thread.text} />
            </section>
          ))
        )}
      </section>
      <footer class="report-footer">
        <p>{t("circles.report.generated", { date: reportDate(report.language, report.generatedAt) })}</p>
      </footer>
    </ReportArticle>
  );
}

/** The circle report on the site, with its header, quick exit and (for staff) console bar. */
export function CircleReportPage({ ctx, report, t }: ReportProps<CircleReport> & { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t("circles.report.pageTitle")}>
      <CircleReportBody report={report} t={t} />
    </Layout>
  );
}

/** The forum report on the site. */
export function ForumReportPage({ ctx, report, t }: ReportProps<ForumReport> & { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t("circles.report.forumPageTitle")}>
      <ForumReportBody report={report} t={t} />
    </Layout>
  );
}

const isCircle = (report: CircleReport | ForumReport): report is CircleReport => "questions" in report;

/**
 * A circle or forum report as a self-contained document for printing to PDF: no site chrome (header,
 * quick exit, staff bar), no script, no request to make (the stylesheet is inside it).
 */
export function ReportDocument({ report, t }: ReportProps<CircleReport | ForumReport>) {
  const title = isCircle(report) ? t("circles.report.pageTitle") : t("circles.report.forumPageTitle");
  return (
    <html lang={report.language} dir={isRtl(report.language) ? "rtl" : "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <title>{`${report.title} · ${title}`}</title>
        <style>{REPORT_DOCUMENT_CSS}</style>
      </head>
      <body class="report-document">
        {isCircle(report) ? (
          <CircleReportBody report={report} t={t} />
        ) : (
          <ForumReportBody report={report} t={t} />
        )}
      </body>
    </html>
  );
}
