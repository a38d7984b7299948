// Summarises a V8 .cpuprofile (as written by `npm run bench -- --cpu-prof`) by self time: per package or
// source folder, and per function. Usage: node --import tsx bench/cpu-profile-summary.ts <file> [top]
import fs from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a frame's code comes from: a package, a folder of ours, Node internals, or V8's own buckets. */
export function origin(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("node:")) return "node: internals";
  const ours = url.match(/\/(src\/[^/]+\/[^/]+|bench|bin)\//)?.[1];
  return ours ?? url;
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, us]) =>
        `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / all).toFixed(1).padStart(5)} %  ${name}`,
    );
}

const [file, countText] = process.argv.slice(2);
if (!file) throw new Error("usage: cpu-profile-summary.ts <file.cpuprofile> [top]");
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const byOrigin = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  if (!node) return;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = origin(url, functionName);
  byOrigin.set(where, (byOrigin.get(where) ?? 0) + us);
  const fn = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "")}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
});
const count = Number(countText ?? 25);
process.stdout.write(`main thread, ${(total / 1000).toFixed(0)} ms sampled\n\nself time by origin\n`);
process.stdout.write(`${top(byOrigin, total, count).join("\n")}\n\nself time by function\n`);
process.stdout.write(`${top(byFunction, total, count).join("\n")}\n`);
