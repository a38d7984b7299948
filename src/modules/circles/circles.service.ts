import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError, type FieldProblem } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import { TOPICS } from "../library/seed-content.ts";
import * as repo from "./circles.repository.ts";
import { suggestClusters } from "./clustering.ts";
import { type ExactParticipants, mergeForum } from "./forum-merge.ts";
import { exactCounts, participantSummary } from "./participant-summary.ts";
import { newJoinCode, originalAad, responseAad } from "./participation.service.ts";
import { CIRCLE_THEMES, type CircleReport, type ReportGroup, type ReportResponse } from "./report-model.ts";

/**
 * Running circles, for the organisation's staff: create forums and circles, open and close them, and
 * facilitate: moderate responses (hide, edit keeping the original, merge duplicates, release held ones),
 * tag themes, group responses into clusters, write reflections, and produce the circle report. Every
 * query is the organisation's own; every change is audited (ids and counts, never response text).
 */

/** Themes a facilitator tags: the four Ps, then the library's topics. */
export const THEMES: readonly string[] = [...new Set<string>([...CIRCLE_THEMES, ...TOPICS])];
export const MAX_QUESTIONS = 10;

export class CircleInvalid extends AppError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super("circle_invalid", 400, "Some fields need attention", problems);
  }
}
const problem = (field: string, code: string): FieldProblem => ({ field, code, message: code });
const notFound = () => new AppError("circle_not_found", 404, "No such circle");

export interface CircleInput {
  readonly title: string;
  readonly topic: string;
  /** yyyy-mm-dd and hh:mm, local to the circle (stored as given, with no zone). */
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly online: boolean;
  readonly moderatorName: string;
  readonly moderatorAffiliation: string;
  readonly languages: readonly string[];
  readonly questions: readonly string[];
  readonly forumId?: string;
  readonly reportVisibility: string;
}

function checkCircle(input: CircleInput): CircleInput & { startsAt: string } {
  const problems: FieldProblem[] = [];
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) problems.push(problem("title", "title"));
  if (input.topic.trim().length > 300) problems.push(problem("topic", "long"));
  const date = /^\d{4}-\d{2}-\d{2}$/.test(input.date.trim()) ? input.date.trim() : "";
  const time = /^\d{2}:\d{2}$/.test(input.time.trim()) ? input.time.trim() : "";
  const startsAt = `${date}T${time}`;
  if (!date || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) problems.push(problem("date", "date"));
  if (!time || Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59)
    problems.push(problem("time", "time"));
  if (input.place.trim().length > 300) problems.push(problem("place", "long"));
  if (!input.online && input.place.trim().length === 0) problems.push(problem("place", "place"));
  const moderatorName = input.moderatorName.trim();
  if (moderatorName.length === 0 || moderatorName.length > 200)
    problems.push(problem("moderatorName", "required"));
  if (input.moderatorAffiliation.trim().length > 200) problems.push(problem("moderatorAffiliation", "long"));
  const languages = [...new Set(input.languages)];
  if (languages.length === 0 || languages.some((l) => !(LOCALES as readonly string[]).includes(l)))
    problems.push(problem("languages", "languages"));
  const questions = input.questions.map((q) => q.trim()).filter(Boolean);
  if (questions.length === 0 || questions.length > MAX_QUESTIONS || questions.some((q) => q.length > 500))
    problems.push(problem("questions", "questions"));
  if (!["members", "public"].includes(input.reportVisibility))
    problems.push(problem("reportVisibility", "visibility"));
  if (problems.length > 0) throw new CircleInvalid(problems);
  return {
    ...input,
    title,
    topic: input.topic.trim(),
    place: input.place.trim(),
    moderatorName,
    moderatorAffiliation: input.moderatorAffiliation.trim(),
    languages,
    questions,
    startsAt,
  };
}

export async function createForum(
  p: Platform,
  scope: StaffScope,
  input: { title: string; language: string },
) {
  assertCan(scope, "circle.manage");
  const title = input.title.trim();
  const problems: FieldProblem[] = [];
  if (title.length < 3 || title.length > 200) problems.push(problem("title", "title"));
  if (!(LOCALES as readonly string[]).includes(input.language))
    problems.push(problem("language", "languages"));
  if (problems.length > 0) throw new CircleInvalid(problems);
  const id = newId();
  await p.db.transaction().execute(async (trx) => {
    await repo.insertForum(trx, {
      id,
      organisation_id: scope.organisationId,
      title,
      language: input.language,
      created_by: scope.userId,
      created_at: now(),
    });
    await appendAudit(p, byStaff(scope, "forum.create", { targetType: "forum", targetId: id }), trx);
  });
  return id;
}

