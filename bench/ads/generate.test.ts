import { sha256 } from "@noble/hashes/sha2.js";
import { bech32, createBase58check } from "@scure/base";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { eip55, ibanCheckDigits, PHONE_RANGES } from "./fictional.ts";
import { generateAds } from "./generate.ts";
import { EMAIL_OBFUSCATIONS, PHONE_OBFUSCATIONS } from "./obfuscate.ts";

const { ads, truth } = generateAds({ ads: 3000, seed: 11 });
const all = truth.flatMap((t) => t.identifiers.map((i) => ({ ...i, ad: t.id, cluster: t.cluster })));
const textOf = new Map(ads.map((a) => [a.id, a.text]));

describe("synthetic ad generator", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateAds({ ads: 400, seed: 11 })).toEqual(generateAds({ ads: 400, seed: 11 }));
    expect(generateAds({ ads: 400, seed: 12 }).ads).not.toEqual(generateAds({ ads: 400, seed: 11 }).ads);
  });

  it("produces exactly the ads asked for, with unique ids, in posting order, in the import format", () => {
    expect(ads).toHaveLength(3000);
    expect(new Set(ads.map((a) => a.id)).size).toBe(3000);
    expect(ads.map((a) => a.posted_at)).toEqual([...ads.map((a) => a.posted_at)].sort());
    for (const a of ads.slice(0, 50)) {
      expect(Object.keys(a)).toEqual(["id", "url", "site", "posted_at", "title", "text", "city", "country"]);
      expect(new URL(a.url).hostname).toMatch(/\.example\.(com|org|net)$/);
    }
  });

  it("labels every identifier with a raw form found exactly at its span in the text", () => {
    for (const i of all) expect(textOf.get(i.ad)?.slice(i.start, i.end)).toBe(i.raw);
  });

  it("uses only fictional phone numbers, and says truly whether libphonenumber accepts each", () => {
    const phones = all.filter((i) => i.type === "phone");
    expect(phones.length).toBeGreaterThan(2500);
    for (const p of phones) {
      const range = PHONE_RANGES.find((r) => p.value.startsWith(`+${r.callingCode}${r.prefix}`));
      expect(range, p.value).toBeDefined();
      expect(p.value).toHaveLength(
        1 + (range?.callingCode.length ?? 0) + (range?.prefix.length ?? 0) + (range?.free ?? 0),
      );
      expect(parsePhoneNumberFromString(p.value)?.isValid() ?? false, p.value).toBe(p.libphonenumberValid);
    }
  });

  it("hides phones and emails in every kind the issue lists", () => {
    const kinds = new Set(all.flatMap((i) => i.obfuscation));
    for (const k of [...PHONE_OBFUSCATIONS, ...EMAIL_OBFUSCATIONS]) expect(kinds, k).toContain(k);
    const hidden = all.filter((i) => i.type === "phone" && i.obfuscated).length;
    expect(hidden / all.filter((i) => i.type === "phone").length).toBeGreaterThan(0.3);
  });

  it("labels only what the raw form shows", () => {
    const shows: Record<string, RegExp> = {
      homoglyph: /[OoIl]/,
      fullwidth: /[\uff10-\uff19]/,
      "arabic-indic": /[\u0660-\u0669]/,
      keycap: /\u20e3/,
      circled: /[\u2460-\u2468\u24ea]/,
      spelled: /\p{L}{3}/u,
      "spelled-mixed": /\p{L}{2}/u,
      misspelled: /\p{L}{2}/u,
      spacing: /\d\D+\d|[OoIl]\W+[\dOoIl]/,
      "at-dot-parens": /\(at\)/,
      "at-dot-brackets": /\[at\]/,
      spaced: / @ /,
      "at-word": / (at|arroba|arobase) /,
    };
    for (const i of all) {
      for (const kind of i.obfuscation) expect(i.raw, kind).toMatch(shows[kind] ?? /never/);
      if (i.type === "phone" && !i.obfuscated) expect(i.raw).toMatch(/^\+?[\d (). -]+$/);
    }
  });

  it("never gives two operators the same number, except the decoys, which several print", () => {
    const clustersOf = new Map<string, Set<string>>();
    for (const p of all.filter((i) => i.type === "phone")) {
      const set = clustersOf.get(p.value) ?? new Set();
      set.add(p.cluster);
      clustersOf.set(p.value, set);
    }
    const decoys = new Set(all.filter((i) => i.decoy).map((i) => i.value));
    for (const [value, clusters] of clustersOf) if (!decoys.has(value)) expect(clusters.size, value).toBe(1);
    expect([...decoys].some((d) => (clustersOf.get(d)?.size ?? 0) >= 3)).toBe(true);
  });

  it("reposts: exact copies keep the text, near duplicates keep the identifiers", () => {
    const byId = new Map(truth.map((t) => [t.id, t]));
    const adById = new Map(ads.map((a) => [a.id, a]));
    const reposts = truth.filter((t) => t.repost);
    expect(reposts.filter((t) => t.repost?.kind === "exact").length).toBeGreaterThan(100);
    expect(reposts.filter((t) => t.repost?.kind === "near").length).toBeGreaterThan(100);
    for (const t of reposts) {
      const of = t.repost?.of ?? "";
      expect(byId.get(of)?.cluster).toBe(t.cluster);
      const values = (x: typeof t | undefined) => x?.identifiers.map((i) => `${i.type}:${i.value}`);
      expect(values(t)).toEqual(values(byId.get(of)));
      if (t.repost?.kind === "exact") expect(adById.get(t.id)?.text).toBe(adById.get(of)?.text);
    }
  });

  it("writes emails under reserved domains and payment identifiers that pass their checksums", () => {
    const base58check = createBase58check(sha256);
    for (const i of all) {
      if (i.type === "email") expect(i.value).toMatch(/^[a-z0-9._]+@(mail\.)?example\.(com|org|net)$/);
      if (i.type === "iban") expect(ibanCheckDigits("GB", i.value.slice(4))).toBe(i.value.slice(2, 4));
      if (i.type === "ethereum") expect(i.value).toBe(`0x${eip55(i.value.slice(2).toLowerCase())}`);
      if (i.type === "bitcoin") {
        if (i.value.startsWith("bc1")) expect(bech32.decode(i.value as `bc1${string}`).prefix).toBe("bc");
        else expect(base58check.decode(i.value)[0]).toBe(0);
      }
      if (i.type === "handle") expect(i.value).toMatch(/^[a-z]+:[a-z0-9._]+$/);
    }
    expect(new Set(all.map((i) => i.type))).toEqual(
      new Set(["phone", "email", "handle", "iban", "bitcoin", "ethereum"]),
    );
  });

  it("computes EIP-55 as the standard's published example does", () => {
    // From EIP-55's test vectors.
    expect(eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toBe(
      "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    );
  });
});
