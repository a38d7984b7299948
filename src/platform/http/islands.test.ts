import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { WEB_DIR } from "./app.ts";
import { registerAssets } from "./assets.ts";
import { bundleIslands } from "./islands.ts";

/** Gzip budgets (bytes) of the shipped islands: the network graph (sigma + graphology) is the largest. */
const BUDGETS: Readonly<Record<string, number>> = {
  "network.js": 60 * 1024,
  "map.js": 8 * 1024,
};

describe("islands bundled in memory at start", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  function webDir(island: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-web-"));
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, "islands"));
    fs.writeFileSync(path.join(dir, "site.css"), "body{color:black}");
    fs.writeFileSync(path.join(dir, "islands", "hello.ts"), island);
    return dir;
  }

  it("bundles every shipped island, minified and within its gzip budget", async () => {
    const bundles = await bundleIslands(path.join(WEB_DIR, "islands"));
    expect(bundles.map((b) => b.name).sort()).toEqual(Object.keys(BUDGETS).sort());
    for (const b of bundles) {
      const gzip = zlib.gzipSync(b.body).length;
      expect([b.name, gzip <= (BUDGETS[b.name] ?? 0)]).toEqual([b.name, true]);
      // Minified (few line breaks: those left are inside WebGL shader strings), and no eval for the CSP.
      const text = b.body.toString();
      expect([b.name, text.split("\n").length < text.length / 200]).toEqual([b.name, true]);
      expect(text).not.toMatch(/\beval\(|new Function\(/);
    }
  });

  it("serves an island under /assets with the other files, and its change changes the version", async () => {
    const source = 'const greeting: string = "hello";\ndocument.title = greeting;\n';
    const app = Fastify();
    const version = await registerAssets(app, webDir(source));
    const js = await app.inject({ method: "GET", url: `/assets/hello.js?v=${version}` });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-type"]).toContain("text/javascript");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect(js.body).toMatch(/^var \w="hello";document\.title=\w;\s*$/);
    expect((await app.inject({ method: "GET", url: "/assets/site.css" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/assets/hello.ts" })).statusCode).toBe(404);

    const changed = await registerAssets(Fastify(), webDir(source.replace("hello", "bonjour")));
    expect(changed).not.toBe(version);
  });

  it("refuses to start when an island would hide a static file of the same name", async () => {
    const dir = webDir("export {};\n");
    fs.writeFileSync(path.join(dir, "hello.js"), "// static\n");
    await expect(registerAssets(Fastify(), dir)).rejects.toThrow(/clashes/);
  });

  it("refuses to start when an island does not compile", async () => {
    await expect(registerAssets(Fastify(), webDir("const = ;\n"))).rejects.toThrow();
  });
});
