import type { Platform, StaffScope } from "../../platform/platform.ts";
import { assertCan } from "../accounts/permissions.ts";
import type { ReportSubmission } from "./reports.schema.ts";
import { INTAKE_CHANNELS, type Submitted, submitReport } from "./reports.service.ts";

export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

export function isIntakeChannel(value: unknown): value is IntakeChannel {
  return typeof value === "string" && (INTAKE_CHANNELS as readonly string[]).includes(value);
}

/**
 * Records a report a staff member took by phone, SMS, email or in person: filed with their organisation
 * only, with the channel, and a receipt code the person can use at follow-up like anyone else.
 */
export async function recordIntake(
  p: Platform,
  scope: StaffScope,
  input: ReportSubmission,
  channel: IntakeChannel,
): Promise<Submitted> {
  assertCan(scope, "report.intake");
  // Audited as `report.intake` by this staff member, in the report's own transaction (see submitReport).
  return submitReport(p, input, {
    channel,
    recordedBy: { userId: scope.userId, organisationId: scope.organisationId },
  });
}
