import type { Insertable, Selectable } from "kysely";
import type { Executor } from "../../platform/db/database.ts";
import type {
  CircleActionsTable,
  CircleParticipantsTable,
  CircleResponsesTable,
  CirclesTable,
  ForumsTable,
} from "../../platform/db/schema.ts";

/** All SQL of the circles module. Staff reads take the organisation id; public reads go by join code. */

export type CircleRow = Selectable<CirclesTable>;
export type ResponseRow = Selectable<CircleResponsesTable>;
export type ParticipantRow = Selectable<CircleParticipantsTable>;

export async function insertForum(db: Executor, row: Insertable<ForumsTable>): Promise<void> {
  await db.insertInto("forums").values(row).execute();
}

export function forumsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("forums")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at", "desc")
    .execute();
}

export function forum(db: Executor, organisationId: string, id: string) {
  return db
    .selectFrom("forums")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function insertCircle(
  db: Executor,
  row: Insertable<CirclesTable>,
  questions: readonly string[],
): Promise<void> {
  await db.insertInto("circles").values(row).execute();
  await db
    .insertInto("circle_questions")
    .values(
      questions.map((text, i) => ({ id: `${row.id}-q${i + 1}`, circle_id: row.id, position: i + 1, text })),
    )
    .execute();
}

export function joinCodeTaken(db: Executor, code: string): Promise<boolean> {
  return db.selectFrom("circles").select("id").where("join_code", "=", code).executeTakeFirst().then(Boolean);
}

export function circlesOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("circles")
    .leftJoin("forums", "forums.id", "circles.forum_id")
    .select([
      "circles.id",
      "circles.title",
      "circles.starts_at",
      "circles.status",
      "circles.join_code",
      "circles.forum_id",
      "forums.title as forum_title",
      (eb) =>
        eb
          .selectFrom("circle_participants")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("circle_participants.circle_id", "=", "circles.id")
          .as("participants"),
      (eb) =>
        eb
          .selectFrom("circle_responses")
          .select((e) => e.fn.countAll<number>().as("n"))
          .whereRef("circle_responses.circle_id", "=", "circles.id")
          .as("responses"),
    ])
    .where("circles.organisation_id", "=", organisationId)
    .orderBy("circles.starts_at", "desc")
    .execute();
}

