import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { base58check, bech32, bech32m } from "@scure/base";
import { spanIdentifier } from "./raw-span.ts";
import type { Identifier } from "./types.ts";

const BASE58CHECK = base58check(sha256);
const P2PKH_VERSION = 0x00;
const P2SH_VERSION = 0x05;

const BASE58_CANDIDATE = /(?<![\p{L}\p{N}])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![\p{L}\p{N}])/gu;
const BECH32_CANDIDATE = /(?<![\p{L}\p{N}])bc1[02-9ac-hj-np-z]{8,87}(?![\p{L}\p{N}])/giu;
const ETHEREUM_CANDIDATE = /(?<![\p{L}\p{N}])0x[0-9a-f]{40}(?![\p{L}\p{N}])/giu;

/** Legacy Bitcoin address: base58check with a double SHA-256 checksum, P2PKH (1…) or P2SH (3…). */
export function isBase58BitcoinAddress(address: string): boolean {
  try {
    const payload = BASE58CHECK.decode(address);
    return payload.length === 21 && (payload[0] === P2PKH_VERSION || payload[0] === P2SH_VERSION);
  } catch {
    return false;
  }
}

/**
 * Segwit address (BIP 173, BIP 350): witness version 0 uses bech32 with a 20- or 32-byte program,
 * versions 1–16 use bech32m with a 2–40-byte program. Mixed case is invalid by the BIPs.
 */
export function isBech32BitcoinAddress(address: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  for (const coder of [bech32, bech32m]) {
    try {
      const { prefix, words } = coder.decode(lower as `${string}1${string}`, 90);
      const version = words[0];
      if (prefix !== "bc" || version === undefined || version > 16) continue;
      if ((version === 0) !== (coder === bech32)) continue;
      const program = coder.fromWords(words.slice(1));
      if (
        version === 0
          ? program.length === 20 || program.length === 32
          : program.length >= 2 && program.length <= 40
      ) {
        return true;
      }
    } catch {
      // not this encoding: try the other
    }
  }
  return false;
}

/** Bitcoin addresses with a valid checksum; segwit ones are given lower-case. */
export function extractBitcoin(text: string): Identifier[] {
  const found: Identifier[] = [];
  for (const match of text.matchAll(BASE58_CANDIDATE)) {
    if (isBase58BitcoinAddress(match[0])) {
      found.push(spanIdentifier("bitcoin", match[0], text, match.index, match.index + match[0].length));
    }
  }
  if (!/bc1/i.test(text)) return found;
  for (const match of text.matchAll(BECH32_CANDIDATE)) {
    if (isBech32BitcoinAddress(match[0])) {
      const value = match[0].toLowerCase();
      found.push(spanIdentifier("bitcoin", value, text, match.index, match.index + match[0].length));
    }
  }
  return found;
}

/** EIP-55: a hex letter is upper-case exactly when the matching nibble of keccak256(lower hex) is ≥ 8. */
export function toChecksumAddress(hex40: string): string {
  const lower = hex40.toLowerCase();
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = "0x";
  for (let i = 0; i < 40; i += 1) {
    const char = lower[i]!;
    const byte = hash[i >> 1]!;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    out += nibble >= 8 ? char.toUpperCase() : char;
  }
  return out;
}

/** Ethereum addresses: all-lower and all-upper are unchecksummed and accepted; mixed case must pass EIP-55. */
export function extractEthereum(text: string): Identifier[] {
  const found: Identifier[] = [];
  if (!text.includes("0x")) return found;
  for (const match of text.matchAll(ETHEREUM_CANDIDATE)) {
    const raw = match[0];
    if (raw[1] !== "x") continue; // "0X" is not how addresses are written
    const hex = raw.slice(2);
    const checksummed = toChecksumAddress(hex);
    const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
    if (mixed && checksummed.slice(2) !== hex) continue;
    found.push(spanIdentifier("ethereum", checksummed, text, match.index, match.index + raw.length));
  }
  return found;
}
