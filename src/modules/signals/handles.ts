/**
 * Social-media and messaging handles: labelled ("ig: name", "insta name", "telegram @name", "kik: name",
 * "Line ID: name") and bare "@name" (never the "@" inside an email). Profile URLs (t.me/name) are read
 * in urls.ts.
 */
import { PLATFORM_NAMES, platformBefore } from "./platforms.ts";
import { isObfuscated, type NormalisedText, span } from "./text-map.ts";
import { TLDS } from "./tlds.ts";
import type { Identifier, Platform } from "./types.ts";

const NAMES = Object.keys(PLATFORM_NAMES)
  .sort((a, b) => b.length - a.length)
  .map((k) => k.replace(" ", "\\s?"))
  .join("|");
const LABELLED = new RegExp(
  `(?<![A-Za-z0-9])(${NAMES})(?:\\s?(?:id|user(?:name)?|name|usuario|pseudo))?(\\s*[:=\\-–>]+\\s*@?|\\s*@|\\s+)([A-Za-z0-9_][A-Za-z0-9_.\\-]{1,31})`,
  "gi",
);
const BARE = /(?<![A-Za-z0-9_.+\-@])@([A-Za-z0-9_][A-Za-z0-9_.]{1,29})/g;
// Short or everyday platform names count only with a colon, "@" or "id" ("line: name", not "a line of").
const NEEDS_MARK = new Set(["line", "signal", "sc", "tg", "wa", "fb", "ig", "snap", "wsp"]);
const STOP = new Set(
  "me and or the for to at on is are in of my only available here now y en et ou o por pour para avec con with a an me: number numero numéro no call text message dm add follow us".split(
    " ",
  ),
);

function clean(name: string): string {
  return name.replace(/[._-]+$/, "");
}

function handle(
  n: NormalisedText,
  s: number,
  e: number,
  name: string,
  platform: Platform | undefined,
): Identifier {
  return {
    type: "handle",
    value: platform ? `${platform}:${name.toLowerCase()}` : name.toLowerCase(),
    ...span(n, s, e),
    obfuscated: isObfuscated(n, s, e),
    ...(platform ? { platform } : {}),
  };
}

/** Handles with their platform when the text names it. */
export function extractHandles(n: NormalisedText): Identifier[] {
  const text = n.text;
  const found: Identifier[] = [];
  const taken: [number, number][] = [];
  LABELLED.lastIndex = 0;
  for (let m = LABELLED.exec(text); m !== null; m = LABELLED.exec(text)) {
    const label = m[1]!.toLowerCase().replace(/\s+/, " ");
    const platform = PLATFORM_NAMES[label];
    const mark = m[2]!;
    const marked =
      /[:=\-–>@]/.test(mark) || /id$/i.test(m[0].slice(0, m[0].length - mark.length - m[3]!.length));
    if (!platform || (NEEDS_MARK.has(label) && !marked)) continue;
    const name = clean(m[3]!);
    if (text[m.index + m[0].length] === "/") continue; // "telegram: t.me/name" is a URL
    // Digits after a platform are a number (the phone extractor's), a common word is a sentence.
    if (/^[0-9.\-_]+$/.test(name) || STOP.has(name.toLowerCase()) || name.length < 2) continue;
    // "insta: anna.example.com" is a site, not a handle; leave it to the URL extractor.
    const dot = name.lastIndexOf(".");
    if (dot > 0 && TLDS.has(name.slice(dot + 1).toLowerCase()) && !marked) continue;
    const s = m.index + m[0].length - m[3]!.length;
    const e = s + name.length;
    const at = text[s - 1] === "@" ? s - 1 : s;
    found.push(handle(n, at, e, name, platform));
    taken.push([at, e]);
  }
  BARE.lastIndex = 0;
  for (let m = BARE.exec(text); m !== null; m = BARE.exec(text)) {
    const s = m.index;
    const name = clean(m[1]!);
    const e = s + 1 + name.length;
    if (taken.some(([a, b]) => s < b && e > a)) continue;
    const dot = name.lastIndexOf(".");
    if (dot > 0 && TLDS.has(name.slice(dot + 1).toLowerCase())) continue; // "@site.com" is a domain
    if (/^[0-9]+$/.test(name)) continue;
    found.push(handle(n, s, e, name, platformBefore(text, s)));
  }
  return found;
}
