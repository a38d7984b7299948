/** How ads name messaging and social platforms, and the hosts whose paths are account names. */
import type { Platform } from "./types.ts";

/** Lower-case names and nicknames of each platform as written before a handle or number. */
export const PLATFORM_NAMES: Readonly<Record<string, Platform>> = {
  whatsapp: "whatsapp",
  "whats app": "whatsapp",
  whatsap: "whatsapp",
  watsapp: "whatsapp",
  watsap: "whatsapp",
  wsp: "whatsapp",
  wa: "whatsapp",
  telegram: "telegram",
  tg: "telegram",
  tlgrm: "telegram",
  instagram: "instagram",
  insta: "instagram",
  ig: "instagram",
  snapchat: "snapchat",
  snap: "snapchat",
  sc: "snapchat",
  wechat: "wechat",
  weixin: "wechat",
  "we chat": "wechat",
  line: "line",
  kik: "kik",
  onlyfans: "onlyfans",
  "only fans": "onlyfans",
  twitter: "twitter",
  facebook: "facebook",
  fb: "facebook",
  tiktok: "tiktok",
  "tik tok": "tiktok",
  signal: "signal",
  skype: "skype",
};

const ALTERNATION = Object.keys(PLATFORM_NAMES)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(" ", "\\s?"))
  .join("|");

/** A platform named just before `at` (e.g. "WhatsApp: +34 ..."), allowing a label and punctuation. */
const NAMED_BEFORE = new RegExp(
  `\\b(${ALTERNATION})(?:\\s?(?:id|me|only|number|nr|no))?[\\s:;=\\-–>()]*$`,
  "i",
);

export function platformBefore(text: string, at: number): Platform | undefined {
  const m = NAMED_BEFORE.exec(text.slice(Math.max(0, at - 24), at));
  if (!m) return undefined;
  return PLATFORM_NAMES[m[1]!.toLowerCase().replace(/\s+/, " ")];
}

/** Hosts whose first path segment (or the given pattern) is an account name. */
export const PROFILE_HOSTS: Readonly<Record<string, Platform>> = {
  "t.me": "telegram",
  "telegram.me": "telegram",
  "wa.me": "whatsapp",
  "instagram.com": "instagram",
  "instagr.am": "instagram",
  "snapchat.com": "snapchat",
  "kik.me": "kik",
  "onlyfans.com": "onlyfans",
  "twitter.com": "twitter",
  "x.com": "twitter",
  "facebook.com": "facebook",
  "fb.com": "facebook",
  "tiktok.com": "tiktok",
  "line.me": "line",
  "signal.me": "signal",
};
