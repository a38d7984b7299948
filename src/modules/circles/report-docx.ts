import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  groupHeading,
  isRtl,
  lines,
  participantTables,
  reportDate,
  shownCount,
  type Translate,
  themeLabel,
} from "./report-labels.ts";
import type { CircleReport, ForumReport, ParticipantSummary, ReportQuestion } from "./report-model.ts";

type Heading = (typeof HeadingLevel)[keyof typeof HeadingLevel];
type Block = Paragraph | Table;

// Characters XML 1.0 forbids: a stray one typed by a participant would make Word refuse the whole file.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const clean = (text: string): string => text.replace(NOT_XML, "");

/** A run of text marked with its language (Word's spelling checker follows it), right to left when it is. */
const run = (text: string, language: string, extra: { bold?: boolean; italics?: boolean } = {}) =>
  new TextRun({
    text: clean(text),
    rightToLeft: isRtl(language),
    language: isRtl(language) ? { bidirectional: language } : { value: language },
    ...extra,
  });

/** A paragraph in one language; right-to-left paragraphs (Arabic) are `bidirectional`. */
function para(
  text: string,
  language: string,
  options: { heading?: Heading; italics?: boolean } = {},
): Paragraph {
  return new Paragraph({
    heading: options.heading,
    bidirectional: isRtl(language),
    children: [run(text, language, { italics: options.italics })],
  });
}

function textParagraphs(t: Translate, text: string, language: string): Paragraph[] {
  const found = lines(text);
  if (found.length === 0) return [para(t("circles.report.noneRecorded"), language, { italics: true })];
  return found.map((line) => para(line, language));
}

function cell(text: string, language: string, bold = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ bidirectional: isRtl(language), children: [run(text, language, { bold })] })],
  });
}

function participants(t: Translate, summary: ParticipantSummary, language: string): Block[] {
  const blocks: Block[] = [
    para(t("circles.report.participants"), language, { heading: HeadingLevel.HEADING_2 }),
    para(`${t("circles.report.total")}: ${shownCount(t, summary.total)}`, language),
    para(t("circles.report.participantsNote"), language, { italics: true }),
  ];
  for (const table of participantTables(t, summary)) {
    const rows =
      table.rows.length === 0
        ? [
            new TableRow({
              children: [cell(t("circles.report.noneDescribed"), language), cell("", language)],
            }),
          ]
        : table.rows.map(
            (r) => new TableRow({ children: [cell(r.label, language), cell(r.count, language)] }),
          );
    blocks.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        visuallyRightToLeft: isRtl(language),
        rows: [
          new TableRow({
            tableHeader: true,
            children: [cell(table.caption, language, true), cell(t("circles.report.people"), language, true)],
          }),
          ...rows,
        ],
      }),
      new Paragraph({}),
    );
  }
  return blocks;
}

function question(t: Translate, q: ReportQuestion, language: string): Block[] {
  const blocks: Block[] = [
    para(`${t("circles.report.question", { position: q.position })}: ${q.text}`, language, {
      heading: HeadingLevel.HEADING_3,
    }),
    para(t("circles.report.responseCount", { count: q.responseCount }), language, { italics: true }),
  ];
  if (q.groups.length === 0) blocks.push(para(t("circles.report.noResponses"), language, { italics: true }));
  for (const group of q.groups) {
    const supports = t("circles.report.supports", { count: group.supports });
    blocks.push(
      para(`${groupHeading(t, group)} (${supports})`, language, { heading: HeadingLevel.HEADING_4 }),
    );
    for (const r of group.responses) {
      const themes = r.themes.filter((code) => !(group.kind === "theme" && code === group.label));
      const tags = themes.length > 0 ? ` (${themes.map((c) => themeLabel(t, c)).join(" · ")})` : "";
      blocks.push(
        new Paragraph({
          bullet: { level: 0 },
          // The paragraph takes the response's own direction; the count after it is in the report's language.
          bidirectional: isRtl(r.language),
          children: [
            run(r.text, r.language),
            run(` — ${t("circles.report.supports", { count: r.supports })}${tags}`, language, {
              italics: true,
            }),
          ],
        }),
      );
    }
  }
  return blocks;
}

