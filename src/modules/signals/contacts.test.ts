import { describe, expect, it } from "vitest";
import { extractIdentifiers } from "./extract.ts";
import type { IdentifierType } from "./types.ts";

const of = (type: IdentifierType, text: string, region?: string) =>
  extractIdentifiers(text, region ? { region } : {})
    .filter((id) => id.type === type)
    .map((id) => ({ value: id.value, raw: id.raw, obfuscated: id.obfuscated, platform: id.platform }));
const values = (type: IdentifierType, text: string) => of(type, text).map((x) => x.value);

describe("emails", () => {
  it.each([
    ["plain", "write to Anna.B@Example.com.", "anna.b@example.com", "Anna.B@Example.com", false],
    [
      "plus and subdomain",
      "x+ads@mail.example.co.uk",
      "x+ads@mail.example.co.uk",
      "x+ads@mail.example.co.uk",
      false,
    ],
    ["(at) (dot)", "anna (at) example (dot) com", "anna@example.com", "anna (at) example (dot) com", true],
    ["[at] [dot]", "anna[at]example[dot]com", "anna@example.com", "anna[at]example[dot]com", true],
    ["{at} and a real dot", "anna{at}example.com", "anna@example.com", "anna{at}example.com", true],
    ["spelled words", "mail anna at example dot com", "anna@example.com", "anna at example dot com", true],
    ["Spanish", "carla arroba example punto es", "carla@example.es", "carla arroba example punto es", true],
    ["French", "lea arobase example point fr", "lea@example.fr", "lea arobase example point fr", true],
    ["fullwidth at", "anna＠example.com", "anna@example.com", "anna＠example.com", true],
    ["spaces around @", "anna @ example.com", "anna@example.com", "anna @ example.com", true],
    ["spaced dots", "mail anna70 @ example . net now", "anna70@example.net", "anna70 @ example . net", true],
    [
      "spaced subdomain",
      "sofia_38 @ mail . example . com.",
      "sofia_38@mail.example.com",
      "sofia_38 @ mail . example . com",
      true,
    ],
  ])("%s", (_label, text, value, raw, obfuscated) => {
    expect(of("email", text)).toEqual([{ value, raw, obfuscated, platform: undefined }]);
  });

  it.each([
    ["a sentence with at and dot", "I am at home, dot com bubble"],
    ["'me at' is not an address", "text me at example dot com"],
    ["a word 'at' with no domain", "meet at the hotel. Dot your i's"],
    ["an unknown spelled TLD", "anna at example dot notatld"],
    ["a bare @", "@ night"],
    ["a spaced @ before a sentence", "meet me @ home . Call later"],
    ["'pics at' a site", "Pics at www.example.com/anna and more at example.com/more"],
  ])("not an email: %s", (_label, text) => {
    expect(values("email", text)).toEqual([]);
  });

  it("does not make a handle, URL or domain of an email's parts", () => {
    const found = extractIdentifiers("anna@example.com");
    expect(found.map((f) => f.type)).toEqual(["email"]);
  });
});