export async function createCircle(p: Platform, scope: StaffScope, input: CircleInput): Promise<string> {
  assertCan(scope, "circle.manage");
  const c = checkCircle(input);
  const id = newId();
  await p.db.transaction().execute(async (trx) => {
    if (c.forumId && !(await repo.forum(trx, scope.organisationId, c.forumId)))
      throw new CircleInvalid([problem("forumId", "forum")]);
    let code = newJoinCode();
    while (await repo.joinCodeTaken(trx, code)) code = newJoinCode();
    const at = now();
    await repo.insertCircle(
      trx,
      {
        id,
        organisation_id: scope.organisationId,
        forum_id: c.forumId || null,
        title: c.title,
        topic: c.topic,
        starts_at: c.startsAt,
        place: c.place,
        online: c.online ? 1 : 0,
        moderator_name: c.moderatorName,
        moderator_affiliation: c.moderatorAffiliation,
        languages: JSON.stringify(c.languages),
        status: "draft",
        join_code: code,
        report_visibility: c.reportVisibility,
        common_threads: "",
        follow_up: "",
        created_by: scope.userId,
        created_at: at,
        updated_at: at,
      },
      c.questions,
    );
    await appendAudit(p, byStaff(scope, "circle.create", { targetType: "circle", targetId: id }), trx);
  });
  return id;
}

/**
 * Corrects a circle's details and questions. A question's text may change at any time (its responses stay
 * with it); questions may be added; one that has responses cannot be removed.
 */
export async function updateCircleDetails(p: Platform, scope: StaffScope, id: string, input: CircleInput) {
  assertCan(scope, "circle.manage");
  const c = checkCircle(input);
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, id);
    if (c.forumId && !(await repo.forum(trx, scope.organisationId, c.forumId)))
      throw new CircleInvalid([problem("forumId", "forum")]);
    const existing = await repo.questions(trx, id);
    const removed = existing.filter((q) => q.position > c.questions.length).map((q) => q.id);
    if (await repo.questionsAnswered(trx, removed))
      throw new CircleInvalid([problem("questions", "questionAnswered")]);
    await repo.updateCircle(trx, id, {
      forum_id: c.forumId || null,
      title: c.title,
      topic: c.topic,
      starts_at: c.startsAt,
      place: c.place,
      online: c.online ? 1 : 0,
      moderator_name: c.moderatorName,
      moderator_affiliation: c.moderatorAffiliation,
      languages: JSON.stringify(c.languages),
      report_visibility: c.reportVisibility,
      updated_at: now(),
    });
    await repo.replaceQuestions(trx, id, c.questions);
    await appendAudit(p, byStaff(scope, "circle.update", { targetType: "circle", targetId: id }), trx);
  });
}

export async function overview(p: Platform, scope: StaffScope) {
  assertCan(scope, "circle.facilitate");
  const [circles, forums] = await Promise.all([
    repo.circlesOf(p.db, scope.organisationId),
    repo.forumsOf(p.db, scope.organisationId),
  ]);
  return {
    circles: circles.map((c) => ({
      id: c.id,
      title: c.title,
      startsAt: c.starts_at,
      status: c.status,
      forumTitle: c.forum_title,
      participants: Number(c.participants ?? 0),
      responses: Number(c.responses ?? 0),
    })),
    forums: forums.map((f) => ({ id: f.id, title: f.title })),
  };
}

async function ownCircle(db: Executor, scope: StaffScope, id: string) {
  const row = await repo.circle(db, scope.organisationId, id);
  if (!row) throw notFound();
  return row;
}

/** Opens a circle to answers, closes it, or opens it again. */
export async function setStatus(p: Platform, scope: StaffScope, id: string, status: "open" | "closed") {
  assertCan(scope, "circle.manage");
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, id);
    await repo.updateCircle(trx, id, { status, updated_at: now() });
    await appendAudit(
      p,
      byStaff(scope, `circle.${status === "open" ? "open" : "close"}`, {
        targetType: "circle",
        targetId: id,
      }),
      trx,
    );
  });
}