export function circle(db: Executor, organisationId: string, id: string): Promise<CircleRow | undefined> {
  return db
    .selectFrom("circles")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function circleById(db: Executor, id: string): Promise<CircleRow | undefined> {
  return db.selectFrom("circles").selectAll().where("id", "=", id).executeTakeFirst();
}

export function circleByCode(db: Executor, code: string): Promise<CircleRow | undefined> {
  return db.selectFrom("circles").selectAll().where("join_code", "=", code).executeTakeFirst();
}

export function circlesOfForum(db: Executor, organisationId: string, forumId: string) {
  return db
    .selectFrom("circles")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("forum_id", "=", forumId)
    .orderBy("starts_at")
    .execute();
}

export function updateCircle(db: Executor, id: string, changes: Partial<Insertable<CirclesTable>>) {
  return db.updateTable("circles").set(changes).where("id", "=", id).execute();
}

export function questions(db: Executor, circleId: string) {
  return db
    .selectFrom("circle_questions")
    .select(["id", "position", "text"])
    .where("circle_id", "=", circleId)
    .orderBy("position")
    .execute();
}

export async function insertParticipant(
  db: Executor,
  row: Insertable<CircleParticipantsTable>,
): Promise<void> {
  await db.insertInto("circle_participants").values(row).execute();
}

export function participantByToken(db: Executor, circleId: string, tokenHash: string) {
  return db
    .selectFrom("circle_participants")
    .selectAll()
    .where("circle_id", "=", circleId)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

export function participants(db: Executor, circleIds: readonly string[]) {
  if (circleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("circle_participants")
    .select(["circle_id", "age_group", "knowledge", "sector"])
    .where("circle_id", "in", circleIds)
    .execute();
}

export async function insertResponse(db: Executor, row: Insertable<CircleResponsesTable>): Promise<void> {
  await db.insertInto("circle_responses").values(row).execute();
}

export function responsesOfCircle(db: Executor, circleId: string): Promise<ResponseRow[]> {
  return db
    .selectFrom("circle_responses")
    .selectAll()
    .where("circle_id", "=", circleId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function responsesOfQuestion(db: Executor, questionId: string): Promise<ResponseRow[]> {
  return db
    .selectFrom("circle_responses")
    .selectAll()
    .where("question_id", "=", questionId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function response(db: Executor, circleId: string, id: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom("circle_responses")
    .selectAll()
    .where("circle_id", "=", circleId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function updateResponse(db: Executor, id: string, changes: Partial<Insertable<CircleResponsesTable>>) {
  return db.updateTable("circle_responses").set(changes).where("id", "=", id).execute();
}

/** Adds a participant's support once; returns whether it was new (a second +1 changes nothing). */
export async function addSupport(
  db: Executor,
  responseId: string,
  participantId: string,
  at: string,
): Promise<boolean> {
  const added = await db
    .insertInto("circle_supports")
    .values({ response_id: responseId, participant_id: participantId, created_at: at })
    .onConflict((oc) => oc.columns(["response_id", "participant_id"]).doNothing())
    .executeTakeFirst();
  if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await db
    .updateTable("circle_responses")
    .set((eb) => ({ supports: eb("supports", "+", 1) }))
    .where("id", "=", responseId)
    .execute();
  return true;
}

export function supportedBy(db: Executor, participantId: string, responseIds: readonly string[]) {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("circle_supports")
    .select("response_id")
    .where("participant_id", "=", participantId)
    .where("response_id", "in", responseIds)
    .execute();
}

/** Distinct supporters of a set of responses (a duplicate's supporters count once with the original's). */
export async function distinctSupporters(db: Executor, responseIds: readonly string[]): Promise<number> {
  if (responseIds.length === 0) return 0;
  const rows = await db
    .selectFrom("circle_supports")
    .select("participant_id")
    .distinct()
    .where("response_id", "in", responseIds)
    .execute();
  return rows.length;
}

export function themesOf(db: Executor, responseIds: readonly string[]) {
  if (responseIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("circle_response_themes")
    .select(["response_id", "theme"])
    .where("response_id", "in", responseIds)
    .execute();
}

export async function setThemes(db: Executor, responseId: string, themes: readonly string[]): Promise<void> {
  await db.deleteFrom("circle_response_themes").where("response_id", "=", responseId).execute();
  if (themes.length > 0)
    await db
      .insertInto("circle_response_themes")
      .values(themes.map((theme) => ({ response_id: responseId, theme })))
      .execute();
}

export function clustersOf(db: Executor, circleId: string) {
  return db
    .selectFrom("circle_clusters")
    .selectAll()
    .where("circle_id", "=", circleId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function clusterMembers(db: Executor, clusterIds: readonly string[]) {
  if (clusterIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("circle_cluster_members")
    .select(["cluster_id", "response_id"])
    .where("cluster_id", "in", clusterIds)
    .execute();
}

export async function insertCluster(
  db: Executor,
  row: {
    id: string;
    circle_id: string;
    question_id: string;
    name: string;
    status: string;
    created_at: string;
  },
  responseIds: readonly string[],
): Promise<void> {
  await db.insertInto("circle_clusters").values(row).execute();
  if (responseIds.length > 0)
    await db
      .insertInto("circle_cluster_members")
      .values(responseIds.map((response_id) => ({ cluster_id: row.id, response_id })))
      .execute();
}

/** Takes responses out of every other accepted cluster of their question (a response is in one group). */
export async function leaveOtherClusters(db: Executor, clusterId: string, responseIds: readonly string[]) {
  if (responseIds.length === 0) return;
  await db
    .deleteFrom("circle_cluster_members")
    .where("response_id", "in", responseIds)
    .where("cluster_id", "<>", clusterId)
    .where("cluster_id", "in", (eb) =>
      eb.selectFrom("circle_clusters").select("id").where("status", "=", "accepted"),
    )
    .execute();
}

export function cluster(db: Executor, circleId: string, id: string) {
  return db
    .selectFrom("circle_clusters")
    .selectAll()
    .where("circle_id", "=", circleId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function updateCluster(db: Executor, id: string, changes: { name?: string; status?: string }) {
  return db.updateTable("circle_clusters").set(changes).where("id", "=", id).execute();
}

export async function dropSuggestions(db: Executor, questionId: string): Promise<void> {
  const ids = (
    await db
      .selectFrom("circle_clusters")
      .select("id")
      .where("question_id", "=", questionId)
      .where("status", "=", "suggested")
      .execute()
  ).map((r) => r.id);
  if (ids.length === 0) return;
  await db.deleteFrom("circle_cluster_members").where("cluster_id", "in", ids).execute();
  await db.deleteFrom("circle_clusters").where("id", "in", ids).execute();
}

export async function insertAction(db: Executor, row: Insertable<CircleActionsTable>): Promise<void> {
  await db.insertInto("circle_actions").values(row).execute();
}

export function actionsOf(db: Executor, circleId: string) {
  return db
    .selectFrom("circle_actions")
    .selectAll()
    .where("circle_id", "=", circleId)
    .orderBy("created_at")
    .execute();
}

/** Rewrites a circle's questions: existing positions keep their ids (and responses), new ones are added,
 * removed ones deleted (the service allows it only when nobody answered them). */
export async function replaceQuestions(
  db: Executor,
  circleId: string,
  texts: readonly string[],
): Promise<void> {
  const existing = await questions(db, circleId);
  for (const [i, text] of texts.entries()) {
    const q = existing.find((x) => x.position === i + 1);
    if (q) {
      if (q.text !== text)
        await db.updateTable("circle_questions").set({ text }).where("id", "=", q.id).execute();
    } else
      await db
        .insertInto("circle_questions")
        .values({ id: `${circleId}-q${i + 1}`, circle_id: circleId, position: i + 1, text })
        .execute();
  }
  const gone = existing.filter((q) => q.position > texts.length).map((q) => q.id);
  if (gone.length > 0) await db.deleteFrom("circle_questions").where("id", "in", gone).execute();
}

export async function questionsAnswered(db: Executor, questionIds: readonly string[]): Promise<boolean> {
  if (questionIds.length === 0) return false;
  const row = await db
    .selectFrom("circle_responses")
    .select("id")
    .where("question_id", "in", questionIds)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a participant has answered a question (one indexed lookup, for the +1's check). */
export async function hasAnswered(db: Executor, questionId: string, participantId: string): Promise<boolean> {
  const row = await db
    .selectFrom("circle_responses")
    .select("id")
    .where("question_id", "=", questionId)
    .where("participant_id", "=", participantId)
    .executeTakeFirst();
  return row !== undefined;
}
