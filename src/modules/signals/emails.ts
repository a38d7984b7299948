/**
 * Email addresses, plain and written around filters: "name (at) site (dot) com", "name[at]site[dot]com",
 * "name at site dot com", Spanish "arroba"/"punto", French "arobase"/"point". The scan starts at each
 * "at" marker and reads a bounded local part backwards and the domain forwards, so it stays linear.
 */
import { isObfuscated, type NormalisedText, span } from "./text-map.ts";
import { COMMON_TLDS, TLDS } from "./tlds.ts";
import type { Identifier } from "./types.ts";

const AT_WORDS = "at|arroba|arobase";
const DOT_WORDS = "dot|punto|point";
const AT_MARKER = new RegExp(
  `[ \\t]*@[ \\t]*|[ \\t]*[(\\[{<][ \\t]*(?:${AT_WORDS}|@)[ \\t]*[)\\]}>][ \\t]*|[ \\t]+(?:${AT_WORDS})[ \\t]+`,
  "gi",
);
// A dot spaced out on both sides ("example . com") is a trick; "example. com" ends a sentence.
const DOT = `(?:\\.|[ \\t]+\\.[ \\t]+|[ \\t]*[(\\[{<][ \\t]*(?:${DOT_WORDS}|\\.)[ \\t]*[)\\]}>][ \\t]*|[ \\t]+(?:${DOT_WORDS})[ \\t]+)`;
const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const DOMAIN = new RegExp(`${LABEL}(?:${DOT}${LABEL}){1,5}`, "y");
const DOT_SPLIT = new RegExp(DOT, "gi");
const LABEL_AT = new RegExp(LABEL, "y");
const DOT_AT = new RegExp(DOT, "iy");
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
// Words that sit before "at" in a sentence and would make a false address ("text me at ...").
const NOT_LOCAL = new Set(
  "me us him her them you it here there home work night day anytime available located based in out now call text message write email mail contact reach look see find meet pics photos fotos photo pic videos video more info details".split(
    " ",
  ),
);

/** Emails, value lower-cased. */
export function extractEmails(n: NormalisedText): Identifier[] {
  const text = n.text;
  const found: Identifier[] = [];
  AT_MARKER.lastIndex = 0;
  for (let m = AT_MARKER.exec(text); m !== null; m = AT_MARKER.exec(text)) {
    const markerStart = m.index;
    const markerEnd = m.index + m[0].length;
    let s = markerStart;
    while (s > 0 && markerStart - s < 64 && LOCAL_CHAR.test(text[s - 1]!)) s--;
    while (s < markerStart && (text[s] === "." || text[s] === "-")) s++;
    const local = text.slice(s, markerStart);
    if (local.length === 0 || local.endsWith(".")) continue;
    DOMAIN.lastIndex = markerEnd;
    const d = DOMAIN.exec(text);
    if (!d) continue;
    const plainAt = m[0] === "@";
    const spacedAt = m[0].trim() === "@";
    const spacedWord = !spacedAt && !/[([{<]/.test(m[0]);
    const labels = d[0].split(DOT_SPLIT);
    const plainDots = !/[ \t([{<]/.test(d[0]);
    // Drop trailing labels until the last is a top-level domain (a sentence may follow a plain dot).
    let keep = labels.length;
    const trusted = spacedAt ? TLDS : COMMON_TLDS;
    while (keep >= 2 && !trusted.has(labels[keep - 1]!.toLowerCase())) keep--;
    if (keep < 2) continue;
    // "Pics at www.example.com/anna" is a sentence about a site, not an address.
    if (
      spacedWord &&
      (NOT_LOCAL.has(local.toLowerCase()) || /^www\b/i.test(d[0]) || text[markerEnd + d[0].length] === "/")
    )
      continue;
    // Find where the kept labels end in the text.
    let end = markerEnd;
    let seen = 0;
    for (; seen < keep; seen++) {
      LABEL_AT.lastIndex = end;
      const l = LABEL_AT.exec(text);
      if (!l) break;
      end = l.index + l[0].length;
      if (seen < keep - 1) {
        DOT_AT.lastIndex = end;
        const dm = DOT_AT.exec(text);
        if (!dm) break;
        end = dm.index + dm[0].length;
      }
    }
    const value = `${local}@${labels.slice(0, keep).join(".")}`.toLowerCase();
    found.push({
      type: "email",
      value,
      ...span(n, s, end),
      obfuscated: !plainAt || !plainDots || isObfuscated(n, s, end),
    });
    AT_MARKER.lastIndex = Math.max(AT_MARKER.lastIndex, end);
  }
  return found;
}
