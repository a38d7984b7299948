import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { now } from "../../platform/db/database.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./circles.repository.ts";
import { ownCircle, THEMES } from "./circles.service.ts";
import { type ExactParticipants, mergeForum } from "./forum-merge.ts";
import { exactCounts, participantSummary } from "./participant-summary.ts";
import { responseText } from "./participation.service.ts";
import type { CircleReport, ReportGroup, ReportResponse } from "./report-model.ts";

/** The circle and forum reports as data, assembled from the database for every format to render. */

/**
 * A forum's report: its circles' reports merged, the participants added from exact counts before small
 * groups are hidden. Every circle of the forum is the organisation's own.
 */
export async function forumReportForStaff(p: Platform, scope: StaffScope, forumId: string) {
  assertCan(scope, "circle.facilitate");
  const forum = await repo.forum(p.db, scope.organisationId, forumId);
  if (!forum) throw new AppError("forum_not_found", 404, "No such forum");
  const circles = await repo.circlesOfForum(p.db, scope.organisationId, forumId);
  const reports = await Promise.all(circles.map((c) => buildReport(p, c, forum.title)));
  const exact = new Map<string, ExactParticipants>();
  for (const c of circles) exact.set(c.id, exactCounts(await repo.participants(p.db, [c.id])));
  await appendAudit(p, byStaff(scope, "forum.report", { targetType: "forum", targetId: forumId }));
  return {
    forum: { id: forum.id, title: forum.title, language: forum.language },
    circles: circles.map((c) => ({ id: c.id, title: c.title, startsAt: c.starts_at, status: c.status })),
    report: mergeForum({ forumId, title: forum.title, language: forum.language }, reports, now(), exact),
  };
}

/**
 * The circle report as data: hidden and held responses left out, duplicates folded into the response they
 * were merged into (their supporters counted once), grouped under accepted clusters, then themes.
 */
export async function buildReport(
  p: Platform,
  row: repo.CircleRow,
  forumTitle?: string,
): Promise<CircleReport> {
  const key = await organisationKey(p, row.organisation_id);
  const [questions, responses, clusters, participants] = await Promise.all([
    repo.questions(p.db, row.id),
    repo.responsesOfCircle(p.db, row.id),
    repo.clustersOf(p.db, row.id),
    repo.participants(p.db, [row.id]),
  ]);
  const accepted = clusters.filter((c) => c.status === "accepted");
  const [themes, members] = await Promise.all([
    repo.themesOf(
      p.db,
      responses.map((r) => r.id),
    ),
    repo.clusterMembers(
      p.db,
      accepted.map((c) => c.id),
    ),
  ]);
  const shown = responses.filter((r) => r.status === "visible");
  const report: ReportResponse[] = [];
  for (const r of shown) {
    const folded = responses.filter((d) => d.status === "merged" && d.merged_into === r.id).map((d) => d.id);
    report.push({
      id: r.id,
      text: responseText(key, r, row.organisation_id),
      language: r.language,
      supports: folded.length > 0 ? await repo.distinctSupporters(p.db, [r.id, ...folded]) : r.supports,
      themes: themes.filter((t) => t.response_id === r.id).map((t) => t.theme),
    });
  }
  const byId = new Map(report.map((r) => [r.id, r]));
  const sum = (list: readonly ReportResponse[]) => list.reduce((n, r) => n + r.supports, 0);
  const bySupport = (a: ReportResponse, b: ReportResponse) =>
    b.supports - a.supports || a.id.localeCompare(b.id);
  return {
    circleId: row.id,
    title: row.title,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    moderator: { name: row.moderator_name, affiliation: row.moderator_affiliation },
    language: (JSON.parse(row.languages) as string[])[0] ?? "en",
    forumTitle,
    questions: questions.map((q) => {
      const own = shown.filter((r) => r.question_id === q.id).map((r) => byId.get(r.id) as ReportResponse);
      const placed = new Set<string>();
      const groups: ReportGroup[] = [];
      for (const c of accepted.filter((c) => c.question_id === q.id)) {
        const list = members
          .filter((m) => m.cluster_id === c.id)
          .map((m) => byId.get(m.response_id))
          .filter((r): r is ReportResponse => r !== undefined && !placed.has(r.id))
          .sort(bySupport);
        for (const r of list) placed.add(r.id);
        if (list.length > 0)
          groups.push({ kind: "cluster", label: c.name, responses: list, supports: sum(list) });
      }
      for (const theme of THEMES) {
        const list = own.filter((r) => !placed.has(r.id) && r.themes[0] === theme).sort(bySupport);
        for (const r of list) placed.add(r.id);
        if (list.length > 0)
          groups.push({ kind: "theme", label: theme, responses: list, supports: sum(list) });
      }
      const rest = own.filter((r) => !placed.has(r.id)).sort(bySupport);
      if (rest.length > 0)
        groups.push({ kind: "ungrouped", label: "", responses: rest, supports: sum(rest) });
      return { position: q.position, text: q.text, groups, responseCount: own.length };
    }),
    participants: participantSummary(participants),
    commonThreads: row.common_threads,
    followUp: row.follow_up,
    generatedAt: now(),
  };
}

/** The report of one of the organisation's circles, for its staff. */
export async function circleReportForStaff(p: Platform, scope: StaffScope, circleId: string) {
  assertCan(scope, "circle.facilitate");
  const row = await ownCircle(p.db, scope, circleId);
  const forum = row.forum_id ? await repo.forum(p.db, scope.organisationId, row.forum_id) : undefined;
  const report = await buildReport(p, row, forum?.title);
  await appendAudit(p, byStaff(scope, "circle.report", { targetType: "circle", targetId: circleId }));
  return report;
}

/** The report of a circle whose coordinator made it public (anyone with the link); else 404. */
export async function publicCircleReport(p: Platform, circleId: string): Promise<CircleReport> {
  const row = await repo.circleById(p.db, circleId);
  if (row?.report_visibility !== "public") throw new AppError("circle_not_found", 404, "No such circle");
  return buildReport(p, row);
}