export async function setReportVisibility(p: Platform, scope: StaffScope, id: string, visibility: string) {
  assertCan(scope, "circle.manage");
  if (!["members", "public"].includes(visibility))
    throw new CircleInvalid([problem("reportVisibility", "visibility")]);
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, id);
    await repo.updateCircle(trx, id, { report_visibility: visibility, updated_at: now() });
    await appendAudit(
      p,
      byStaff(scope, "circle.visibility", { targetType: "circle", targetId: id, detail: { visibility } }),
      trx,
    );
  });
}

export interface FacilitatorResponse {
  readonly id: string;
  readonly questionId: string;
  readonly text: string;
  readonly original?: string;
  readonly language: string;
  readonly status: string;
  readonly flags: readonly string[];
  readonly mergedInto: string | null;
  readonly supports: number;
  readonly themes: readonly string[];
  readonly clusterId?: string;
  readonly createdAt: string;
}

export interface FacilitatorCluster {
  readonly id: string;
  readonly questionId: string;
  readonly name: string;
  readonly status: string;
  readonly responseIds: readonly string[];
}

/** Everything the facilitator's console shows of one circle, texts opened. */
export async function facilitatorView(p: Platform, scope: StaffScope, id: string) {
  assertCan(scope, "circle.facilitate");
  const row = await ownCircle(p.db, scope, id);
  const key = await organisationKey(p, scope.organisationId);
  const [questions, responses, clusters, participants, actions] = await Promise.all([
    repo.questions(p.db, id),
    repo.responsesOfCircle(p.db, id),
    repo.clustersOf(p.db, id),
    repo.participants(p.db, [id]),
    repo.actionsOf(p.db, id),
  ]);
  const [themes, members] = await Promise.all([
    repo.themesOf(
      p.db,
      responses.map((r) => r.id),
    ),
    repo.clusterMembers(
      p.db,
      clusters.map((c) => c.id),
    ),
  ]);
  const accepted = new Set(clusters.filter((c) => c.status === "accepted").map((c) => c.id));
  const clusterOf = new Map(
    members.filter((m) => accepted.has(m.cluster_id)).map((m) => [m.response_id, m.cluster_id]),
  );
  const view = {
    circle: circleFacts(row),
    questions,
    responses: responses.map(
      (r): FacilitatorResponse => ({
        id: r.id,
        questionId: r.question_id,
        text: open(key, r.text_sealed, responseAad(r.id, scope.organisationId)).toString("utf8"),
        original: r.original_sealed
          ? open(key, r.original_sealed, originalAad(r.id, scope.organisationId)).toString("utf8")
          : undefined,
        language: r.language,
        status: r.status,
        flags: JSON.parse(r.flags) as string[],
        mergedInto: r.merged_into,
        supports: r.supports,
        themes: themes.filter((t) => t.response_id === r.id).map((t) => t.theme),
        clusterId: clusterOf.get(r.id),
        createdAt: r.created_at,
      }),
    ),
    clusters: clusters
      .filter((c) => c.status !== "rejected")
      .map(
        (c): FacilitatorCluster => ({
          id: c.id,
          questionId: c.question_id,
          name: c.name,
          status: c.status,
          responseIds: members.filter((m) => m.cluster_id === c.id).map((m) => m.response_id),
        }),
      ),
    participants: participantSummary(participants),
    participantCount: participants.length,
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind,
      title: a.title,
      sourceType: a.source_type,
      sourceId: a.source_id,
      libraryItemId: a.library_item_id,
      createdAt: a.created_at,
    })),
  };
  await appendAudit(p, byStaff(scope, "circle.read", { targetType: "circle", targetId: id }));
  return view;
}

export function circleFacts(row: repo.CircleRow) {
  return {
    id: row.id,
    title: row.title,
    topic: row.topic,
    startsAt: row.starts_at,
    place: row.place,
    online: row.online === 1,
    moderatorName: row.moderator_name,
    moderatorAffiliation: row.moderator_affiliation,
    languages: JSON.parse(row.languages) as string[],
    status: row.status,
    joinCode: row.join_code,
    reportVisibility: row.report_visibility,
    forumId: row.forum_id,
    commonThreads: row.common_threads,
    followUp: row.follow_up,
  };
}

async function ownResponse(trx: Executor, scope: StaffScope, circleId: string, responseId: string) {
  await ownCircle(trx, scope, circleId);
  const r = await repo.response(trx, circleId, responseId);
  if (!r) throw new AppError("circle_response_not_found", 404, "No such response");
  return r;
}

