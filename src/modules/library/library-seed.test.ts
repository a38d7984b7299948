import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Booted, bootPlatform } from "../../boot.ts";
import { loadConfig } from "../../platform/config.ts";
import { migrateOrThrow } from "../../platform/db/migrate.ts";
import { GLOSSARY } from "./glossary.ts";
import { readItem } from "./library-reading.service.ts";
import { loadSeedContent } from "./library-seed.ts";
import { loadSeedContent as readSeedFiles } from "./seed-content.ts";

describe("loadSeedContent (embedded SQLite)", () => {
  let dir: string;
  let booted: Booted;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-seed-"));
    booted = bootPlatform(
      loadConfig(
        {},
        {
          databaseUrl: `sqlite:${path.join(dir, "l.db")}`,
          dataDir: dir,
          masterKey: crypto.randomBytes(32).toString("base64"),
          logLevel: "silent",
        },
      ),
    );
    await migrateOrThrow(booted.platform.db);
  });
  afterAll(async () => {
    await booted.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds every article and kit in en/es/fr and every term in four languages, then nothing the second time", async () => {
    const files = readSeedFiles();
    const expected = (files.articles.length + files.kits.length) * 3 + GLOSSARY.entries.length * 4;
    expect(await loadSeedContent(booted.platform)).toEqual({ added: expected, skipped: 0 });
    expect(await loadSeedContent(booted.platform)).toEqual({ added: 0, skipped: expected });
  });

  it("links the translations of an article and keeps its facets and sources", async () => {
    const item = await readItem(booted.platform, ["article", "guide"], "signs-to-recognise", "es");
    expect(item?.language).toBe("es");
    expect(item?.translations.map((t) => t.language)).toEqual(["en", "fr"]);
    expect(item?.facets.audiences).toContain("health_workers");
    expect(item?.details.sources).toEqual(expect.arrayContaining([expect.stringContaining("ILO")]));
  });

  it("stores a kit's ordered items in the kit's language", async () => {
    const kit = await readItem(booted.platform, ["kit"], "school", "fr");
    const items = kit?.details.items as { kind: string; title?: string }[];
    expect(items[0]).toEqual({ kind: "article", slug: "what-trafficking-is-and-is-not" });
    expect(items.find((i) => i.kind === "text")?.title).toMatch(/^Plan de séance/);
  });
});