describe("URLs and domains", () => {
  it.each([
    ["with scheme", "see https://Example.com/Girls/Anna?id=5.", "example.com/Girls/Anna?id=5", "example.com"],
    ["www, no scheme", "www.example.org/profile/", "example.org/profile", "example.org"],
    ["bare host", "visit example.net today", "example.net", "example.net"],
    ["second-level suffix", "http://ads.example.co.uk/x", "ads.example.co.uk/x", "example.co.uk"],
    ["subdomain", "https://city.escort.example.com", "city.escort.example.com", "example.com"],
    ["'dot' spelled out", "example dot com", "example.com", "example.com"],
    ["(dot)", "example(dot)es", "example.es", "example.es"],
    ["(.)", "example(.)com", "example.com", "example.com"],
  ])("%s", (_label, text, url, domain) => {
    expect(values("url", text)).toEqual([url]);
    expect(values("domain", text)).toEqual([domain]);
  });

  it("marks a spelled-out site as obfuscated", () => {
    expect(of("url", "example dot com")[0]?.obfuscated).toBe(true);
    expect(of("url", "example.com")[0]?.obfuscated).toBe(false);
  });

  it.each([
    ["file names", "photo.jpg and video.mp4"],
    ["abbreviations", "e.g. i.e. etc."],
    ["decimals and versions", "1.5 hours, v2.0"],
    ["a sentence without a space after the full stop", "Nice.Call me"],
  ])("not a URL: %s", (_label, text) => {
    expect(values("url", text)).toEqual([]);
  });

  it("does not read a number in a URL path as a phone", () => {
    const found = extractIdentifiers("https://example.com/ads/2125550199", { region: "US" });
    expect(found.map((f) => f.type)).toEqual(["domain", "url"]);
  });
});

describe("handles", () => {
  it.each([
    ["@name", "follow @Sweet_Rose", "sweet_rose", undefined, "@Sweet_Rose"],
    ["ig:", "ig: anna.li", "instagram:anna.li", "instagram", "anna.li"],
    ["insta name", "insta bella.rose", "instagram:bella.rose", "instagram", "bella.rose"],
    ["snap:", "snap: cutie22", "snapchat:cutie22", "snapchat", "cutie22"],
    ["telegram @name", "telegram @darkrose", "telegram:darkrose", "telegram", "@darkrose"],
    ["kik:", "Kik: Kiki9", "kik:kiki9", "kik", "Kiki9"],
    ["Line ID", "Line ID: mimi88", "line:mimi88", "line", "mimi88"],
    ["WeChat", "WeChat: wx_123", "wechat:wx_123", "wechat", "wx_123"],
    ["WeChat ID", "wechat id lily_77", "wechat:lily_77", "wechat", "lily_77"],
    ["Skype live: id", "skype: live:lily88", "skype:live:lily88", "skype", "live:lily88"],
    ["platform named before @", "my snapchat @lola_x", "snapchat:lola_x", "snapchat", "@lola_x"],
  ])("%s", (_label, text, value, platform, raw) => {
    expect(of("handle", text)).toEqual([expect.objectContaining({ value, platform, raw })]);
  });

  it.each([
    ["t.me", "t.me/rosie", "telegram:rosie", "telegram"],
    ["onlyfans.com", "https://onlyfans.com/Lulu", "onlyfans:lulu", "onlyfans"],
    ["instagram.com", "instagram.com/anna.li/", "instagram:anna.li", "instagram"],
    ["snapchat add", "snapchat.com/add/lola_x", "snapchat:lola_x", "snapchat"],
    ["tiktok", "tiktok.com/@lola", "tiktok:lola", "tiktok"],
    ["kik.me", "kik.me/kiki9", "kik:kiki9", "kik"],
  ])("profile URL %s", (_label, text, value, platform) => {
    expect(of("handle", text)).toEqual([expect.objectContaining({ value, platform })]);
    expect(values("url", text)).toHaveLength(1);
  });

  it("reads wa.me as a WhatsApp number and a handle", () => {
    const found = extractIdentifiers("wa.me/34612345678");
    expect(found.find((f) => f.type === "phone")).toMatchObject({
      value: "+34612345678",
      platform: "whatsapp",
    });
    expect(found.find((f) => f.type === "handle")?.value).toBe("whatsapp:34612345678");
  });

  it.each([
    ["an email's @", "anna@example.com"],
    ["a line of text", "a line of girls, line up"],
    ["a platform followed by a common word", "whatsapp me now, instagram and snap only"],
    ["a platform followed by a number", "whatsapp 612345678"],
    ["signal as a word", "signal is weak here"],
    ["insta followed by a site", "insta example.com"],
  ])("not a handle: %s", (_label, text) => {
    expect(values("handle", text)).toEqual([]);
  });
});
