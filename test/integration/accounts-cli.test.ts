import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/platform/db/database.ts";

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, "../../bin/lantern.js");

async function lantern(args: string[], env: Record<string, string>, input?: string) {
  const child = run("node", [BIN, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
  if (input !== undefined) child.child.stdin?.end(input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

// The CLI's account rules are the console's: the same service functions, so one dialect is enough here.
describe("lantern user add: password rules and the deployment superadmin (sqlite)", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-accounts-cli-"));
  const env = { LANTERN_DATA_DIR: dataDir, LANTERN_LOG_LEVEL: "warn" };

  beforeAll(async () => {
    const org = await lantern(["org", "add", "--slug", "refugio", "--name", "Refugio Seguro"], env);
    expect(org.code).toBe(0);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a common password and the organisation's name", async () => {
    const args = ["user", "add", "--org", "refugio", "--email", "ana@example.org", "--password-stdin"];
    const common = await lantern(args, env, "Password1234\n");
    expect(common.code).toBe(1);
    expect(common.stderr).toContain("list of common passwords");
    const orgName = await lantern(args, env, "Refugio Seguro\n");
    expect(orgName.code).toBe(1);
    expect(orgName.stderr).toContain("organisation's name");
  });

  it("adds the superadmin with --superadmin", async () => {
    const res = await lantern(
      ["user", "add", "--org", "refugio", "--email", "root@example.org", "--role", "viewer", "--superadmin"],
      env,
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Added superadmin viewer root@example.org to refugio.");
    const plain = await lantern(["user", "add", "--org", "refugio", "--email", "bo@example.org"], env);
    expect(plain.code).toBe(0);
    const db = openDatabase(`sqlite:${path.join(dataDir, "lantern.db")}`);
    try {
      const rows = await db.db
        .selectFrom("users")
        .select(["email", "is_superadmin"])
        .orderBy("email")
        .execute();
      expect(rows).toEqual([
        { email: "bo@example.org", is_superadmin: 0 },
        { email: "root@example.org", is_superadmin: 1 },
      ]);
    } finally {
      await db.close();
    }
  });
});