/** Moderation of one response; every change keeps what the participant wrote. */
export async function moderate(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  responseId: string,
  change:
    | { kind: "hide" }
    | { kind: "show" }
    | { kind: "edit"; text: string }
    | { kind: "merge"; into: string }
    | { kind: "themes"; themes: readonly string[] },
): Promise<void> {
  assertCan(scope, "circle.facilitate");
  // The key is read before the transaction: on SQLite a query outside it would wait for it forever.
  const key = change.kind === "edit" ? await organisationKey(p, scope.organisationId) : undefined;
  await p.db.transaction().execute(async (trx) => {
    const r = await ownResponse(trx, scope, circleId, responseId);
    const at = now();
    if (change.kind === "hide") await repo.updateResponse(trx, r.id, { status: "hidden" });
    else if (change.kind === "show")
      await repo.updateResponse(trx, r.id, { status: "visible", merged_into: null });
    else if (change.kind === "edit") {
      if (!key) throw new Error("unreachable: the key is read for every edit");
      const text = change.text.replace(/\r\n/g, "\n").trim();
      if (!text || text.length > 1000) throw new CircleInvalid([problem("text", "responseText")]);
      await repo.updateResponse(trx, r.id, {
        text_sealed: seal(key, text, responseAad(r.id, scope.organisationId)),
        // The participant's own words are kept once, at the first edit.
        original_sealed:
          r.original_sealed ??
          seal(
            key,
            open(key, r.text_sealed, responseAad(r.id, scope.organisationId)),
            originalAad(r.id, scope.organisationId),
          ),
        edited_by: scope.userId,
        edited_at: at,
      });
    } else if (change.kind === "merge") {
      const into = await repo.response(trx, circleId, change.into);
      if (!into || into.id === r.id || into.question_id !== r.question_id || into.status === "merged")
        throw new CircleInvalid([problem("into", "mergeTarget")]);
      await repo.updateResponse(trx, r.id, { status: "merged", merged_into: into.id });
    } else {
      const themes = [...new Set(change.themes)].filter((t) => THEMES.includes(t));
      await repo.setThemes(trx, r.id, themes);
    }
    await appendAudit(
      p,
      byStaff(scope, `circle.response.${change.kind}`, { targetType: "circle_response", targetId: r.id }),
      trx,
    );
  });
}

export async function saveReflections(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  input: { commonThreads: string; followUp: string },
): Promise<void> {
  assertCan(scope, "circle.facilitate");
  const commonThreads = input.commonThreads.replace(/\r\n/g, "\n").trim();
  const followUp = input.followUp.replace(/\r\n/g, "\n").trim();
  if (commonThreads.length > 10_000) throw new CircleInvalid([problem("commonThreads", "long")]);
  if (followUp.length > 10_000) throw new CircleInvalid([problem("followUp", "long")]);
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, circleId);
    await repo.updateCircle(trx, circleId, {
      common_threads: commonThreads,
      follow_up: followUp,
      updated_at: now(),
    });
    await appendAudit(
      p,
      byStaff(scope, "circle.reflections", { targetType: "circle", targetId: circleId }),
      trx,
    );
  });
}

/** A cluster the facilitator makes from chosen responses of one question (accepted at once). */
export async function createCluster(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  input: { name: string; responseIds: readonly string[] },
): Promise<string> {
  assertCan(scope, "circle.facilitate");
  const name = input.name.trim();
  if (name.length === 0 || name.length > 120) throw new CircleInvalid([problem("name", "clusterName")]);
  const id = newId();
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, circleId);
    const rows = await Promise.all(
      [...new Set(input.responseIds)].map((r) => repo.response(trx, circleId, r)),
    );
    const found = rows.filter((r): r is repo.ResponseRow => r !== undefined);
    const questionIds = new Set(found.map((r) => r.question_id));
    if (found.length === 0 || found.length !== rows.length || questionIds.size !== 1)
      throw new CircleInvalid([problem("responseIds", "clusterResponses")]);
    const ids = found.map((r) => r.id);
    await repo.insertCluster(
      trx,
      {
        id,
        circle_id: circleId,
        question_id: [...questionIds][0] as string,
        name,
        status: "accepted",
        created_at: now(),
      },
      ids,
    );
    await repo.leaveOtherClusters(trx, id, ids);
    await appendAudit(
      p,
      byStaff(scope, "circle.cluster.create", { targetType: "circle", targetId: circleId }),
      trx,
    );
  });
  return id;
}

