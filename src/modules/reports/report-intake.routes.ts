import type { FastifyInstance } from "fastify";
import { h } from "preact";
import type { FormBody } from "../../platform/http/body-parsers.ts";
import { AppError } from "../../platform/http/errors.ts";
import { sendPage, type WebContext } from "../../platform/http/pages.ts";
import type { FieldError } from "../../platform/views/components.tsx";
import { assertCan } from "../accounts/permissions.ts";
import { requireStaffPage, staffPageContext } from "../accounts/staff-auth.ts";
import { formatReceiptCode } from "./receipt.ts";
import { formValues, validateAll } from "./report-form.ts";
import { isIntakeChannel, recordIntake } from "./report-intake.service.ts";
import { StaffIntakePage, StaffIntakeSavedPage } from "./views/staff-report-intake.tsx";

const HIDDEN = { schema: { hide: true } } as const;

/** The staff intake form: a report taken by phone, SMS, email or in person. Works without JavaScript. */
export function reportIntakeRoutes(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;

  app.get("/staff/reports/new", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "report.intake");
    const ctx = staffPageContext(web, request, reply, staff);
    return sendPage(
      reply,
      h(StaffIntakePage, { ctx, values: {}, channel: "phone", errors: [], countries: p.countries.all }),
    );
  });

  app.post("/staff/reports/new", HIDDEN, async (request, reply) => {
    const staff = await requireStaffPage(p, request, reply);
    if (!staff) return reply;
    assertCan(staff, "report.intake");
    const body = (request.body ?? {}) as FormBody;
    const values = formValues(body);
    const channel = typeof body.channel === "string" ? body.channel : "";
    const ctx = staffPageContext(web, request, reply, staff);
    const again = (errors: readonly FieldError[]) =>
      sendPage(reply, h(StaffIntakePage, { ctx, values, channel, errors, countries: p.countries.all }), 400);
    const checked = validateAll(values, ctx.i18n.locale, ctx.t);
    const errors: FieldError[] = isIntakeChannel(channel)
      ? []
      : [{ field: "channel", message: ctx.t("workflow.intake.errorChannel") }];
    if (!checked.ok) errors.push(...checked.errors);
    if (errors.length > 0 || !checked.ok || !isIntakeChannel(channel)) return again(errors);
    try {
      const saved = await recordIntake(p, staff, checked.report, channel);
      return sendPage(
        reply,
        h(StaffIntakeSavedPage, {
          ctx,
          code: formatReceiptCode(saved.receiptCode),
          reportId: saved.reportId,
        }),
        201,
      );
    } catch (error) {
      if (error instanceof AppError && error.id === "invalid_country") {
        return again([{ field: "country", message: ctx.t("report.error.country") }]);
      }
      throw error;
    }
  });
}
