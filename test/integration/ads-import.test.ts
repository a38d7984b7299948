import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dialect, dialects, freshPostgresDatabase } from "../support/harness.ts";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");

async function lantern(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run("node", [BIN, ...args], {
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

// Fictional numbers only (UK Ofcom drama range 07700 900xxx), example.com addresses.
const JSONL = [
  {
    id: "j1",
    site: "ads.example.com",
    title: "New here",
    text: "Call 07700 900123 any time",
    country: "GB",
    city: "Leeds",
  },
  {
    id: "j2",
    site: "ads.example.com",
    title: "Sweet",
    text: "text zero seven seven zero zero 9 0 0 one two three",
    country: "GB",
  },
  "{ this line is broken",
  { id: "j3", site: "ads.example.com", title: "Other", text: "mail lou@example.com", country: "GB" },
  {
    id: "j4",
    site: "ads.example.com",
    title: "New here",
    text: "Call 07700  900123 any time",
    country: "GB",
  },
]
  .map((l) => (typeof l === "string" ? l : JSON.stringify(l)))
  .join("\n");

const CSV = [
  "id,url,site,posted_at,title,text,city,country",
  'c1,https://ads.example.com/c1,ads.example.com,2026-11-02,Hello,"ring +44 7700 900 123, or lou (at) example (dot) com",York,GB',
  "c2,,ads.example.com,,Alone,nothing to link here,York,GB",
].join("\n");

describe.each(dialects())("lantern ads import and ads clusters (%s)", (dialect: Dialect) => {
  let env: Record<string, string>;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-ads-"));
    env = { LANTERN_DATA_DIR: dir, LANTERN_LOG_LEVEL: "warn" };
    let drop = async () => {};
    if (dialect === "postgres") {
      const fresh = await freshPostgresDatabase();
      env.LANTERN_DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
    fs.writeFileSync(path.join(dir, "ads.jsonl"), JSONL);
    fs.writeFileSync(path.join(dir, "ads.csv"), CSV);
    fs.writeFileSync(path.join(dir, "first-two.jsonl"), JSONL.split("\n").slice(0, 2).join("\n"));
    cleanup = async () => {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  it("continues an interrupted import: the ads stored before are not stored twice", async () => {
    // The first part extracted in the main thread, the rest by two worker threads, batches kept in order.
    const res = await lantern(["ads", "import", path.join(dir, "first-two.jsonl"), "--workers", "0"], env);
    expect(res.stdout).toContain("Imported 2 ads");
    const rest = await lantern(
      ["ads", "import", path.join(dir, "ads.jsonl"), "--batch", "2", "--workers", "2"],
      env,
    );
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain("Imported 2 ads (1 exact reposts linked to their original)");
    expect(rest.stdout).toContain("skipped 2 already stored and 1 bad records");
  });

  it("reports a bad line by its number and imports the rest", async () => {
    const res = await lantern(["ads", "import", path.join(dir, "ads.jsonl")], env);
    expect(res.stderr).toContain("line 3: skipped: not valid JSON");
    expect(res.stderr).not.toContain("this line is broken");
  });

  it("imports a CSV file and joins its ads to the JSONL ones through a phone or email written differently", async () => {
    const res = await lantern(["ads", "import", path.join(dir, "ads.csv")], env);
    expect(res.stdout).toContain("Imported 2 ads");
    const clusters = await lantern(["ads", "clusters", "--json"], env);
    expect(clusters.code).toBe(0);
    const parsed = JSON.parse(clusters.stdout) as { clusterId: string; itemIds: string[] }[];
    expect(parsed).toEqual([{ clusterId: expect.any(String), itemIds: ["c1", "j1", "j2", "j3", "j4"] }]);
  });

  it("imports nothing new when the same files are imported again", async () => {
    for (const file of ["ads.jsonl", "ads.csv"]) {
      const res = await lantern(["ads", "import", path.join(dir, file)], env);
      expect(res.stdout).toMatch(/^Imported 0 ads/);
    }
  });

  it("reports a malformed CSV row by its line without printing its content", async () => {
    const file = path.join(dir, "bad.csv");
    fs.writeFileSync(
      file,
      `${CSV.split("\n")[0]}\nc9,,ads.example.com,,T,"text 07700 900987",York,GB,surplus\n`,
    );
    const res = await lantern(["ads", "import", file], env);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/line 2: skipped: unreadable CSV row/);
    expect(res.stderr).not.toContain("900987");
    expect(res.stdout).toContain("Imported 0 ads");
  });

  it("refuses a file that is neither JSONL nor CSV, without a stack trace", async () => {
    const res = await lantern(["ads", "import", path.join(dir, "ads.txt")], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("must end in .jsonl, .ndjson or .csv");
  });
});