/** Accepts (optionally renaming), renames or rejects a cluster. */
export async function decideCluster(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  clusterId: string,
  decision: { kind: "accept" | "rename"; name?: string } | { kind: "reject" },
): Promise<void> {
  assertCan(scope, "circle.facilitate");
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, circleId);
    const c = await repo.cluster(trx, circleId, clusterId);
    if (!c) throw new AppError("circle_cluster_not_found", 404, "No such cluster");
    if (decision.kind === "reject") await repo.updateCluster(trx, c.id, { status: "rejected" });
    else {
      const name = (decision.name ?? c.name).trim();
      if (name.length === 0 || name.length > 120) throw new CircleInvalid([problem("name", "clusterName")]);
      await repo.updateCluster(trx, c.id, {
        name,
        status: decision.kind === "accept" ? "accepted" : c.status,
      });
      if (decision.kind === "accept") {
        const members = (await repo.clusterMembers(trx, [c.id])).map((m) => m.response_id);
        await repo.leaveOtherClusters(trx, c.id, members);
      }
    }
    await appendAudit(
      p,
      byStaff(scope, `circle.cluster.${decision.kind}`, { targetType: "circle", targetId: circleId }),
      trx,
    );
  });
}

/** Turns a response or a cluster into a draft action item, linked back to it. */
export async function addActionItem(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  input: { sourceType: "response" | "cluster"; sourceId: string; title: string },
): Promise<void> {
  assertCan(scope, "circle.facilitate");
  const title = input.title.trim();
  if (title.length < 3 || title.length > 300) throw new CircleInvalid([problem("title", "title")]);
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, circleId);
    const source =
      input.sourceType === "response"
        ? await repo.response(trx, circleId, input.sourceId)
        : await repo.cluster(trx, circleId, input.sourceId);
    if (!source) throw new AppError("circle_source_not_found", 404, "No such response or cluster");
    await repo.insertAction(trx, {
      id: newId(),
      circle_id: circleId,
      organisation_id: scope.organisationId,
      source_type: input.sourceType,
      source_id: input.sourceId,
      kind: "action",
      title,
      library_item_id: null,
      created_by: scope.userId,
      created_at: now(),
    });
    await appendAudit(p, byStaff(scope, "circle.action", { targetType: "circle", targetId: circleId }), trx);
  });
}

/**
 * Records that a library submission was started from a circle's response or cluster (the library calls
 * this when its form carried `origin`). Returns false when the origin is not this organisation's circle.
 */
export async function linkLibrarySubmission(
  p: Platform,
  scope: StaffScope,
  origin: string,
  libraryItemId: string,
  title: string,
): Promise<boolean> {
  const m = /^circle:([0-9a-f]{10,40}):(response|cluster):([0-9a-z-]{10,60})$/.exec(origin);
  if (!m) return false;
  const [, circleId = "", sourceType = "", sourceId = ""] = m;
  const row = await repo.circle(p.db, scope.organisationId, circleId);
  if (!row) return false;
  await repo.insertAction(p.db, {
    id: newId(),
    circle_id: circleId,
    organisation_id: scope.organisationId,
    source_type: sourceType,
    source_id: sourceId,
    kind: "library",
    title: title.slice(0, 300),
    library_item_id: libraryItemId,
    created_by: scope.userId,
    created_at: now(),
  });
  return true;
}

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
      text: open(key, r.text_sealed, responseAad(r.id, row.organisation_id)).toString("utf8"),
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
  if (row?.report_visibility !== "public") throw notFound();
  return buildReport(p, row);
}

/**
 * Suggests groups of similar responses to one question (`clustering.ts`): the shown and held responses,
 * not hidden ones or merged duplicates, nor those already in an accepted group. Earlier suggestions for the
 * question are replaced; the facilitator accepts, renames or rejects each one. Deterministic: the same
 * responses give the same suggestions.
 */
