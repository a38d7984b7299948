import { extractSignals } from "../modules/signals/signals.ts";
import type { Signals } from "../modules/signals/types.ts";

/** The most text `lantern extract` reads: an ad, a report or a page of chat, not a database dump. */
export const MAX_EXTRACT_BYTES = 1024 * 1024;

async function readStdin(limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limit) throw new Error(`input larger than ${limit} bytes: split it into smaller texts`);
    chunks.push(buffer);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}

function printHuman(signals: Signals, out: (line: string) => void): void {
  if (signals.identifiers.length === 0) out("No identifiers found.");
  else {
    out("Identifiers:");
    for (const id of signals.identifiers) {
      const platform = id.platform ? ` (${id.platform})` : "";
      const hidden = id.obfuscated ? "  [obfuscated]" : "";
      out(`  ${id.type.padEnd(9)} ${id.value}${platform}  ← "${id.raw}" at ${id.start}–${id.end}${hidden}`);
    }
  }
  const { score, matches } = signals.indicators;
  out("");
  out(`Indicator score: ${score}/100`);
  for (const m of matches) {
    out(`  +${m.weight} ${m.ruleId} [${m.tier}] ${m.description}  ← "${m.raw}" at ${m.start}–${m.end}`);
  }
}

/** `lantern extract`: reads one text on stdin, prints its identifiers and indicators. */
export async function extractCommand(opts: { region?: string; json?: boolean }): Promise<void> {
  const text = await readStdin(MAX_EXTRACT_BYTES);
  const signals = extractSignals(text, opts.region ? { region: opts.region } : {});
  if (opts.json) process.stdout.write(`${JSON.stringify(signals, null, 2)}\n`);
  else printHuman(signals, (line) => process.stdout.write(`${line}\n`));
}
