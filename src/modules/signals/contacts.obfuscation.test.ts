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
