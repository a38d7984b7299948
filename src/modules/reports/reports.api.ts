import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/http/errors.ts";
import type { WebContext } from "../../platform/http/pages.ts";
import { MemoryRateLimiter } from "../../platform/http/rate-limit.ts";
import { formatReceiptCode } from "./receipt.ts";
import {
  ApiErrorSchema,
  FollowUpMessageSchema,
  FollowUpSchema,
  ReportSubmissionSchema,
  SubmittedSchema,
} from "./reports.schema.ts";
import {
  addReporterMessage,
  followUpView,
  receiptNotRecognised,
  reportForReceipt,
  submitReport,
} from "./reports.service.ts";

const RECEIPT_HEADER = "lantern-receipt-code";

/** The public JSON API for partner apps and SMS gateways: the same validation as the web form. */
export function reportsApi(app: FastifyInstance, web: WebContext): void {
  const p = web.platform;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const submissions = new MemoryRateLimiter(p.config.reportRateLimit, 60_000);
  const wrongCodes = new MemoryRateLimiter(p.config.followUpRateLimit, 15 * 60_000);

  /** Looks a code up under the wrong-code limit; every failure is the same `receipt_not_recognised`. */
  async function reportFor(ip: string, code: string) {
    if (!wrongCodes.allowed(ip)) throw receiptNotRecognised();
    try {
      return await reportForReceipt(p, code);
    } catch (error) {
      if (error instanceof AppError && error.id === "receipt_not_recognised") wrongCodes.hit(ip);
      throw error;
    }
  }

  api.post(
    "/api/v1/reports",
    {
      schema: {
        summary: "Send a report",
        description:
          "Files an anonymous report with every organisation covering its country. The receipt code in the answer is shown once and never stored in the clear. An optional Idempotency-Key header makes a retried request safe: the second one answers 409 already_submitted.",
        tags: ["reports"],
        headers: z.object({
          "idempotency-key": z
            .string()
            .min(16)
            .max(64)
            .regex(/^[A-Za-z0-9_-]+$/)
            .optional(),
        }),
        body: ReportSubmissionSchema,
        response: { 201: SubmittedSchema, 400: ApiErrorSchema, 409: ApiErrorSchema, 429: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      if (!submissions.hit(request.ip))
        throw new AppError("too_many_requests", 429, "Too many reports; wait a minute");
      const submitted = await submitReport(p, request.body, {
        channel: "api",
        submissionKey: request.headers["idempotency-key"],
      });
      const country = p.countries.get(request.body.country);
      return reply.code(201).send({
        receiptCode: submitted.receiptCode,
        receiptCodeFormatted: formatReceiptCode(submitted.receiptCode),
        submittedAt: submitted.submittedAt,
        ...(request.body.danger === "yes" && country ? { emergencyNumber: country.emergencyNumber } : {}),
      });
    },
  );

  api.get(
    "/api/v1/reports/follow-up",
    {
      schema: {
        summary: "Read a report's status and messages",
        description: `The receipt code goes in the ${RECEIPT_HEADER} header, never in the URL.`,
        tags: ["reports"],
        headers: z.object({ [RECEIPT_HEADER]: z.string().min(1).max(64) }),
        response: { 200: FollowUpSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => followUpView(p, await reportFor(request.ip, request.headers[RECEIPT_HEADER])),
  );

  api.post(
    "/api/v1/reports/follow-up",
    {
      schema: {
        summary: "Add information or reply",
        tags: ["reports"],
        body: FollowUpMessageSchema,
        response: { 201: FollowUpSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const report = await reportFor(request.ip, request.body.receiptCode);
      await addReporterMessage(p, report, request.body.message);
      return reply.code(201).send(await followUpView(p, report));
    },
  );
}
