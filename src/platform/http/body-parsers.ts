import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import { AppError } from "./errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new AppError("invalid_encoding", 400, "The request body is not valid UTF-8");
  }
}

export type FormBody = Record<string, string | string[]>;

/** Parses `a=1&b=2&b=3`: repeated keys become arrays; malformed percent-encoding or UTF-8 is refused. */
export function parseUrlEncoded(text: string): FormBody {
  const out: Record<string, string | string[]> = Object.create(null);
  if (text === "") return out;
  const pairs = text.split("&");
  if (pairs.length > 500) throw new AppError("too_many_fields", 400, "Too many fields");
  for (const pair of pairs) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
      value = decodeURIComponent(rawValue.replace(/\+/g, " "));
    } catch {
      throw new AppError("invalid_encoding", 400, "The form data is not valid UTF-8 or percent-encoding");
    }
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** Strict JSON and form parsers: bodies are read as bytes and must be valid UTF-8. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_req, body, done) => {
    try {
      const text = decodeUtf8(body as Buffer);
      if (text.trim() === "") throw new AppError("invalid_json", 400, "The request body is empty");
      done(
        null,
        JSON.parse(text, (k, v) => {
          // Refused rather than dropped: a strict schema must see every key it was sent.
          if (k === "__proto__")
            throw new AppError("invalid_json", 400, "The request body has a forbidden key");
          return v;
        }),
      );
    } catch (error) {
      done(
        error instanceof AppError
          ? error
          : new AppError("invalid_json", 400, "The request body is not valid JSON"),
      );
    }
  });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "buffer" }, (_req, body, done) => {
    try {
      done(null, parseUrlEncoded(decodeUtf8(body as Buffer)));
    } catch (error) {
      done(error as Error);
    }
  });
}

/** A file sent with a multipart form: what the browser said it is, and its bytes. */
export interface Upload {
  readonly filename: string;
  readonly mimetype: string;
  readonly data: Buffer;
}

export const UPLOAD_LIMIT = 20 * 1024 * 1024;

/**
 * Multipart forms (a resource's file): parsed into the same flat body as a urlencoded form, so the CSRF
 * check and the routes read them alike; a file field becomes an `Upload` (an empty file input is left out).
 * One file per request, 20 MiB at most (413 beyond), and only on routes marked `config: { multipart: true }`.
 */
export async function registerMultipart(app: FastifyInstance): Promise<void> {
  app.addHook("onRequest", async (request) => {
    if (
      request.headers["content-type"]?.toLowerCase().startsWith("multipart/") &&
      !request.routeOptions.config.multipart
    )
      throw new AppError("unsupported_media_type", 415, "This address does not take multipart forms");
  });
  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    limits: { fileSize: UPLOAD_LIMIT, files: 1, fields: 200, parts: 201, fieldSize: 256 * 1024 },
    throwFileSizeLimit: true,
    async onFile(part) {
      const data = await part.toBuffer();
      if (part.filename === "" && data.length === 0) return;
      (part as unknown as { value: Upload }).value = {
        filename: part.filename,
        mimetype: part.mimetype,
        data,
      };
    },
  });
}

/**
 * A form field as text for the console's and the circles' forms: a string (else ""), cut to `max`, with
 * control characters other than tab and line breaks removed (PostgreSQL refuses NUL in text, and no one
 * types the others).
 */
export function formText(value: unknown, max: number): string {
  if (typeof value !== "string") return "";
  let out = "";
  for (const ch of value.slice(0, max)) {
    const code = ch.charCodeAt(0);
    if (code >= 0x20 || ch === "\n" || ch === "\r" || ch === "\t") out += code === 0x7f ? "" : ch;
  }
  return out;
}
