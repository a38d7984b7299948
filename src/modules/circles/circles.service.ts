import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError, type FieldProblem } from "../../platform/http/errors.ts";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import { TOPICS } from "../library/seed-content.ts";
import * as repo from "./circles.repository.ts";
import { newJoinCode } from "./participation.service.ts";
import { CIRCLE_THEMES } from "./report-model.ts";

/**
 * Running circles, for the organisation's staff: create forums and circles, correct them, open and close
 * them, choose who reads the report. Facilitating is `facilitation.service.ts`, the reports
 * `circle-report.service.ts`. Every query is the organisation's own; every change is audited.
 */

/** Themes a facilitator tags: the four Ps, then the library's topics. */
export const THEMES: readonly string[] = [...new Set<string>([...CIRCLE_THEMES, ...TOPICS])];
export const MAX_QUESTIONS = 10;

export class CircleInvalid extends AppError {
  constructor(readonly problems: readonly FieldProblem[]) {
    super("circle_invalid", 400, "Some fields need attention", problems);
  }
}
export const problem = (field: string, code: string): FieldProblem => ({ field, code, message: code });
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

/** The organisation's circle, or 404. */
export async function ownCircle(db: Executor, scope: StaffScope, id: string) {
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
