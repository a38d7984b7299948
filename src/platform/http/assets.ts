import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";

const TYPES: Readonly<Record<string, string>> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * Serves the few static files in `web/` from memory under /assets, cached for a year: pages link them
 * with `?v=<hash of all assets>`, so a change reaches visitors at once. Returns that hash.
 */
export function registerAssets(app: FastifyInstance, webDir: string): string {
  const files = new Map<string, { body: Buffer; type: string }>();
  const hash = crypto.createHash("sha256");
  for (const name of fs.readdirSync(webDir).sort()) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(webDir, name));
    files.set(name, { body, type });
    hash.update(name).update(body);
  }
  const version = hash.digest("hex").slice(0, 12);
  app.get<{ Params: { file: string } }>("/assets/:file", { schema: { hide: true } }, (request, reply) => {
    const file = files.get(request.params.file);
    if (!file) return reply.callNotFound();
    return reply
      .type(file.type)
      .header("Cache-Control", "public, max-age=31536000, immutable")
      .send(file.body);
  });
  return version;
}