function generated(t: Translate, language: string, iso: string): Paragraph {
  return para(t("circles.report.generated", { date: reportDate(language, iso) }), language, {
    italics: true,
  });
}

function pack(title: string, language: string, children: Block[]): Promise<Buffer> {
  const document = new Document({
    creator: "Lantern",
    title: clean(title),
    // Right-to-left runs are Arabic unless the report itself is in another right-to-left language.
    styles: {
      default: {
        document: {
          run: { language: { value: language, bidirectional: isRtl(language) ? language : "ar" } },
        },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** The circle report as a Word document (docx), labels in the report's language, Arabic right to left. */
export function reportDocx(report: CircleReport, t: Translate): Promise<Buffer> {
  const lang = report.language;
  const moderator = t("circles.report.moderatorValue", {
    name: report.moderator.name,
    affiliation: report.moderator.affiliation,
  });
  return pack(report.title, lang, [
    para(report.title, lang, { heading: HeadingLevel.HEADING_1 }),
    para(t("circles.report.pageTitle"), lang, { italics: true }),
    ...(report.forumTitle ? [para(t("circles.report.partOf", { forum: report.forumTitle }), lang)] : []),
    para(`${t("circles.report.date")}: ${reportDate(lang, report.startsAt)}`, lang),
    para(`${t("circles.report.place")}: ${report.place}`, lang),
    para(`${t("circles.report.topic")}: ${themeLabel(t, report.topic)}`, lang),
    para(`${t("circles.report.moderator")}: ${moderator}`, lang),
    para(t("circles.report.questions"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...report.questions.flatMap((q) => question(t, q, lang)),
    ...participants(t, report.participants, lang),
    para(t("circles.report.commonThreads"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...textParagraphs(t, report.commonThreads, lang),
    para(t("circles.report.followUp"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...textParagraphs(t, report.followUp, lang),
    generated(t, lang, report.generatedAt),
  ]);
}

/** The forum report as a Word document: circles, themes across them (a table), participants, threads. */
export function forumReportDocx(report: ForumReport, t: Translate): Promise<Buffer> {
  const lang = report.language;
  const header = [
    "circles.report.themeOrCluster",
    "circles.report.kind",
    "circles.report.circleCount",
    "circles.report.responseTotal",
    "circles.report.supportTotal",
  ] as const;
  const themes: Block[] =
    report.themes.length === 0
      ? [para(t("circles.report.noThemes"), lang, { italics: true })]
      : [
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            visuallyRightToLeft: isRtl(lang),
            rows: [
              new TableRow({ tableHeader: true, children: header.map((key) => cell(t(key), lang, true)) }),
              ...report.themes.map(
                (theme) =>
                  new TableRow({
                    children: [
                      cell(theme.kind === "theme" ? themeLabel(t, theme.label) : theme.label, lang),
                      cell(
                        t(
                          theme.kind === "theme"
                            ? "circles.report.kind.theme"
                            : "circles.report.kind.cluster",
                        ),
                        lang,
                      ),
                      cell(String(theme.circles), lang),
                      cell(String(theme.responses), lang),
                      cell(String(theme.supports), lang),
                    ],
                  }),
              ),
            ],
          }),
        ];
  return pack(report.title, lang, [
    para(report.title, lang, { heading: HeadingLevel.HEADING_1 }),
    para(t("circles.report.forumPageTitle"), lang, { italics: true }),
    para(t("circles.report.circles"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...report.circles.map((c) => para(`${c.title} — ${reportDate(lang, c.startsAt)}`, lang)),
    para(t("circles.report.forumThemes"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...themes,
    ...participants(t, report.participants, lang),
    para(t("circles.report.commonThreads"), lang, { heading: HeadingLevel.HEADING_2 }),
    ...(report.commonThreads.length === 0
      ? [para(t("circles.report.noneRecorded"), lang, { italics: true })]
      : report.commonThreads.flatMap((c) => [
          para(c.circleTitle, lang, { heading: HeadingLevel.HEADING_3 }),
          ...textParagraphs(t, c.text, lang),
        ])),
    generated(t, lang, report.generatedAt),
  ]);
}
