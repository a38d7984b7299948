import { CATALOGUES, type MessageKey, type MessageValues } from "../../platform/i18n/i18n.ts";
import {
  AGE_GROUPS,
  CIRCLE_THEMES,
  type GroupCount,
  KNOWLEDGE,
  type ParticipantSummary,
  type ReportGroup,
  SECTORS,
} from "./report-model.ts";

/** A translator for the report's language (`i18n(report.language).t`). */
export type Translate = (key: MessageKey, values?: MessageValues) => string;

const known = (list: readonly string[], value: string): boolean => list.includes(value);

/**
 * A theme's label: one of the four Ps, else a library topic (labelled by the library's own messages, so
 * this module needs nothing else from the library), else the code as it was typed.
 */
export function themeLabel(t: Translate, code: string): string {
  if (known(CIRCLE_THEMES, code)) return t(`circles.theme.${code}` as MessageKey);
  const topic = `learn.topic.${code}`;
  if (Object.hasOwn(CATALOGUES.en, topic)) return t(topic as MessageKey);
  return code;
}

/** The heading of a group of responses: the cluster's name, "Theme: …", or "Other responses". */
export function groupHeading(t: Translate, group: ReportGroup): string {
  if (group.kind === "cluster") return group.label;
  if (group.kind === "theme") return t("circles.report.themeHeading", { theme: themeLabel(t, group.label) });
  return t("circles.report.ungrouped");
}

/** A count as shown to readers: the number, or "fewer than 5" where it is suppressed. */
export function shownCount(t: Translate, count: number | undefined): string {
  return count === undefined ? t("circles.report.fewerThan5") : String(count);
}

export interface ParticipantTable {
  readonly caption: string;
  readonly rows: readonly { readonly label: string; readonly count: string }[];
}

function table(
  t: Translate,
  caption: MessageKey,
  prefix: string,
  vocabulary: readonly string[],
  counts: readonly GroupCount[],
): ParticipantTable {
  return {
    caption: t(caption),
    rows: counts.map((c) => ({
      label: known(vocabulary, c.value) ? t(`${prefix}.${c.value}` as MessageKey) : c.value,
      count: shownCount(t, c.count),
    })),
  };
}

/** The participant summary as three labelled tables (age group, knowledge, sector), ready for any format. */
export function participantTables(t: Translate, summary: ParticipantSummary): readonly ParticipantTable[] {
  return [
    table(t, "circles.report.ageGroup", "circles.age", AGE_GROUPS, summary.ageGroups),
    table(t, "circles.report.knowledge", "circles.knowledge", KNOWLEDGE, summary.knowledge),
    table(t, "circles.report.sector", "circles.sector", SECTORS, summary.sectors),
  ];
}

/**
 * A date and time in the report's language. An instant (with `Z` or an offset, like when a report was made)
 * is shown in UTC and says so; a circle's start is the local time of the circle as the coordinator typed
 * it (no zone), and is shown as such.
 */
export function reportDate(language: string, iso: string): string {
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(iso);
  const format = new Intl.DateTimeFormat(language, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const date = new Date(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return zoned ? `${format.format(date)} UTC` : format.format(date);
}

/** Right-to-left languages among the report languages. */
export function isRtl(language: string): boolean {
  return ["ar", "fa", "he", "ur"].includes(language.split("-")[0] ?? "");
}

/** The facilitator's plain text split into its non-empty lines (paragraphs in every format). */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
