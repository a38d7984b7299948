import { appendAudit, byStaff } from "../../platform/audit/audit.ts";
import { open, seal } from "../../platform/crypto/envelope.ts";
import { type Executor, now } from "../../platform/db/database.ts";
import { newId } from "../../platform/db/ids.ts";
import { AppError } from "../../platform/http/errors.ts";
import type { Platform, StaffScope } from "../../platform/platform.ts";
import { organisationKey } from "../accounts/accounts.service.ts";
import { assertCan } from "../accounts/permissions.ts";
import * as repo from "./circles.repository.ts";
import { CircleInvalid, circleFacts, ownCircle, problem, THEMES } from "./circles.service.ts";
import { suggestClusters } from "./clustering.ts";
import { participantSummary } from "./participant-summary.ts";
import { originalAad, responseAad, responseText } from "./participation.service.ts";

/**
 * Facilitating a circle, for the organisation's staff: the console's view of responses, groups and who took
 * part; moderation (hide, release, edit keeping the participant's words, merge duplicates, themes); groups
 * made by hand or suggested (`clustering.ts`); reflections; follow-through to action items and the library.
 * Every change is audited (ids and counts, never response text).
 */

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

/** A stored response as the facilitator sees it: texts opened, its themes and accepted group. */
function facilitatorResponse(
  r: repo.ResponseRow,
  key: Buffer,
  organisationId: string,
  themes: readonly { response_id: string; theme: string }[],
  clusterId?: string,
): FacilitatorResponse {
  return {
    id: r.id,
    questionId: r.question_id,
    text: responseText(key, r, organisationId),
    original: r.original_sealed
      ? open(key, r.original_sealed, originalAad(r.id, organisationId)).toString("utf8")
      : undefined,
    language: r.language,
    status: r.status,
    flags: JSON.parse(r.flags) as string[],
    mergedInto: r.merged_into,
    supports: r.supports,
    themes: themes.filter((t) => t.response_id === r.id).map((t) => t.theme),
    clusterId,
    createdAt: r.created_at,
  };
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
      (r): FacilitatorResponse =>
        facilitatorResponse(r, key, scope.organisationId, themes, clusterOf.get(r.id)),
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
      text: responseText(key, r, row.organisation_id),
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
    response: facilitatorResponse(r, key, scope.organisationId, themes),
  };
}
