import crypto from "node:crypto";
import { hashRaw } from "@node-rs/argon2";

/** argon2id parameters for receipt codes (OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane). */
export const RECEIPT_ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

const DIGITS = 16;

/** A new random receipt code: 16 decimal digits (about 53 bits), from the CSPRNG. */
export function newReceiptCode(): string {
  let code = "";
  for (let i = 0; i < DIGITS; i++) code += crypto.randomInt(10).toString();
  return code;
}

/** Groups a code in fours for reading aloud and copying: `1234 5678 9012 3456`. */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * Turns what a person typed into the 16 digits, or undefined. Spaces, dashes and dots are ignored, and
 * Arabic-Indic, Persian and fullwidth digits count as the digits they are.
 */
export function normaliseReceiptCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const ascii = input.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (d) => {
    const cp = d.codePointAt(0) ?? 0;
    const base = cp >= 0xff10 ? 0xff10 : cp >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(cp - base);
  });
  const digits = ascii.replace(/[\s\-.\u00A0\u2009]/g, "");
  return /^\d{16}$/.test(digits) ? digits : undefined;
}

/** The stored lookup key for a code: argon2id under the deployment salt, hex. */
export async function hashReceiptCode(code: string, deploymentSalt: Buffer): Promise<string> {
  const raw = await hashRaw(code, { ...RECEIPT_ARGON2, salt: deploymentSalt });
  return raw.toString("hex");
}
