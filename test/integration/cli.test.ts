import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dialect, dialects, freshPostgresDatabase } from "../support/harness.ts";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");

async function lantern(args: string[], env: Record<string, string> = {}, input?: string) {
  const child = run("node", [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("the lantern command", () => {
  it.each([
    ["serve"],
    ["migrate"],
    ["demo"],
    ["user", "add"],
    ["org", "add"],
    ["audit", "verify"],
    ["jobs", "run-once"],
  ])("explains `%s` with --help", async (...cmd) => {
    const res = await lantern([...cmd, "--help"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Usage: lantern ${cmd.join(" ")}`);
  });
});

describe("lantern extract", () => {
  const ad =
    "Nueva en la ciudad 🌹 llama al seis uno dos 345 678 o escribe a ana (arroba) example (punto) com";

  it("prints the identifiers of a text on stdin, each with where it was written, and the score", async () => {
    const res = await lantern(["extract", "--region", "es"], {}, ad);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('phone     +34612345678  ← "seis uno dos 345 678"');
    expect(res.stdout).toContain("[obfuscated]");
    expect(res.stdout).toContain("email     ana@example.com");
    expect(res.stdout).toMatch(/Indicator score: \d+\/100/);
  });

  it("prints JSON whose spans index the text as given", async () => {
    const res = await lantern(["extract", "--region", "ES", "--json"], {}, ad);
    const out = JSON.parse(res.stdout) as {
      identifiers: { type: string; value: string; raw: string; start: number; end: number }[];
      indicators: { score: number; matches: { raw: string; start: number; end: number }[] };
    };
    expect(out.identifiers.map((i) => [i.type, i.value])).toEqual([
      ["phone", "+34612345678"],
      ["email", "ana@example.com"],
    ]);
    for (const span of [...out.identifiers, ...out.indicators.matches]) {
      expect(ad.slice(span.start, span.end)).toBe(span.raw);
    }
  });

  it("refuses a region that is not a country code, saying why", async () => {
    const res = await lantern(["extract", "--region", "spain"], {}, ad);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("a two-letter country code");
  });
});

describe.each(dialects())("lantern migrate, org add, user add and demo (%s)", (dialect: Dialect) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-cli-"));
    env = { LANTERN_DATA_DIR: dataDir, LANTERN_LOG_LEVEL: "warn" };
    let drop = async () => {};
    if (dialect === "postgres") {
      const fresh = await freshPostgresDatabase();
      env.LANTERN_DATABASE_URL = fresh.url;
      drop = fresh.drop;
    }
    cleanup = async () => {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
  });
  afterAll(() => cleanup());

  it("migrates once, then says the database is up to date", async () => {
    const first = await lantern(["migrate"], env);
    expect(first.stdout).toMatch(/applied\s+20261128T1300-foundation/);
    const second = await lantern(["migrate"], env);
    expect(second.stdout).toContain("The database is up to date.");
  });

  it("adds an organisation and a user, refusing a short password and an unknown organisation", async () => {
    const org = await lantern(
      ["org", "add", "--slug", "hotline-es", "--name", "Hotline ES", "--countries", "ES,ad"],
      env,
    );
    expect(org.stdout).toContain("covering ES, AD");
    const weak = await lantern(
      ["user", "add", "--org", "hotline-es", "--email", "a@example.org", "--password-stdin"],
      env,
      "short\n",
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("at least 12 characters");
    const ok = await lantern(
      ["user", "add", "--org", "hotline-es", "--email", "A@Example.org", "--role", "caseworker"],
      env,
    );
    expect(ok.stdout).toContain("Added caseworker a@example.org to hotline-es.");
    expect(ok.stdout).toMatch(/Password \(shown once\): \S{16,}/);
    const nowhere = await lantern(["user", "add", "--org", "nowhere", "--email", "b@example.org"], env);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('No organisation "nowhere"');
  });

  it("loads demo data once and prints the same demo login again", async () => {
    const first = await lantern(["demo"], env);
    expect(first.stdout).toContain("Demo coordinator: coordinator@demo.lantern.invalid");
    const password = first.stdout.match(/Password:\s+(\S+)/)?.[1];
    expect(password).toBeDefined();
    const again = await lantern(["demo"], env);
    expect(again.stdout).toContain(`Password:         ${password}`);
  });
});
