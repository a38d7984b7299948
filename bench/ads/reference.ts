/** Runs Google's reference phone matcher (bench/ads/reference_phones.py) as a child process. */
import { spawn } from "node:child_process";
import path from "node:path";
import { BENCH_DIR } from "../results-file.ts";
import type { Ad } from "./generate.ts";

export const PYTHON = "/usr/bin/python3";
export type Leniency = "POSSIBLE" | "VALID" | "STRICT_GROUPING" | "EXACT_GROUPING";

export interface ReferenceRun {
  readonly leniency: Leniency;
  readonly phones: ReadonlyMap<string, readonly string[]>;
  readonly seconds: number;
}

/** Feeds the ads as JSONL on stdin and reads `{id, phones}` lines back. */
export function runReference(ads: readonly Ad[], leniency: Leniency): Promise<ReferenceRun> {
  const script = path.join(BENCH_DIR, "ads", "reference_phones.py");
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script, "--leniency", leniency], { stdio: ["pipe", "pipe", "inherit"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${PYTHON} ${script} exited with ${code}`));
      const phones = new Map<string, string[]>();
      for (const line of Buffer.concat(chunks).toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        const row = JSON.parse(line) as { id: string; phones: string[] };
        phones.set(row.id, row.phones);
      }
      resolve({ leniency, phones, seconds: (performance.now() - started) / 1000 });
    });
    child.stdin.end(
      ads.map((a) => JSON.stringify({ id: a.id, text: a.text, country: a.country })).join("\n"),
    );
  });
}
