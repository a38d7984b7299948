import crypto from "node:crypto";
import { PROFILE_HOSTS } from "../signals/platforms.ts";
import { registrableDomain } from "../signals/tlds.ts";
import type { Identifier, IdentifierType } from "../signals/types.ts";

/**
 * Identifier types that link items: what an operator reuses (a number, an address, an account, a wallet,
 * a site). Ages, prices and cards never link (cards are redacted and never stored); full URLs link
 * through their registrable domain and, on profile sites, through the handle the signals library reads.
 */
export const LINKING_TYPES: ReadonlySet<IdentifierType> = new Set([
  "phone",
  "email",
  "handle",
  "iban",
  "bitcoin",
  "ethereum",
  "domain",
]);

/**
 * Sites many unrelated people use: sharing one says nothing about who is behind two ads. The profile
 * hosts of the signals library (t.me, instagram.com...) plus mail, search, hosting and ad platforms.
 */
const COMMON_DOMAINS: ReadonlySet<string> = new Set([
  ...Object.keys(PROFILE_HOSTS).map(registrableDomain),
  ..."whatsapp.com telegram.org telegram.me instagram.com snapchat.com wechat.com line.me kik.com signal.org skype.com cash.app venmo.com paypal.com paypal.me revolut.com revolut.me gmail.com googlemail.com google.com yahoo.com hotmail.com outlook.com live.com icloud.com proton.me protonmail.com gmx.com youtube.com youtu.be linktr.ee bit.ly tinyurl.com wordpress.com blogspot.com wix.com reddit.com craigslist.org backpage.com".split(
    " ",
  ),
]);

/** A linking key: the identifier's type and normalised value. */
export interface LinkKey {
  readonly type: IdentifierType;
  readonly value: string;
}

/** The distinct identifiers of an item that link it to others, in the order first found. */
export function linkKeys(identifiers: readonly Identifier[]): LinkKey[] {
  const seen = new Set<string>();
  const keys: LinkKey[] = [];
  for (const id of identifiers) {
    if (!LINKING_TYPES.has(id.type)) continue;
    const value = id.type === "domain" ? registrableDomain(id.value) : id.value;
    if (id.type === "domain" && COMMON_DOMAINS.has(value)) continue;
    const key = `${id.type}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    keys.push({ type: id.type, value });
  }
  return keys;
}

/** The blind index of an identifier: HMAC-SHA256 of `type:value` under the deployment's key (base64url). */
export function blindIndex(key: Buffer, link: LinkKey): string {
  return crypto.createHmac("sha256", key).update(`${link.type}:${link.value}`).digest("base64url");
}

/** Text compared for exact reposts: NFKC, lower case, runs of white space as one space, trimmed. */
function forHash(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** SHA-256 (hex) of an ad's normalised title and text: word-for-word reposts share it. */
export function contentHash(title: string, text: string): string {
  return crypto
    .createHash("sha256")
    .update(`${forHash(title)}\n${forHash(text)}`)
    .digest("hex");
}