export async function suggestFor(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  questionId: string,
): Promise<number> {
  assertCan(scope, "circle.facilitate");
  const row = await ownCircle(p.db, scope, circleId);
  const questions = await repo.questions(p.db, circleId);
  if (!questions.some((q) => q.id === questionId))
    throw new AppError("circle_question_not_found", 404, "No such question");
  const key = await organisationKey(p, scope.organisationId);
  const [responses, clusters] = await Promise.all([
    repo.responsesOfQuestion(p.db, questionId),
    repo.clustersOf(p.db, circleId),
  ]);
  const grouped = new Set(
    (
      await repo.clusterMembers(
        p.db,
        clusters.filter((c) => c.status === "accepted" && c.question_id === questionId).map((c) => c.id),
      )
    ).map((m) => m.response_id),
  );
  const input = responses
    .filter((r) => (r.status === "visible" || r.status === "held") && !grouped.has(r.id))
    .map((r) => ({
      id: r.id,
      language: r.language,
      text: open(key, r.text_sealed, responseAad(r.id, row.organisation_id)).toString("utf8"),
    }));
  const { clusters: suggested } = suggestClusters(input);
  const at = now();
  await p.db.transaction().execute(async (trx) => {
    await repo.dropSuggestions(trx, questionId);
    for (const [i, c] of suggested.entries()) {
      await repo.insertCluster(
        trx,
        {
          id: `${questionId}-s${i + 1}-${newId().slice(-6)}`,
          circle_id: circleId,
          question_id: questionId,
          name: c.label,
          status: "suggested",
          created_at: at,
        },
        c.ids,
      );
    }
    await appendAudit(
      p,
      byStaff(scope, "circle.cluster.suggest", {
        targetType: "circle",
        targetId: circleId,
        detail: { suggested: suggested.length },
      }),
      trx,
    );
  });
  return suggested.length;
}

/**
 * Merges ticked responses to one question as duplicates of one of them: the one most supported (then the
 * earliest) stays and the others fold into it (their supporters counted once in the report).
 */
export async function mergeDuplicates(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  responseIds: readonly string[],
): Promise<void> {
  assertCan(scope, "circle.facilitate");
  await p.db.transaction().execute(async (trx) => {
    await ownCircle(trx, scope, circleId);
    const rows = await Promise.all([...new Set(responseIds)].map((id) => repo.response(trx, circleId, id)));
    const found = rows.filter((r): r is repo.ResponseRow => r !== undefined && r.status !== "merged");
    if (
      found.length < 2 ||
      found.length !== rows.length ||
      new Set(found.map((r) => r.question_id)).size !== 1
    )
      throw new CircleInvalid([problem("responseIds", "mergeResponses")]);
    const [keep, ...rest] = [...found].sort(
      (a, b) =>
        b.supports - a.supports || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    );
    for (const r of rest)
      await repo.updateResponse(trx, r.id, { status: "merged", merged_into: keep?.id ?? null });
    await appendAudit(
      p,
      byStaff(scope, "circle.response.merge", {
        targetType: "circle",
        targetId: circleId,
        detail: { merged: rest.length },
      }),
      trx,
    );
  });
}

/** One response as the facilitator's moderation page shows it. */
export async function responseForFacilitator(
  p: Platform,
  scope: StaffScope,
  circleId: string,
  responseId: string,
) {
  assertCan(scope, "circle.facilitate");
  const row = await ownCircle(p.db, scope, circleId);
  const r = await repo.response(p.db, circleId, responseId);
  if (!r) throw new AppError("circle_response_not_found", 404, "No such response");
  const key = await organisationKey(p, scope.organisationId);
  const [questions, themes] = await Promise.all([
    repo.questions(p.db, circleId),
    repo.themesOf(p.db, [r.id]),
  ]);
  const question = questions.find((q) => q.id === r.question_id);
  await appendAudit(
    p,
    byStaff(scope, "circle.response.read", { targetType: "circle_response", targetId: r.id }),
  );
  return {
    circle: { id: row.id, title: row.title },
    question: { position: question?.position ?? 0, text: question?.text ?? "" },
    response: {
      id: r.id,
      questionId: r.question_id,
      text: open(key, r.text_sealed, responseAad(r.id, scope.organisationId)).toString("utf8"),
      original: r.original_sealed
        ? open(key, r.original_sealed, originalAad(r.id, scope.organisationId)).toString("utf8")
        : undefined,
      language: r.language,
      status: r.status,
      flags: JSON.parse(r.flags) as string[],
      mergedInto: r.merged_into,
      supports: r.supports,
      themes: themes.map((x) => x.theme),
      createdAt: r.created_at,
    } satisfies FacilitatorResponse,
  };
}
