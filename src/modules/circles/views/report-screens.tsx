import type { MessageKey } from "../../../platform/i18n/i18n.ts";
import type { PageContext } from "../../../platform/views/context.ts";
import { Layout } from "../../../platform/views/layout.tsx";
import type { Translate } from "../report-labels.ts";
import type { CircleReport, ForumReport } from "../report-model.ts";
import { CircleReportBody, ForumReportBody } from "./circle-report.tsx";
import { circleWhen } from "./participant-pages.tsx";

/** The circle and forum reports on the site, with their downloads. */

/** Where a report can be downloaded: Markdown, Word, PDF. */
export function Downloads({ ctx, base }: { ctx: PageContext; base: string }) {
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
