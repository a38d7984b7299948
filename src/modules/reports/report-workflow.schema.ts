import { z } from "zod";
import { CLOSE_REASONS, STATUSES, URGENCY_LEVELS } from "./report-workflow.ts";
import { FollowUpMessageSchema } from "./reports.schema.ts";

/** A report or share id as the app makes them (time-ordered hex). */
export const EntityId = z.string().regex(/^[0-9a-f]{28,40}$/, { message: "invalid_id" });

/** Free text a staff member writes (a reply or a note): the same rules as a reporter's message. */
const StaffText = FollowUpMessageSchema.shape.message;

export const ReplyBody = z.object({ message: StaffText }).strict();
export const NoteBody = z.object({ note: StaffText }).strict();
/** Unknown statuses and reasons are refused by the workflow table with a clear error id, so strings here. */
export const StatusBody = z
  .object({
    status: z
      .string()
      .max(40)
      .describe(`One of: ${STATUSES.join(", ")}`),
    closeReason: z
      .string()
      .max(40)
      .optional()
      .describe(`Required when closing; one of: ${CLOSE_REASONS.join(", ")}`),
  })
  .strict();
export const UrgencyBody = z.object({ urgency: z.enum(URGENCY_LEVELS) }).strict();
export const AssignBody = z
  .object({
    assignee: z
      .string()
      .regex(/^(me|none|[0-9a-f-]{28,40})$/, { message: "invalid_assignee" })
      .describe("A colleague's user id, `me`, or `none` to unassign"),
  })
  .strict();
export const MergeBody = z
  .object({ into: EntityId.describe("The report this one duplicates (same organisation)") })
  .strict();
export const ShareBody = z.object({ organisationId: z.string().min(1).max(64) }).strict();
/** The page form names the field after what the person chooses. */
export const ShareForm = z.object({ organisation: z.string().min(1).max(64) }).strict();
