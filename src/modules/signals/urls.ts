/**
 * URLs and their registrable domains, with or without a scheme, and written as "site dot com". A URL on a
 * platform's profile host also yields the handle (t.me/name, onlyfans.com/name) or number (wa.me/346...).
 */
import { validatePhone } from "./phones.ts";
import { PROFILE_HOSTS } from "./platforms.ts";
import { isObfuscated, type NormalisedText, span } from "./text-map.ts";
import { COMMON_TLDS, registrableDomain, TLDS } from "./tlds.ts";
import type { ExtractOptions, Identifier } from "./types.ts";

// Labels are matched flat ([a-z0-9-]{1,63}\.) so a long word without dots cannot backtrack.
const URL =
  /(?<![A-Za-z0-9@.\-_])(?:(?:https?|ftp):\/\/)?((?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24})(?![A-Za-z0-9-])(?::\d{2,5})?(\/[^\s<>"'`{}|\\^[\]]*)?/g;
const SPELLED_DOT =
  "(?:[ \\t]*[(\\[{][ \\t]*(?:dot|punto|point)[ \\t]*[)\\]}][ \\t]*|[ \\t]+(?:dot|punto|point)[ \\t]+)";
const SPELLED = new RegExp(
  `(?<![A-Za-z0-9@])((?:www${SPELLED_DOT})?[A-Za-z0-9-]{2,63}(?:${SPELLED_DOT}[A-Za-z0-9-]{2,63}){1,3})(?![A-Za-z0-9])`,
  "gi",
);
const HAS_DOT_WORD = /(?:dot|punto|point)/i;
const SPELLED_SPLIT = new RegExp(SPELLED_DOT, "gi");
const TRAILING = /[.,;:!?)\]'"»]+$/;
const NOT_PROFILE = new Set(
  "p reel reels explore stories tv share sharer home login signup about help policy legal terms privacy watch search hashtag i intent profile.php groups pages events add".split(
    " ",
  ),
);

function profile(host: string, path: string): { platform: Identifier["platform"]; name: string } | undefined {
  const platform = PROFILE_HOSTS[host];
  if (!platform) return undefined;
  const segments = path.split(/[/?#]/).filter((s) => s.length > 0);
  let name = segments[0];
  if (platform === "snapchat" && name === "add") name = segments[1];
  if (platform === "line" && segments[0] === "ti" && segments[1] === "p")
    name = segments[2]?.replace(/^~/, "");
  if (platform === "tiktok") name = name?.startsWith("@") ? name.slice(1) : undefined;
  if (!name || NOT_PROFILE.has(name.toLowerCase()) || !/^[A-Za-z0-9_.+-]{1,64}$/.test(name)) return undefined;
  return { platform, name: name.toLowerCase() };
}

function fromHost(
  n: NormalisedText,
  s: number,
  e: number,
  rawHost: string,
  path: string,
  obfuscated: boolean,
  options: ExtractOptions,
): Identifier[] {
  const host = rawHost.toLowerCase().replace(/^www\./, "");
  const tld = host.slice(host.lastIndexOf(".") + 1);
  if (!TLDS.has(tld)) return [];
  const cleanPath = path.replace(/#.*$/, "").replace(/\/+$/, "");
  const where = span(n, s, e);
  const hidden = obfuscated || isObfuscated(n, s, e);
  const out: Identifier[] = [
    { type: "url", value: `${host}${cleanPath}`, ...where, obfuscated: hidden },
    { type: "domain", value: registrableDomain(host), ...where, obfuscated: hidden },
  ];
  const p = profile(host, cleanPath);
  if (p?.platform) {
    if (p.platform === "whatsapp" || (p.platform === "telegram" && p.name.startsWith("+"))) {
      const digits = p.name.replace(/^\+/, "");
      const phone = /^[0-9]{7,15}$/.test(digits) ? validatePhone(`+${digits}`, options.region) : undefined;
      if (phone)
        out.push({ type: "phone", value: phone, ...where, obfuscated: hidden, platform: p.platform });
      if (phone)
        out.push({
          type: "handle",
          value: `${p.platform}:${digits}`,
          ...where,
          obfuscated: hidden,
          platform: p.platform,
        });
    } else {
      out.push({
        type: "handle",
        value: `${p.platform}:${p.name}`,
        ...where,
        obfuscated: hidden,
        platform: p.platform,
      });
    }
  }
  return out;
}

/** URLs (value `host/path`, host lower-cased, no "www."), their domains, and profile handles. */
export function extractUrls(n: NormalisedText, options: ExtractOptions): Identifier[] {
  const text = n.text;
  const found: Identifier[] = [];
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m !== null; m = URL.exec(text)) {
    const host = m[1]!;
    let path = m[2] ?? "";
    const trail = TRAILING.exec(path);
    if (trail && !(trail[0] === ")" && path.includes("(")))
      path = path.slice(0, path.length - trail[0].length);
    const end = m.index + m[0].length - ((m[2] ?? "").length - path.length);
    found.push(...fromHost(n, m.index, end, host, path, false, options));
  }
  if (!HAS_DOT_WORD.test(text)) return found;
  SPELLED.lastIndex = 0;
  for (let m = SPELLED.exec(text); m !== null; m = SPELLED.exec(text)) {
    const labels = m[1]!.split(SPELLED_SPLIT);
    if (!COMMON_TLDS.has(labels[labels.length - 1]!.toLowerCase())) continue;
    found.push(...fromHost(n, m.index, m.index + m[0].length, labels.join("."), "", true, options));
  }
  return found;
}
