import type { Kysely } from "kysely";

/**
 * Conversation circles (issue 6). A forum groups circles on the same questions. Participants join a circle
 * with its code and no account: a random token in a cookie, only its hash stored, with optional broad
 * self-descriptions. Responses are sealed with the organisation's data key (people sometimes write more
 * than they should); an edit keeps the original, sealed too. Supports are one per participant. Themes and
 * clusters are the facilitator's grouping; suggested clusters wait for acceptance. Action items keep the
 * link back to what they came from.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("forums")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("forums_org").on("forums").column("organisation_id").execute();

  await db.schema
    .createTable("circles")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    .addColumn("forum_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("online", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("moderator_name", "text", (c) => c.notNull())
    .addColumn("moderator_affiliation", "text", (c) => c.notNull().defaultTo(""))
    // JSON array of language codes; the first is the circle's main language (the report's labels).
    .addColumn("languages", "text", (c) => c.notNull())
    // draft (not yet open) | open (participants may answer) | closed (read only)
    .addColumn("status", "text", (c) => c.notNull().defaultTo("draft"))
    .addColumn("join_code", "text", (c) => c.notNull().unique())
    // members (signed-in staff of the organisation) | public (anyone with the link)
    .addColumn("report_visibility", "text", (c) => c.notNull().defaultTo("members"))
    .addColumn("common_threads", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("follow_up", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circles_org")
    .on("circles")
    .columns(["organisation_id", "starts_at"])
    .execute();
  await db.schema.createIndex("circles_forum").on("circles").column("forum_id").execute();

  await db.schema
    .createTable("circle_questions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("circle_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circle_questions_order")
    .on("circle_questions")
    .columns(["circle_id", "position"])
    .unique()
    .execute();

  await db.schema
    .createTable("circle_participants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("circle_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("age_group", "text")
    .addColumn("knowledge", "text")
    .addColumn("sector", "text")
    .addColumn("joined_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circle_participants_circle")
    .on("circle_participants")
    .column("circle_id")
    .execute();

  await db.schema
    .createTable("circle_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("circle_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("participant_id", "text")
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text_sealed", "text", (c) => c.notNull())
    // The participant's words before the facilitator's first edit (null until then).
    .addColumn("original_sealed", "text")
    // visible | held (looks like personal data: the facilitator decides) | hidden | merged
    .addColumn("status", "text", (c) => c.notNull())
    // What made it held: JSON array of kinds (phone, email, name_with_age...).
    .addColumn("flags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("merged_into", "text")
    .addColumn("supports", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("edited_by", "text")
    .addColumn("edited_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circle_responses_question")
    .on("circle_responses")
    .columns(["question_id", "created_at"])
    .execute();
  await db.schema.createIndex("circle_responses_circle").on("circle_responses").column("circle_id").execute();

  await db.schema
    .createTable("circle_supports")
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("participant_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("circle_supports_pk", ["response_id", "participant_id"])
    .execute();

  await db.schema
    .createTable("circle_response_themes")
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("theme", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("circle_response_themes_pk", ["response_id", "theme"])
    .execute();

  await db.schema
    .createTable("circle_clusters")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("circle_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // suggested | accepted | rejected
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circle_clusters_question")
    .on("circle_clusters")
    .column("question_id")
    .execute();
  await db.schema
    .createTable("circle_cluster_members")
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("circle_cluster_members_pk", ["cluster_id", "response_id"])
    .execute();
  await db.schema
    .createIndex("circle_cluster_members_response")
    .on("circle_cluster_members")
    .column("response_id")
    .execute();

  await db.schema
    .createTable("circle_actions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("circle_id", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull())
    // response | cluster
    .addColumn("source_type", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    // action (a draft action item) | library (a library submission, with its item id)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("library_item_id", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("circle_actions_circle").on("circle_actions").column("circle_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "circle_actions",
    "circle_cluster_members",
    "circle_clusters",
    "circle_response_themes",
    "circle_supports",
    "circle_responses",
    "circle_participants",
    "circle_questions",
    "circles",
    "forums",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
