import path from "node:path";
import { fileURLToPath } from "node:url";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Platform } from "../platform.ts";
import { registerAssets } from "./assets.ts";
import { registerBodyParsers, registerMultipart } from "./body-parsers.ts";
import { csrfValid } from "./csrf.ts";
import { registerErrorHandling } from "./error-handler.ts";
import { AppError } from "./errors.ts";
import type { WebContext } from "./pages.ts";
import { registerSecurityHeaders } from "./security.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route re-renders its form on a failed CSRF check instead of refusing (nothing typed is lost). */
    softCsrf?: boolean;
    /** The route takes a multipart form (a file upload); every other route refuses one with 415. */
    multipart?: boolean;
  }
  interface FastifyRequest {
    csrfFailed?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered, as `METHOD /path`: the authorisation matrix test is generated from it. */
    routeTable: string[];
  }
}

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../web");
const BODY_LIMIT = 64 * 1024;

/** A module's HTTP surface: registered on the app with the running context. */
export type RouteModule = (app: FastifyInstance, web: WebContext) => void | Promise<void>;

export interface AppOptions {
  readonly demo: boolean;
  readonly routes: readonly RouteModule[];
}

/** Builds the Fastify app: parsers, headers, CSRF, errors, assets, OpenAPI, then each module's routes. */
export async function buildApp(platform: Platform, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    trustProxy: platform.config.trustProxy,
    bodyLimit: BODY_LIMIT,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  app.decorate("routeTable", [] as string[]);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.routeTable.push(`${method} ${route.url}`);
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerBodyParsers(app);
  await registerMultipart(app);
  await app.register(cookie);
  await registerSecurityHeaders(app);
  await app.register(compress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Lantern API",
        version: "1",
        description: "Anonymous reporting of trafficking, follow-up by receipt code, and staff work.",
      },
      components: {
        securitySchemes: {
          // Staff endpoints: a personal API token (`lt_...`, from /staff/account/tokens) or the console's session.
          apiToken: { type: "http", scheme: "bearer", bearerFormat: "lt_<base64url>" },
          session: { type: "apiKey", in: "cookie", name: "lantern_session" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const web: WebContext = { platform, demo: options.demo, assetVersion: await registerAssets(app, WEB_DIR) };
  registerErrorHandling(app, web);

  // Every form post outside the JSON API must carry a CSRF token matching the visitor's cookie.
  app.addHook("preHandler", async (request) => {
    if (request.method === "GET" || request.method === "HEAD" || request.url.startsWith("/api/")) return;
    const submitted = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (csrfValid(request, submitted)) return;
    if (request.routeOptions.config.softCsrf) request.csrfFailed = true;
    else throw new AppError("csrf_invalid", 403, "Missing or invalid CSRF token");
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, () => ({ ok: true }));
  for (const routes of options.routes) await routes(app, web);
  return app;
}
