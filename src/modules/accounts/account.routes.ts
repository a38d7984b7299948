import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import { accountDetails, changePassword } from "./account.service.ts";
import { AccountsApiErrorSchema, MeSchema, TokenFormSchema } from "./accounts.schema.ts";
import { createApiToken, listApiTokens, revokeApiToken, type TokenAccess } from "./api-tokens.service.ts";
import { requireStaffApi, requireStaffPage, staffPageContext } from "./staff-auth.ts";
import { regenerateRecoveryCodes, twoFactorStatus } from "./two-factor.service.ts";
import { AccountPage, PasswordPage, TokensPage } from "./views/account-pages.tsx";
import { RecoveryCodesPage } from "./views/two-factor-pages.tsx";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const body = (b: unknown) => (b ?? {}) as Record<string, unknown>;

/** The message of a password problem, for the field it concerns. */
export function passwordErrors(ctx: PageContext, error: AppError, field = "password"): FieldError[] {
  const code = error.details?.[0]?.code;
  if (error.id === "wrong_password")
    return [{ field: "current", message: ctx.t("staff.password.wrongCurrent") }];
  const message =
    code === "common"
      ? ctx.t("staff.password.common")
      : code === "personal"
        ? ctx.t("staff.password.personal")
        : ctx.t("staff.password.tooShort");
  return [{ field, message }];
}

/** The staff member's own account: two-factor, recovery codes, password, API tokens; and `GET /api/v1/me`. */
export function accountRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/staff/account", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const [details, twoFactor] = await Promise.all([accountDetails(p, staff), twoFactorStatus(p, staff)]);
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(reply, h(AccountPage, { ctx, ...details, twoFactor }));
  });

  app.post("/staff/account/recovery-codes", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const codes = await regenerateRecoveryCodes(p, staff);
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(reply, h(RecoveryCodesPage, { ctx, codes, next: "/staff/account" }));
  });

  app.get("/staff/account/password", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    return sendPage(
      reply,
      h(PasswordPage, { ctx: staffPageContext(web, request, reply, staff), errors: [] }),
    );
  });

  app.post("/staff/account/password", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const form = body(request.body);
    const ctx = staffPageContext(web, request, reply, staff);
    try {
      await changePassword(p, staff, str(form.current), str(form.password).slice(0, 1024));
    } catch (error) {
      if (!(error instanceof AppError) || !["wrong_password", "weak_password"].includes(error.id))
        throw error;
      return sendPage(reply, h(PasswordPage, { ctx, errors: passwordErrors(ctx, error) }), 400);
    }
    return sendPage(reply, h(PasswordPage, { ctx, errors: [], done: ctx.t("staff.password.changed") }));
  });

  const tokensPage = async (
    ctx: PageContext,
    staff: Parameters<typeof listApiTokens>[1],
    extra: Partial<Parameters<typeof TokensPage>[0]> = {},
  ) =>
    h(TokensPage, {
      ctx,
      tokens: await listApiTokens(p, staff),
      errors: [],
      values: { name: "", access: "read", expiresOn: "" },
      ...extra,
    });

  app.get("/staff/account/tokens", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const ctx = staffPageContext(web, request, reply, staff);
    const done =
      (request.query as Record<string, unknown>).done === "revoked"
        ? ctx.t("staff.tokens.revokedDone")
        : undefined;
    return sendPage(reply, await tokensPage(ctx, staff, { done }));
  });

  app.post("/staff/account/tokens", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const ctx = staffPageContext(web, request, reply, staff);
    const parsed = TokenFormSchema.safeParse(body(request.body));
    const values = parsed.success ? parsed.data : { name: "", access: "read", expiresOn: "" };
    try {
      const { token } = await createApiToken(p, staff, {
        name: values.name,
        access: values.access as TokenAccess,
        expiresOn: values.expiresOn || undefined,
      });
      return sendPage(reply, await tokensPage(ctx, staff, { created: token }));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 400) throw error;
      const errors: FieldError[] =
        error.id === "invalid_expiry"
          ? [{ field: "expiresOn", message: ctx.t("staff.tokens.expiryInvalid") }]
          : error.id === "invalid_scope"
            ? [{ field: "access", message: ctx.t("staff.tokens.accessInvalid") }]
            : [{ field: "name", message: ctx.t("staff.tokens.nameMissing") }];
      return sendPage(reply, await tokensPage(ctx, staff, { errors, values }), 400);
    }
  });

  app.post("/staff/account/tokens/:id/revoke", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    await revokeApiToken(p, staff, str((request.params as Record<string, unknown>).id).slice(0, 64));
    return reply.redirect("/staff/account/tokens?done=revoked", 303);
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/me",
    {
      schema: {
        summary: "Who am I",
        description:
          "The staff member behind the session cookie or the `Authorization: Bearer lt_...` API token: name, organisation, role, and the scopes the credential carries (a session has every scope). API tokens are created and revoked in the console only (/staff/account/tokens): a token can never mint or revoke tokens.",
        tags: ["accounts"],
        security: [{ apiToken: [] }, { session: [] }],
        response: { 200: MeSchema, 401: AccountsApiErrorSchema },
      },
    },
    async (request) => {
      const staff = await requireStaffApi(p, request);
      return {
        name: staff.name,
        organisation: { id: staff.organisationId, name: staff.organisationName },
        role: staff.role,
        scopes: [...(staff.scopes ?? ["read", "write"])],
        authentication: staff.scopes ? ("token" as const) : ("session" as const),
      };
    },
  );
}
