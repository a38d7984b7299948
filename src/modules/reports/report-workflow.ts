import { AppError } from "../../platform/http/errors.ts";

/** The statuses of one organisation's copy of a report, in the order work usually goes. */
export const STATUSES = ["new", "in_review", "referred", "escalated", "closed"] as const;
export type Status = (typeof STATUSES)[number];

/** Why a report was closed: required when closing, shown in the timeline and kept for statistics. */
export const CLOSE_REASONS = [
  "resolved",
  "referred_to_police",
  "referred_to_organisation",
  "duplicate",
  "not_trafficking",
  "insufficient_information",
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Urgency levels by stored value: 0 normal, 1 high, 2 urgent. */
export const URGENCY_LEVELS = ["normal", "high", "urgent"] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

/**
 * The one table of allowed status changes. Reopening a closed report is a decision about someone else's
 * work, so it is kept for the roles that route work (see REOPEN_ROLES).
 */
export const TRANSITIONS: Readonly<Record<Status, readonly Status[]>> = {
  new: ["in_review", "referred", "escalated", "closed"],
  in_review: ["referred", "escalated", "closed"],
  referred: ["in_review", "escalated", "closed"],
  escalated: ["in_review", "referred", "closed"],
  closed: ["in_review"],
};
const REOPEN_ROLES: ReadonlySet<string> = new Set(["admin", "coordinator"]);

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

export function isCloseReason(value: string): value is CloseReason {
  return (CLOSE_REASONS as readonly string[]).includes(value);
}

/** The status changes this role may make from `from` (for the form's options). */
export function nextStatuses(from: string, role: string): Status[] {
  if (!isStatus(from)) return [];
  if (from === "closed" && !REOPEN_ROLES.has(role)) return [];
  return [...TRANSITIONS[from]];
}

/**
 * Checks one status change; throws a 400 for a missing or unknown reason, a 409 for a change the table
 * does not allow, a 403 for a reopen by a role that may not. Returns the reason to store (null unless closing).
 */
export function checkTransition(
  from: string,
  to: string,
  role: string,
  closeReason: string | undefined,
): CloseReason | null {
  if (!isStatus(to)) throw new AppError("invalid_status", 400, `Unknown status: ${to}`);
  if (to === "closed") {
    if (!closeReason) throw new AppError("close_reason_required", 400, "Closing a report needs a reason");
    if (!isCloseReason(closeReason)) throw new AppError("invalid_close_reason", 400, "Unknown close reason");
  } else if (closeReason) {
    throw new AppError("close_reason_not_allowed", 400, "A close reason is only given when closing");
  }
  if (!isStatus(from) || !TRANSITIONS[from].includes(to)) {
    throw new AppError("invalid_transition", 409, `A report cannot go from ${from} to ${to}`);
  }
  if (from === "closed" && !REOPEN_ROLES.has(role)) {
    throw new AppError("forbidden", 403, "Only an admin or a coordinator can reopen a closed report");
  }
  return to === "closed" ? (closeReason as CloseReason) : null;
}
