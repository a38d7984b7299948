import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/** A bundled island: its file name under /assets and its minified JavaScript. */
export interface IslandBundle {
  readonly name: string;
  readonly body: Buffer;
}

const cache = new Map<string, Promise<readonly IslandBundle[]>>();

/**
 * Bundles every `<dir>/*.ts` (an island: the client code of one page) with esbuild, in memory, minified, as
 * `<name>.js`. Done once per process and directory: the server (and each test app) reuses the result.
 */
export function bundleIslands(dir: string): Promise<readonly IslandBundle[]> {
  let bundles = cache.get(dir);
  if (!bundles) {
    bundles = bundle(dir);
    cache.set(dir, bundles);
    bundles.catch(() => cache.delete(dir));
  }
  return bundles;
}

async function bundle(dir: string): Promise<readonly IslandBundle[]> {
  if (!fs.existsSync(dir)) return [];
  const entryPoints = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts"))
    .sort()
    .map((name) => path.join(dir, name));
  if (entryPoints.length === 0) return [];
  const result = await build({
    entryPoints,
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    write: false,
    outdir: "/islands",
    legalComments: "none",
    logLevel: "silent",
    // Islands run under a strict CSP: no eval, no inline styles injected as <style> by the bundler.
    define: { "process.env.NODE_ENV": '"production"' },
  });
  return result.outputFiles
    .filter((f) => f.path.endsWith(".js"))
    .map((f) => ({ name: path.basename(f.path), body: Buffer.from(f.contents) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
