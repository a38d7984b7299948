import { z } from "zod";
import { ROLES } from "./permissions.ts";

/** The JSON error body of every `/api` failure. */
export const AccountsApiErrorSchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});

/** `GET /api/v1/me`: who the credential belongs to and what it may do. */
export const MeSchema = z.object({
  name: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  role: z.string(),
  scopes: z.array(z.enum(["read", "write"])),
  authentication: z.enum(["session", "token"]),
});

/** The API token form. */
export const TokenFormSchema = z.object({
  name: z.string().max(200).default(""),
  access: z.string().max(10).default("read"),
  expiresOn: z.string().max(20).default(""),
});

// ---- the admin and account console actions in the JSON API (`accounts.api.ts`) ----

/** A colleague's or invitation's id (UUID); anything else is simply not found (404). */
export const AccountId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, { message: "invalid_id" });
export const AccountIdParams = z.object({ id: AccountId });

const Role = z.enum(ROLES);

/** A staff account as the admin page lists it: never its password hash or two-factor secret. */
export const StaffMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  twoFactor: z.boolean().describe("Two-factor sign-in is set up"),
  lastLoginAt: z.string().nullable(),
  disabled: z.boolean(),
});
export const StaffListSchema = z.object({ staff: z.array(StaffMemberSchema) });

export const InvitationBody = z
  .object({
    email: z.string().max(320),
    name: z.string().max(200),
    role: Role,
  })
  .strict();

export const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
});
export const InvitationListSchema = z.object({ invitations: z.array(InvitationSchema) });
export const InvitationCreatedSchema = z.object({
  id: z.string(),
  link: z
    .string()
    .describe("The one-time invitation link. Shown only in this answer: send it to the person."),
});

export const RoleBody = z.object({ role: Role }).strict();

/** Organisation settings (GET answers them, PUT replaces them all). */
export const OrganisationSettingsSchema = z.object({
  name: z.string().max(200),
  countries: z
    .array(z.string().max(2))
    .max(300)
    .describe("ISO 3166-1 alpha-2 codes of the countries covered"),
  defaultLanguage: z.string().max(10),
  retentionDays: z.number().int().describe("Days a closed report is kept before it is purged (30 to 3650)"),
  hotlinePhone: z.string().max(60).nullable(),
  hotlineHours: z.string().max(200).nullable(),
});
export const OrganisationSettingsBody = OrganisationSettingsSchema.strict();
export const OrganisationUpdatedSchema = z.object({
  settings: OrganisationSettingsSchema,
  changed: z.array(z.string()).describe("The fields this request changed (empty when nothing did)"),
});

/** The audit log's filters, as on the /staff/audit page. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const AuditQuerySchema = z
  .object({
    action: z.string().max(64).optional().describe("Exact action, e.g. `user.role_changed`"),
    actor: z.string().max(80).optional().describe("Exact actor, e.g. `user:<id>`"),
    from: day.optional().describe("First day (UTC), YYYY-MM-DD"),
    to: day.optional().describe("Last day (UTC), YYYY-MM-DD, included"),
    before: z.coerce.number().int().positive().optional().describe("Entries older than this seq (paging)"),
  })
  .strict();

export const AuditPageSchema = z.object({
  entries: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      target: z.string(),
      detail: z.string(),
    }),
  ),
  nextBefore: z
    .number()
    .nullable()
    .describe("Pass as `before` for the next (older) page; null on the last page"),
});
