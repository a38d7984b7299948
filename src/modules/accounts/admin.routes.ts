import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { h } from "preact";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import type { PageContext } from "../../platform/views/context.ts";
import type { StaffSession } from "./accounts.service.ts";
import {
  createInvitation,
  InvitationInvalid,
  invitationUrl,
  listInvitations,
  revokeInvitation,
} from "./invitations.service.ts";
import {
  createOrganisationAsSuperadmin,
  listOrganisations,
  manageOrganisationSettings,
  SettingsInvalid,
  updateOrganisationSettings,
} from "./organisation-settings.service.ts";
import { assertCan } from "./permissions.ts";
import { changeRole, listStaff, resetTwoFactor, setDisabled } from "./staff-admin.service.ts";
import { requireStaffPage, staffPageContext } from "./staff-auth.ts";
import {
  type OrganisationForm,
  OrganisationPage,
  OrganisationsPage,
  UsersPage,
} from "./views/admin-pages.tsx";

const str = (v: unknown) => (typeof v === "string" ? v : "");
const form = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : [];
const idParam = (request: FastifyRequest) => str((request.params as Record<string, unknown>).id).slice(0, 64);

/** Admin pages: staff and invitations (user.manage), organisation settings, organisations (superadmin). */
export function adminRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  const usersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    extra: {
      errors?: FieldError[];
      values?: { email: string; name: string; role: string };
      link?: { email: string; url: string };
      done?: string;
    } = {},
    status = 200,
  ) => {
    const [members, invitations] = await Promise.all([listStaff(p, staff), listInvitations(p, staff)]);
    const ctx = staffPageContext(web, request, reply, staff);
    const doneKey = str((request.query as Record<string, unknown>).done);
    const done =
      extra.done ??
      (doneKey === "saved"
        ? ctx.t("staff.users.saved")
        : doneKey === "withdrawn"
          ? ctx.t("staff.users.withdrawn")
          : undefined);
    return sendPage(
      reply,
      h(UsersPage, {
        ctx,
        me: staff.userId,
        staff: members,
        invitations,
        errors: extra.errors ?? [],
        values: extra.values ?? { email: "", name: "", role: "caseworker" },
        link: extra.link,
        done,
      }),
      status,
    );
  };

  app.get("/staff/admin/users", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    return usersPage(request, reply, staff);
  });

  app.post("/staff/admin/users/invite", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "user.manage");
    const b = form(request);
    const values = {
      email: str(b.email).slice(0, 320),
      name: str(b.name).slice(0, 200),
      role: str(b.role).slice(0, 20),
    };
    try {
      const { token } = await createInvitation(p, staff, values);
      const url = invitationUrl(p, token);
      return usersPage(request, reply, staff, { link: { email: values.email.trim().toLowerCase(), url } });
    } catch (error) {
      if (!(error instanceof InvitationInvalid)) throw error;
      const t = (k: Parameters<PageContext["t"]>[0]) => staffPageContext(web, request, reply, staff).t(k);
      const message =
        error.id === "email_taken"
          ? t("staff.users.emailTaken")
          : error.field === "email"
            ? t("staff.users.emailInvalid")
            : error.field === "name"
              ? t("staff.users.nameMissing")
              : t("staff.users.roleInvalid");
      return usersPage(
        request,
        reply,
        staff,
        { errors: [{ field: error.field, message }], values },
        error.status,
      );
    }
  });

  app.post("/staff/admin/invitations/:id/revoke", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    await revokeInvitation(p, staff, idParam(request));
    return reply.redirect("/staff/admin/users?done=withdrawn", 303);
  });

  /** Runs a change to a colleague's account; the guards (own account, last admin) re-render with a clear error. */
  const change =
    (run: (staff: StaffSession, request: FastifyRequest) => Promise<void>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const staff = await requireStaffPage(p, request, reply);
      if (!staff) return reply;
      try {
        await run(staff, request);
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          !["last_admin", "own_role", "own_account", "invalid_role"].includes(error.id)
        )
          throw error;
        const t = staffPageContext(web, request, reply, staff).t;
        const message =
          error.id === "last_admin"
            ? t("staff.users.lastAdmin")
            : error.id === "invalid_role"
              ? t("staff.users.roleInvalid")
              : t("staff.users.ownAccount");
        return usersPage(request, reply, staff, { errors: [{ field: "users", message }] }, error.status);
      }
      return reply.redirect("/staff/admin/users?done=saved", 303);
    };

  app.post(
    "/staff/admin/users/:id/role",
    { schema: { hide: true } },
    change((staff, request) => changeRole(p, staff, idParam(request), str(form(request).role))),
  );
  app.post(
    "/staff/admin/users/:id/disable",
    { schema: { hide: true } },
    change((staff, request) => setDisabled(p, staff, idParam(request), true)),
  );
  app.post(
    "/staff/admin/users/:id/enable",
    { schema: { hide: true } },
    change((staff, request) => setDisabled(p, staff, idParam(request), false)),
  );
  app.post(
    "/staff/admin/users/:id/reset-2fa",
    { schema: { hide: true } },
    change((staff, request) => resetTwoFactor(p, staff, idParam(request))),
  );

  const organisationPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    values: OrganisationForm,
    errors: FieldError[] = [],
    done?: string,
  ) =>
    sendPage(
      reply,
      h(OrganisationPage, {
        ctx: staffPageContext(web, request, reply, staff),
        values,
        countries: p.countries.all.map((c) => c.code),
        errors,
        done,
      }),
      errors.length ? 400 : 200,
    );

  app.get("/staff/admin/organisation", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    const s = await manageOrganisationSettings(p, staff);
    return organisationPage(request, reply, staff, {
      name: s.name,
      countries: s.countries,
      defaultLanguage: s.defaultLanguage,
      retentionDays: String(s.retentionDays),
      hotlinePhone: s.hotlinePhone ?? "",
      hotlineHours: s.hotlineHours ?? "",
    });
  });

  app.post("/staff/admin/organisation", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "organisation.manage");
    const b = form(request);
    const values: OrganisationForm = {
      name: str(b.name).slice(0, 200),
      countries: list(b.countries).slice(0, 300),
      defaultLanguage: str(b.defaultLanguage),
      retentionDays: str(b.retentionDays).trim().slice(0, 10),
      hotlinePhone: str(b.hotlinePhone).slice(0, 60),
      hotlineHours: str(b.hotlineHours).slice(0, 200),
    };
    const ctx = staffPageContext(web, request, reply, staff);
    try {
      await updateOrganisationSettings(p, staff, {
        ...values,
        retentionDays: /^\d{1,6}$/.test(values.retentionDays) ? Number(values.retentionDays) : Number.NaN,
      });
    } catch (error) {
      if (!(error instanceof SettingsInvalid)) throw error;
      const messages: Record<string, string> = {
        name: ctx.t("staff.org.nameInvalid"),
        countries: ctx.t("staff.org.countriesInvalid"),
        defaultLanguage: ctx.t("staff.org.languageInvalid"),
        retentionDays: ctx.t("staff.org.retentionInvalid"),
        hotlinePhone: ctx.t("staff.org.phoneInvalid"),
        hotlineHours: ctx.t("staff.org.hoursInvalid"),
      };
      return organisationPage(
        request,
        reply,
        staff,
        values,
        error.fields.map((f) => ({ field: f, message: messages[f] ?? f })),
      );
    }
    return organisationPage(request, reply, staff, values, [], ctx.t("staff.org.saved"));
  });

  const organisationsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    staff: StaffSession,
    values = { slug: "", name: "", countries: "" },
    errors: FieldError[] = [],
    done?: string,
    status = 200,
  ) =>
    sendPage(
      reply,
      h(OrganisationsPage, {
        ctx: staffPageContext(web, request, reply, staff),
        organisations: await listOrganisations(p, staff),
        values,
        errors,
        done,
      }),
      status,
    );

  app.get("/staff/admin/organisations", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    return organisationsPage(request, reply, staff);
  });

  app.post("/staff/admin/organisations", { schema: { hide: true } }, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    await listOrganisations(p, staff); // refuses anyone but the superadmin before reading the form
    const b = form(request);
    const values = {
      slug: str(b.slug).trim().slice(0, 63),
      name: str(b.name).slice(0, 200),
      countries: str(b.countries).slice(0, 600),
    };
    const countries = values.countries
      .split(/[\s,]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const t = staffPageContext(web, request, reply, staff).t;
    try {
      await createOrganisationAsSuperadmin(p, staff, { slug: values.slug, name: values.name, countries });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 403) throw error;
      const [field, message] =
        error.id === "invalid_slug"
          ? ["slug", t("staff.orgs.slugInvalid")]
          : error.id === "slug_taken"
            ? ["slug", t("staff.orgs.slugTaken")]
            : error.id === "invalid_country"
              ? ["countries", t("staff.org.countriesInvalid")]
              : ["name", t("staff.org.nameInvalid")];
      return organisationsPage(request, reply, staff, values, [{ field, message }], undefined, error.status);
    }
    return organisationsPage(request, reply, staff, undefined, [], t("staff.orgs.created"));
  });
}
