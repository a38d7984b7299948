import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractIdentifiers } from "./extract.ts";

const AT = [
  "@",
  " @ ",
  " (at) ",
  "(at)",
  "[at]",
  " [at] ",
  "{at}",
  " at ",
  " arroba ",
  " arobase ",
  "(arroba)",
  "＠",
];
const DOT = [".", " (dot) ", "(dot)", "[dot]", " dot ", " punto ", " point ", "(.)", "．"];

describe("emails and sites under obfuscation", () => {
  it("reads an address whatever the 'at' and 'dot' look like", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("anna", "lola_22", "m.rose", "carla-x"),
        fc.constantFrom("example", "mail-example", "example-girls"),
        fc.constantFrom("com", "es", "fr", "net", "co.uk"),
        fc.constantFrom(...AT),
        fc.constantFrom(...DOT),
        fc.constantFrom("Email ", "contact: ", "", "escríbeme a "),
        fc.constantFrom("", " for bookings", ". Thanks!", " o WhatsApp"),
        (local, site, tld, at, dot, before, after) => {
          const domain = `${site}${dot}${tld.replace(".", dot)}`;
          const text = `${before}${local}${at}${domain}${after}`;
          const emails = extractIdentifiers(text).filter((f) => f.type === "email");
          expect(
            emails.map((e) => e.value),
            text,
          ).toEqual([`${local}@${site}.${tld}`]);
          expect(text.slice(emails[0]!.start, emails[0]!.end)).toBe(emails[0]!.raw);
          expect(emails[0]!.obfuscated).toBe(at !== "@" || dot !== ".");
          // The parts of an address are not also a site or a handle.
          expect(extractIdentifiers(text).filter((f) => f.type !== "email")).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("handles however the platform is named", () => {
  const LABELS: readonly [string, string][] = [
    ["ig: ", "instagram"],
    ["IG @", "instagram"],
    ["insta ", "instagram"],
    ["Instagram: @", "instagram"],
    ["snap: ", "snapchat"],
    ["Snapchat ", "snapchat"],
    ["telegram @", "telegram"],
    ["tg: ", "telegram"],
    ["kik: ", "kik"],
    ["Kik ", "kik"],
    ["WeChat: ", "wechat"],
    ["wechat id ", "wechat"],
    ["Line ID: ", "line"],
    ["line: ", "line"],
    ["skype: ", "skype"],
    ["onlyfans: ", "onlyfans"],
    ["tiktok @", "tiktok"],
  ];
  it("reads the name after a platform label and keeps the platform", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LABELS),
        fc.constantFrom("lola_x", "Anna.Rose22", "sweetie__", "m1a"),
        fc.constantFrom("", "add me ", "📲 ", "Contact: "),
        fc.constantFrom("", " 💋", ". New pics daily", ", text first"),
        ([label, platform], name, before, after) => {
          const text = `${before}${label}${name}${after}`;
          const handles = extractIdentifiers(text).filter((f) => f.type === "handle");
          expect(
            handles.map((h) => h.value),
            text,
          ).toEqual([`${platform}:${name.toLowerCase()}`]);
          expect(handles[0]!.platform).toBe(platform);
          expect(text.slice(handles[0]!.start, handles[0]!.end)).toBe(handles[0]!.raw);
        },
      ),
      { numRuns: 800 },
    );
  });
});
