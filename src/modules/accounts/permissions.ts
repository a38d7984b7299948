import { AppError } from "../../platform/http/errors.ts";
import type { StaffScope } from "../../platform/platform.ts";

export const ROLES = ["admin", "coordinator", "caseworker", "analyst", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** Everything a staff member can be allowed to do; services check one of these before acting. */
export const ACTIONS = [
  // reports: the inbox and its metadata, then content, then changes
  "report.list",
  "report.read",
  "report.reply",
  "report.note",
  "report.update", // status, close with a reason, urgency
  "report.assign",
  "report.merge",
  "report.share", // offer to, accept from, revoke for another organisation
  "report.intake", // record a report taken by phone, SMS, email or in person
  // online ads (public web content shared by the deployment's organisations)
  "ads.import",
  // the identifier graph: ranked ads, clusters, identifiers' values, the network and the hotspot map
  "links.read",
  "links.export", // a cluster as a lead package for referral (audited)
  // the library (public learning content, shared by the whole deployment)
  "library.submit", // propose a best practice or a resource; see and edit one's own drafts
  "library.edit", // write, revise, review, approve (a second editor), archive; survivors' consent records
  // conversation circles (the organisation's own)
  "circle.manage", // create and edit circles and forums, open and close them, choose who reads the report
  "circle.facilitate", // moderate responses, themes and clusters, reflections, reports, follow-through
  // the organisation
  "user.manage", // staff accounts, roles, invitations
  "organisation.manage", // settings, coverage countries, retention
  "audit.read",
] as const;
export type Action = (typeof ACTIONS)[number];

const READ_AND_ANSWER: readonly Action[] = [
  "report.list",
  "report.read",
  "report.reply",
  "report.note",
  "report.update",
  "report.intake",
];

/**
 * The permission table: which role may do what, within its own organisation. Roles that are not listed
 * for an action are refused it. Report content is for the roles that answer reporters; coordinators
 * also route work (assign, merge, share); admins run the organisation.
 */
const TABLE: Readonly<Record<Role, readonly Action[]>> = {
  admin: [
    ...READ_AND_ANSWER,
    "report.assign",
    "report.merge",
    "report.share",
    "ads.import",
    "links.read",
    "links.export",
    "user.manage",
    "organisation.manage",
    "audit.read",
    "library.submit",
    "circle.manage",
    "circle.facilitate",
  ],
  coordinator: [
    ...READ_AND_ANSWER,
    "report.assign",
    "report.merge",
    "report.share",
    "ads.import",
    "links.read",
    "links.export",
    "library.submit",
    "circle.manage",
    "circle.facilitate",
  ],
  caseworker: [...READ_AND_ANSWER, "links.read", "library.submit", "circle.facilitate"],
  analyst: ["ads.import", "links.read", "links.export", "library.submit"],
  editor: ["library.submit", "library.edit", "circle.facilitate"],
  viewer: ["library.submit"],
};

/**
 * Roles that can read report (or case) content or the identifiers linked to it (numbers, accounts,
 * wallets): they must sign in with a second factor.
 */
export function readsContent(role: string): boolean {
  return can(role, "report.read") || can(role, "links.read");
}

const ALLOWED: ReadonlyMap<string, ReadonlySet<Action>> = new Map(
  Object.entries(TABLE).map(([role, actions]) => [role, new Set(actions)]),
);

export function can(role: string, action: Action): boolean {
  return ALLOWED.get(role)?.has(action) ?? false;
}

/** Throws `forbidden` (403) unless the acting user's role allows the action. */
export function assertCan(scope: StaffScope, action: Action): void {
  if (!can(scope.role, action)) throw new AppError("forbidden", 403, "Your role does not allow this");
}
