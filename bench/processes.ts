import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { freePort, waitForPort } from "../test/support/ports.ts";

export { freePort, waitForPort };

/** CPU seconds (user + system) a process has used: all its threads, and its main (JavaScript) thread. */
export interface CpuTime {
  readonly total: number;
  readonly mainThread: number;
}

export interface ServerProcess {
  readonly pid: number;
  readonly port: number;
  /** CPU used so far (Linux /proc), or undefined elsewhere. */
  cpu(): CpuTime | undefined;
  /** SIGTERM, then wait for the process to exit (it closes its database on the way). */
  stop(): Promise<void>;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime, stime, cutime, cstime (seconds) from a /proc stat file, or undefined if unreadable. */
function statTimes(file: string): readonly number[] | undefined {
  try {
    const stat = fs.readFileSync(file, "utf8");
    // Fields after the command name (which may contain spaces) start at field 3; times are 14 to 17.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields.slice(11, 15).map((f) => Number(f) / CLOCK_TICKS_PER_SECOND);
  } catch {
    return undefined;
  }
}

function processCpu(pid: number): CpuTime | undefined {
  const all = statTimes(`/proc/${pid}/stat`);
  const main = statTimes(`/proc/${pid}/task/${pid}/stat`);
  if (!all || !main) return undefined;
  return { total: (all[0] ?? 0) + (all[1] ?? 0), mainThread: (main[0] ?? 0) + (main[1] ?? 0) };
}

/** CPU seconds the whole machine has been busy (all cores, every process; Linux /proc/stat). */
export function machineBusySeconds(): number | undefined {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (
      [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0) /
      CLOCK_TICKS_PER_SECOND
    );
  } catch {
    return undefined;
  }
}

/**
 * Waits until the rest of the machine has been nearly idle (under `maxCores` busy, this process excluded)
 * for `windowMs`, or until `timeoutMs` has passed. Returns the cores last seen busy.
 */
export async function waitForQuiet(maxCores: number, windowMs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = machineBusySeconds();
    const self = process.cpuUsage();
    await new Promise((r) => setTimeout(r, windowMs));
    const after = machineBusySeconds();
    if (before === undefined || after === undefined) return 0;
    const own = process.cpuUsage(self);
    const busy = (after - before - (own.user + own.system) / 1e6) / (windowMs / 1000);
    if (busy < maxCores || Date.now() >= deadline) return busy;
  }
}

/**
 * CPU seconds used by a process and all its descendants, live ones and reaped ones (Linux), e.g. a
 * PostgreSQL postmaster and its backends.
 */
export function treeCpuSeconds(rootPid: number): number | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(e)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [rootPid];
  for (let pid = queue.pop(); pid !== undefined; pid = queue.pop()) {
    total += (statTimes(`/proc/${pid}/stat`) ?? []).reduce((a, b) => a + b, 0);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Starts a server in its own process (so it never shares an event loop with the load generator) and
 * resolves once it answers on `port`. Its stderr is passed through; its stdout is dropped.
 */
export async function startServer(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  port: number,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const failed = exited.then((code) => {
    throw new Error(`server exited early (code ${code}): node ${args.join(" ")}`);
  });
  await Promise.race([waitForPort(port, 60_000), failed]);
  failed.catch(() => undefined);
  const pid = child.pid ?? 0;
  return {
    pid,
    port,
    cpu: () => processCpu(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
