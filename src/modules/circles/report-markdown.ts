import {
  groupHeading,
  lines,
  participantTables,
  reportDate,
  shownCount,
  type Translate,
  themeLabel,
} from "./report-labels.ts";
import type { CircleReport, ForumReport, ParticipantSummary, ReportQuestion } from "./report-model.ts";

/**
 * Text as literal Markdown: what a participant typed must never turn into a link, an image, emphasis, a
 * heading, a list or raw HTML. One line only (responses and names are short; line breaks become spaces).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>|~{}]/g, "\\$&")
    .replace(/&(?=#?\w+;)/g, "\\&")
    .replace(/^([#+=-])/, "\\$1")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}

const paragraphs = (t: Translate, text: string): string[] => {
  const found = lines(text).map(escapeMarkdown);
  return found.length > 0 ? found : [`*${t("circles.report.noneRecorded")}*`];
};

function participants(t: Translate, summary: ParticipantSummary): string[] {
  const out = [
    `## ${t("circles.report.participants")}`,
    "",
    `**${t("circles.report.total")}:** ${shownCount(t, summary.total)}`,
    "",
    `*${t("circles.report.participantsNote")}*`,
  ];
  for (const table of participantTables(t, summary)) {
    out.push("", `| ${table.caption} | ${t("circles.report.people")} |`, "| --- | ---: |");
    if (table.rows.length === 0) out.push(`| ${t("circles.report.noneDescribed")} | |`);
    for (const row of table.rows) out.push(`| ${escapeMarkdown(row.label)} | ${row.count} |`);
  }
  return out;
}

function question(t: Translate, q: ReportQuestion): string[] {
  const out = [
    `### ${t("circles.report.question", { position: q.position })}: ${escapeMarkdown(q.text)}`,
    "",
    t("circles.report.responseCount", { count: q.responseCount }),
  ];
  if (q.groups.length === 0) out.push("", `*${t("circles.report.noResponses")}*`);
  for (const group of q.groups) {
    const supports = t("circles.report.supports", { count: group.supports });
    out.push("", `#### ${escapeMarkdown(groupHeading(t, group))} (${supports})`, "");
    for (const r of group.responses) {
      const themes = r.themes.filter((code) => !(group.kind === "theme" && code === group.label));
      const tags =
        themes.length > 0 ? ` (${themes.map((c) => escapeMarkdown(themeLabel(t, c))).join(" · ")})` : "";
      out.push(
        `- ${escapeMarkdown(r.text)} — *${t("circles.report.supports", { count: r.supports })}*${tags}`,
      );
    }
  }
  return out;
}

const join = (blocks: readonly string[]): string => `${blocks.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;

/** The circle report as Markdown, labels in the report's language (`t`), every participant's text escaped. */
export function reportMarkdown(report: CircleReport, t: Translate): string {
  const details = [
    [t("circles.report.date"), reportDate(report.language, report.startsAt)],
    [t("circles.report.place"), escapeMarkdown(report.place)],
    [t("circles.report.topic"), escapeMarkdown(themeLabel(t, report.topic))],
    [
      t("circles.report.moderator"),
      escapeMarkdown(
        t("circles.report.moderatorValue", {
          name: report.moderator.name,
          affiliation: report.moderator.affiliation,
        }),
      ),
    ],
  ];
  return join([
    `# ${escapeMarkdown(report.title)}`,
    "",
    `*${t("circles.report.pageTitle")}*`,
    ...(report.forumTitle
      ? ["", escapeMarkdown(t("circles.report.partOf", { forum: report.forumTitle }))]
      : []),
    "",
    ...details.map(([label, value]) => `- **${label}:** ${value}`),
    "",
    `## ${t("circles.report.questions")}`,
    ...report.questions.flatMap((q) => ["", ...question(t, q)]),
    "",
    ...participants(t, report.participants),
    "",
    `## ${t("circles.report.commonThreads")}`,
    "",
    paragraphs(t, report.commonThreads).join("\n\n"),
    "",
    `## ${t("circles.report.followUp")}`,
    "",
    paragraphs(t, report.followUp).join("\n\n"),
    "",
    "---",
    "",
    `*${t("circles.report.generated", { date: reportDate(report.language, report.generatedAt) })}*`,
  ]);
}

/** The forum report as Markdown: its circles, the themes across them, who took part, the common threads. */
export function forumReportMarkdown(report: ForumReport, t: Translate): string {
  const themes =
    report.themes.length === 0
      ? [`*${t("circles.report.noThemes")}*`]
      : [
          `| ${t("circles.report.themeOrCluster")} | ${t("circles.report.kind")} | ${t("circles.report.circleCount")} | ${t("circles.report.responseTotal")} | ${t("circles.report.supportTotal")} |`,
          "| --- | --- | ---: | ---: | ---: |",
          ...report.themes.map((theme) => {
            const label = theme.kind === "theme" ? themeLabel(t, theme.label) : theme.label;
            const kind = t(
              theme.kind === "theme" ? "circles.report.kind.theme" : "circles.report.kind.cluster",
            );
            return `| ${escapeMarkdown(label)} | ${kind} | ${theme.circles} | ${theme.responses} | ${theme.supports} |`;
          }),
        ];
  return join([
    `# ${escapeMarkdown(report.title)}`,
    "",
    `*${t("circles.report.forumPageTitle")}*`,
    "",
    `## ${t("circles.report.circles")}`,
    "",
    ...report.circles.map((c) => `- ${escapeMarkdown(c.title)} — ${reportDate(report.language, c.startsAt)}`),
    "",
    `## ${t("circles.report.forumThemes")}`,
    "",
    ...themes,
    "",
    ...participants(t, report.participants),
    "",
    `## ${t("circles.report.commonThreads")}`,
    ...(report.commonThreads.length === 0
      ? ["", `*${t("circles.report.noneRecorded")}*`]
      : report.commonThreads.flatMap((c) => [
          "",
          `### ${escapeMarkdown(c.circleTitle)}`,
          "",
          paragraphs(t, c.text).join("\n\n"),
        ])),
    "",
    "---",
    "",
    `*${t("circles.report.generated", { date: reportDate(report.language, report.generatedAt) })}*`,
  ]);
}
