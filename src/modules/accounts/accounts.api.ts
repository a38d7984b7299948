import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { WebContext } from "../../platform/http/pages.ts";
import {
  AccountIdParams,
  AccountsApiErrorSchema,
  AuditPageSchema,
  AuditQuerySchema,
  InvitationBody,
  InvitationCreatedSchema,
  InvitationListSchema,
  InvitationSchema,
  OrganisationSettingsBody,
  OrganisationSettingsSchema,
  OrganisationUpdatedSchema,
  RoleBody,
  StaffListSchema,
  StaffMemberSchema,
} from "./accounts.schema.ts";
import type { StaffSession } from "./accounts.service.ts";
import { AUDIT_PAGE_SIZE, browseAudit } from "./audit-log.service.ts";
import { createInvitation, invitationUrl, listInvitations, revokeInvitation } from "./invitations.service.ts";
import { manageOrganisationSettings, updateOrganisationSettings } from "./organisation-settings.service.ts";
import { changeRole, listStaff, resetTwoFactor, setDisabled, staffMember } from "./staff-admin.service.ts";
import { API_SECURITY, requireStaffApi } from "./staff-auth.ts";

const E = AccountsApiErrorSchema;
const ERRORS = { 400: E, 401: E, 403: E, 404: E };
const WITH_CONFLICT = { ...ERRORS, 409: E };
const READ = API_SECURITY.read;
const WRITE = API_SECURITY.write;

/**
 * The admin console's actions in the JSON API: the audit log, staff accounts and invitations, the
 * organisation's settings. Thin: the services check the permission, scope to the organisation and audit.
 * API tokens are managed in the console only (a token never mints or revokes tokens).
 */
export function accountsApi(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/staff/audit",
    {
      schema: {
        summary: "Read the audit log",
        description: `Your organisation's audit log, newest first, ${AUDIT_PAGE_SIZE} entries a page, with the filters of the console's audit page. Needs audit.read (admins); reading the log is itself audited (\`audit.read\`).`,
        tags: ["audit"],
        security: READ,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      const entries = await browseAudit(p, staff, request.query);
      const last = entries.at(-1);
      return { entries, nextBefore: entries.length === AUDIT_PAGE_SIZE && last ? last.seq : null };
    },
  );

  const staffTags = ["staff accounts"];

  api.get(
    "/api/v1/staff/users",
    {
      schema: {
        summary: "List your organisation's staff",
        description:
          "Every staff account of your organisation, as the admin page lists it. Needs user.manage.",
        tags: staffTags,
        security: READ,
        response: { 200: StaffListSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return { staff: await listStaff(p, staff) };
    },
  );

  api.get(
    "/api/v1/staff/invitations",
    {
      schema: {
        summary: "List open invitations",
        description: "Invitations not yet accepted or withdrawn (expired ones say so). Needs user.manage.",
        tags: staffTags,
        security: READ,
        response: { 200: InvitationListSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return { invitations: await listInvitations(p, staff) };
    },
  );

  api.post(
    "/api/v1/staff/invitations",
    {
      schema: {
        summary: "Invite a colleague",
        description:
          "Creates a one-time invitation link, valid 7 days; the answer is the only time it is shown. Needs user.manage. Errors: invalid_email, invalid_name (400), email_taken (409), each with its field.",
        tags: staffTags,
        security: WRITE,
        body: InvitationBody,
        response: { 201: InvitationCreatedSchema, ...WITH_CONFLICT },
      },
    },
    async (request, reply) => {
      const staff = await requireStaffApi(p, request);
      const { id, token } = await createInvitation(p, staff, request.body);
      return reply.code(201).send({ id, link: invitationUrl(p, token) });
    },
  );

  api.post(
    "/api/v1/staff/invitations/:id/revoke",
    {
      schema: {
        summary: "Withdraw an invitation",
        description: "Its link stops working. Needs user.manage. Error: invitation_not_found (404).",
        tags: staffTags,
        security: WRITE,
        params: AccountIdParams,
        response: { 200: InvitationSchema.pick({ id: true }), ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      await revokeInvitation(p, staff, request.params.id);
      return { id: request.params.id };
    },
  );

  const colleagueSchema = (summary: string, description: string) => ({
    summary,
    description: `${description} Needs user.manage. Error: user_not_found (404, also for another organisation's account).`,
    tags: staffTags,
    security: WRITE,
    params: AccountIdParams,
    response: { 200: StaffMemberSchema, ...WITH_CONFLICT },
  });

  api.post(
    "/api/v1/staff/users/:id/role",
    {
      schema: {
        ...colleagueSchema(
          "Change a colleague's role",
          "Their sessions end, so the new role applies at once. Errors: own_role, last_admin (409).",
        ),
        body: RoleBody,
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      await changeRole(p, staff, request.params.id, request.body.role);
      return staffMember(p, staff, request.params.id);
    },
  );

  /** A POST without a body on a colleague's account that answers with the account after the change. */
  const colleagueChange = (
    path: string,
    summary: string,
    description: string,
    run: (staff: StaffSession, userId: string) => Promise<void>,
  ) =>
    api.post(
      `/api/v1/staff/users/:id/${path}`,
      { schema: colleagueSchema(summary, description) },
      async (request) => {
        const staff = await requireStaffApi(p, request);
        await run(staff, request.params.id);
        return staffMember(p, staff, request.params.id);
      },
    );

  colleagueChange(
    "disable",
    "Disable a colleague's account",
    "Ends their sessions; their API tokens stop working. Errors: own_account, last_admin (409).",
    (staff, id) => setDisabled(p, staff, id, true),
  );
  colleagueChange(
    "enable",
    "Enable a colleague's account",
    "They can sign in again. Error: own_account (409).",
    (staff, id) => setDisabled(p, staff, id, false),
  );
  colleagueChange(
    "reset-2fa",
    "Reset a colleague's two-factor sign-in",
    "For a lost phone: their sessions end and they set two-factor sign-in up again at their next sign-in.",
    (staff, id) => resetTwoFactor(p, staff, id),
  );

  const orgTags = ["organisation"];

  api.get(
    "/api/v1/staff/organisation",
    {
      schema: {
        summary: "Read your organisation's settings",
        description:
          "Name, countries covered, default language, retention period, hotline. Needs organisation.manage.",
        tags: orgTags,
        security: READ,
        response: { 200: OrganisationSettingsSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return presentSettings(await manageOrganisationSettings(p, staff));
    },
  );

  api.put(
    "/api/v1/staff/organisation",
    {
      schema: {
        summary: "Change your organisation's settings",
        description:
          "Replaces every setting. Needs organisation.manage. The audit log records which fields changed, never their values. Error: invalid_settings (400) with the list of fields to check in `details`.",
        tags: orgTags,
        security: WRITE,
        body: OrganisationSettingsBody,
        response: { 200: OrganisationUpdatedSchema, ...ERRORS },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      const changed = await updateOrganisationSettings(p, staff, request.body);
      return {
        settings: presentSettings(await manageOrganisationSettings(p, staff)),
        changed: [...changed],
      };
    },
  );
}

function presentSettings(s: Awaited<ReturnType<typeof manageOrganisationSettings>>) {
  return {
    name: s.name,
    countries: [...s.countries],
    defaultLanguage: s.defaultLanguage,
    retentionDays: s.retentionDays,
    hotlinePhone: s.hotlinePhone,
    hotlineHours: s.hotlineHours,
  };
}
