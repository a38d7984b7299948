import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { bundleIslands } from "./islands.ts";

const TYPES: Readonly<Record<string, string>> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * Serves the static files in `web/` and the islands bundled from `web/islands/*.ts` (see islands.ts) from
 * memory under /assets, cached for a year: pages link them with `?v=<hash of all assets>`, so a change
 * reaches visitors at once. Returns that hash.
 */
export async function registerAssets(app: FastifyInstance, webDir: string): Promise<string> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of fs.readdirSync(webDir).sort()) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    files.set(name, { body: fs.readFileSync(path.join(webDir, name)), type });
  }
  for (const island of await bundleIslands(path.join(webDir, "islands"))) {
    if (files.has(island.name)) throw new Error(`web/islands/${island.name} clashes with web/${island.name}`);
    files.set(island.name, { body: island.body, type: TYPES[".js"] as string });
  }
  const hash = crypto.createHash("sha256");
  for (const [name, file] of [...files].sort(([a], [b]) => a.localeCompare(b)))
    hash.update(name).update(file.body);
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
