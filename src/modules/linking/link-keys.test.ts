import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractSignals } from "../signals/signals.ts";
import { blindIndex, contentHash, linkKeys } from "./link-keys.ts";

const keysOf = (text: string) =>
  linkKeys(extractSignals(text, { region: "GB" }).identifiers).map((k) => `${k.type}:${k.value}`);

describe("linkKeys", () => {
  it("links on phones, emails, handles and a site's registrable domain, each once", () => {
    const keys = keysOf(
      "Call 07700 900123 or +44 7700 900 123, mail ana (at) example (dot) com, see https://www.ana-example.co.uk/me",
    );
    expect(keys).toEqual(["phone:+447700900123", "email:ana@example.com", "domain:ana-example.co.uk"]);
  });

  it("does not link on ages, prices, cards or the platforms everyone uses", () => {
    const keys = keysOf("I am 21 years old, 100 GBP per hour, card 4111 1111 1111 1111, t.me/ana_example");
    expect(keys).toEqual(["handle:telegram:ana_example"]);
  });
});

describe("blindIndex", () => {
  it("is the same for the same value under one key and differs across keys and types", () => {
    const k1 = crypto.randomBytes(32);
    const k2 = crypto.randomBytes(32);
    const phone = { type: "phone", value: "+447700900123" } as const;
    expect(blindIndex(k1, phone)).toBe(blindIndex(k1, { ...phone }));
    expect(blindIndex(k1, phone)).not.toBe(blindIndex(k2, phone));
    expect(blindIndex(k1, phone)).not.toBe(blindIndex(k1, { type: "handle", value: "+447700900123" }));
    expect(blindIndex(k1, phone)).not.toContain("7700900123");
  });
});

describe("contentHash", () => {
  it("matches a repost that differs only in case and spacing, not one with another number", () => {
    const a = contentHash("New in town", "Call 07700 900123");
    expect(contentHash("NEW  in town ", "call 07700\n900123")).toBe(a);
    expect(contentHash("New in town", "Call 07700 900124")).not.toBe(a);
  });
});
