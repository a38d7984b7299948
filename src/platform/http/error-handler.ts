import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { h } from "preact";
import type { MessageKey } from "../i18n/i18n.ts";
import { ErrorPage } from "../views/error-page.tsx";
import { AppError, type FieldProblem } from "./errors.ts";
import { pageContext, sendPage, type WebContext } from "./pages.ts";

const FASTIFY_CODES: Readonly<Record<string, [string, number]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ["body_too_large", 413],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ["unsupported_media_type", 415],
  FST_ERR_CTP_EMPTY_JSON_BODY: ["invalid_json", 400],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ["bad_request", 400],
  FST_ERR_CTP_EMPTY_TYPE: ["unsupported_media_type", 415],
  FST_ERR_CTP_INVALID_TYPE: ["unsupported_media_type", 415],
  // multipart forms (@fastify/multipart)
  FST_REQ_FILE_TOO_LARGE: ["file_too_large", 413],
  FST_FILES_LIMIT: ["too_many_files", 413],
  FST_FIELDS_LIMIT: ["too_many_fields", 413],
  FST_PARTS_LIMIT: ["too_many_fields", 413],
  FST_PROTO_VIOLATION: ["bad_request", 400],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ["bad_request", 400],
};

/** Turns anything thrown into an AppError; unknown failures become `internal_error` (500). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: FieldProblem[] = error.validation.map((v) => ({
      field: (v.instancePath ?? "").replace(/^\//, "").replace(/\//g, "."),
      code: v.keyword,
      message: v.message ?? "invalid",
    }));
    return new AppError("validation_failed", 400, "The request does not match the schema", details);
  }
  const fe = error as FastifyError;
  const mapped = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped[0], mapped[1], fe.message);
  if (typeof fe?.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError("bad_request", fe.statusCode, "Bad request");
  }
  return new AppError("internal_error", 500, "Something went wrong");
}

function messageKeyFor(error: AppError): MessageKey {
  if (error.id === "csrf_invalid") return "error.csrf";
  if (error.id === "too_many_requests") return "error.tooMany";
  if (error.status === 404) return "error.notFound";
  if (error.status === 413) return "error.tooLarge";
  if (error.status === 403 || error.status === 401) return "error.forbidden";
  if (error.status >= 500) return "error.server";
  return "error.badRequest";
}

/** Renders every error once: JSON with a machine-readable id under /api, a friendly page elsewhere. */
export function registerErrorHandling(app: FastifyInstance, web: WebContext): void {
  const render = (error: AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith("/api/")) {
      return reply.code(error.status).send({
        error: { id: error.id, message: error.message, ...(error.details ? { details: error.details } : {}) },
      });
    }
    return sendPage(
      reply,
      h(ErrorPage, { ctx: pageContext(web, request, reply), messageKey: messageKeyFor(error) }),
      error.status,
    );
  };
  app.setErrorHandler((raw, request, reply) => {
    const error = toAppError(raw);
    if (error.status >= 500) request.log.error({ err: raw }, "request failed");
    return render(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) =>
    render(new AppError("not_found", 404, "Not found"), request, reply),
  );
}
