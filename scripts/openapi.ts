// Writes the OpenAPI document generated from the zod schemas to docs/openapi.json (`npm run openapi`).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { bootPlatform, prepareApp } from "../src/boot.ts";
import { loadConfig } from "../src/platform/config.ts";

export const OPENAPI_FILE = path.resolve(import.meta.dirname, "../docs/openapi.json");

/** The OpenAPI document as the running code describes it, in a stable text form. */
export async function generateOpenApi(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-openapi-"));
  const booted = bootPlatform(
    loadConfig(
      {},
      {
        dataDir,
        databaseUrl: "sqlite::memory:",
        masterKey: crypto.randomBytes(32).toString("base64"),
        logLevel: "silent",
      },
    ),
  );
  try {
    const app = await prepareApp(booted.platform);
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await booted.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.writeFileSync(OPENAPI_FILE, await generateOpenApi());
  process.stdout.write(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)}\n`);
}
