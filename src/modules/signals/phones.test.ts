import { describe, expect, it } from "vitest";
import { extractIdentifiers } from "./extract.ts";
import { normalise } from "./normalise.ts";
import { extractPhones } from "./phones.ts";

const phones = (text: string, region?: string) =>
  extractPhones(normalise(text), region ? { region } : {}).map((p) => ({
    value: p.value,
    raw: p.raw,
    obfuscated: p.obfuscated,
    ...(p.platform ? { platform: p.platform } : {}),
  }));
const values = (text: string, region?: string) => phones(text, region).map((p) => p.value);

describe("extractPhones", () => {
  it.each([
    ["US dashes", "Call 212-555-0199 anytime", "US", "+12125550199", "212-555-0199"],
    ["US brackets", "(212) 555 0199", "US", "+12125550199", "(212) 555 0199"],
    ["US dots", "212.555.0199", "US", "+12125550199", "212.555.0199"],
    ["US with country code", "+1 212 555 0199", undefined, "+12125550199", "+1 212 555 0199"],
    ["US from abroad with 011", "011 44 7700 900123", "US", "+447700900123", "011 44 7700 900123"],
    ["UK drama range, national", "ring 07700 900123", "GB", "+447700900123", "07700 900123"],
    ["UK drama range, international", "+44 7700 900456", "FR", "+447700900456", "+44 7700 900456"],
    ["UK with 00", "0044 7700 900456", "ES", "+447700900456", "0044 7700 900456"],
    ["UK London drama range", "020 7946 0123", "GB", "+442079460123", "020 7946 0123"],
    ["France, pairs", "appelle au 06 39 98 12 34", "FR", "+33639981234", "06 39 98 12 34"],
    ["France, dots", "06.39.98.12.34", "FR", "+33639981234", "06.39.98.12.34"],
    ["France, international", "+33 6 39 98 12 34", "ES", "+33639981234", "+33 6 39 98 12 34"],
    ["Spain mobile", "llámame 612 345 678", "ES", "+34612345678", "612 345 678"],
    ["Spain, bracketed code", "(+34) 612 34 56 78", "US", "+34612345678", "(+34) 612 34 56 78"],
    ["Mexico", "cel 55 1234 5678", "MX", "+525512345678", "55 1234 5678"],
    ["a country code written without +", "whatsapp 34612345678", "US", "+34612345678", "34612345678"],
  ])("%s", (_label, text, region, value, raw) => {
    expect(phones(text, region)).toEqual([expect.objectContaining({ value, raw })]);
  });

  it.each([
    ["spaced digits", "txt 2 1 2 . 5 5 5 . 0 1 9 9", "US", "+12125550199"],
    ["words and digits", "212-five55-0199", "US", "+12125550199"],
    ["all words", "two one two five five five zero one nine nine", "US", "+12125550199"],
    ["words with commas", "two one two, five five five, oh one nine nine", "US", "+12125550199"],
    ["Spanish words", "seis uno dos tres cuatro cinco seis siete ocho", "ES", "+34612345678"],
    ["French words", "zéro six trois neuf neuf huit un deux trois quatre", "FR", "+33639981234"],
    ["leetspeak", "f0ur f0ur s3ven s3ven 0 0 9 0 0 1 2 3", "GB", "+447700900123"],
    ["look-alike letters", "call 212-555-O1O9", "US", "+12125550109"],
    ["fullwidth", "２１２５５５０１９９", "US", "+12125550199"],
    ["circled", "②①② ⑤⑤⑤ ⓪①⑨⑨", "US", "+12125550199"],
    ["keycaps", "2️⃣1️⃣2️⃣5️⃣5️⃣5️⃣0️⃣1️⃣9️⃣9️⃣", "US", "+12125550199"],
    ["Arabic-Indic", "+٤٤ ٧٧٠٠ ٩٠٠١٢٣", undefined, "+447700900123"],
    ["zero-width spaces", "212\u200b555\u200b0199", "US", "+12125550199"],
    ["odd separators", "212*555*0199", "US", "+12125550199"],
    ["emoji between groups", "212💋555💋0199", "US", "+12125550199"],
    ["double and triple", "two one two triple five oh one double nine", "US", "+12125550199"],
    ["O for zero in a UK number", "O7700 9OO123", "GB", "+447700900123"],
  ])("obfuscated: %s", (_label, text, region, value) => {
    expect(phones(text, region)).toEqual([expect.objectContaining({ value, obfuscated: true })]);
  });

  it.each([
    [
      "English 'plus'",
      "Call plus four four seven seven zero zero nine zero zero one two three",
      "US",
      "+447700900123",
    ],
    [
      "Spanish 'más' with commas",
      "más, tres, tres, seis, tres, nueve, nueve, ocho, uno, dos, tres, cuatro",
      "ES",
      "+33639981234",
    ],
    [
      "French 'plus' and dashes",
      "plus-quatre-quatre-sept-sept-zéro-zéro-neuf-zéro-zéro-un-deux-trois",
      "FR",
      "+447700900123",
    ],
    ["'plus' before words and digits", "WhatsApp plus three3639nine eight1two three4", "GB", "+33639981234"],
    ["a spaced-out '+'", "+ . 3 . 3 . 6 . 3 . 9 . 9 . 8 . 1 . 2 . 3 . 4", "GB", "+33639981234"],
  ])("keeps the country code of a spelled international number: %s", (_label, text, region, value) => {
    expect(phones(text, region)).toEqual([expect.objectContaining({ value, obfuscated: true })]);
  });

  it.each([
    ["English", "seven one sixx five five five zero one three one", "US", "+17165550131"],
    ["English, dropped letters", "two-one-two-fiv-five-five-zer0-one-nien-nine", "US", "+12125550199"],
    ["Spanish", "seys uno dos tress cuatro sinco seis siette och0", "ES", "+34612345678"],
    ["Spanish, 'un0' and 'quatro'", "seis-uno-dos-tres-quatro-cinco-seis-siete-ocho", "ES", "+34612345678"],
    ["French", "zéro six trois neuff neuf uit unn deu trois quatre", "FR", "+33639981234"],
    [
      "French, two misspelt words side by side",
      "zéro six trois neuf neuf huit unn set trois quatre",
      "FR",
      "+33639981734",
    ],
  ])("reads misspelt number words: %s", (_label, text, region, value) => {
    expect(phones(text, region)).toEqual([expect.objectContaining({ value, obfuscated: true })]);
  });

  it("reads 'un0' as French 'un' then 0 among French words, and as 'uno' among Spanish ones", () => {
    expect(values("zéro639neuf8un0deux3", "FR")).toEqual(["+33639981023"]);
    expect(values("seis un0 dos tres cuatro cinco seis siete ocho", "ES")).toEqual(["+34612345678"]);
  });

  it("reads a misspelt word right after 'más'", () => {
    expect(values("más-tress-tres-seis-tres-nueve-nueve-ocho-uno-dos-tres-cuatro", "ES")).toEqual([
      "+33639981234",
    ]);
  });

  it.each([
    ["'+' then a look-alike one", "tel +l 212 555 Ol99", "MX", "+12125550199"],
    ["look-alikes opening a number", "Tel Ol.99.OO.12.34", "FR", "+33199001234"],
    [
      "a number spaced with slashes ending 7 / 7",
      "call + / 4 / 4 / 7 / 7 / 0 / 0 / 9 / 0 / 0 / 1 / 7 / 7",
      "US",
      "+447700900177",
    ],
  ])("reads %s", (_label, text, region, value) => {
    expect(phones(text, region)).toEqual([expect.objectContaining({ value, obfuscated: true })]);
  });

  it.each([
    ["a number word inside another word", "todos, dos, dos, uno, dos, tres, ocho, ocho", "MX"],
    ["everyday words near numbers", "Line one, nice two, your four, pero cinco", "ES"],
    ["'plus' before a price", "plus 200 roses", "US"],
    ["'más' before a short number", "más 2 horas, 150 euros", "ES"],
    ["capitals that look like digits", "SOS 555 1234 and BB 555 1234, lol 555 1234", "US"],
  ])("does not make a phone of %s", (_label, text, region) => {
    expect(values(text, region)).toEqual([]);
  });

  it("does not let a misspelling reach across a full stop", () => {
    const found = extractIdentifiers("Tel 0six39nine eight1234. LINE: carla_example", { region: "FR" });
    expect(found.map((x) => [x.type, x.value])).toEqual([
      ["phone", "+33639981234"],
      ["handle", "line:carla_example"],
    ]);
  });

  it("does not take 'plus' after WhatsApp for a handle", () => {
    const found = extractIdentifiers(
      "WhatsApp plus four four seven seven zero zero nine zero zero one two three",
    );
    expect(found.map((x) => [x.type, x.value, x.platform])).toEqual([["phone", "+447700900123", "whatsapp"]]);
  });

  it("says a number is plain when it is", () => {
    expect(phones("212-555-0199", "US")[0]?.obfuscated).toBe(false);
    expect(phones("+44 (0) 7700 900321", "GB")[0]).toMatchObject({
      value: "+447700900321",
      obfuscated: false,
    });
  });

  it("finds several numbers in one text and keeps apart numbers that touch", () => {
    expect(values("212-555-0199 / 212-555-0123 or 07700 900123", "US")).toEqual([
      "+12125550199",
      "+12125550123",
    ]);
    expect(values("Call 07700 900123 or +33 6 39 98 12 34", "GB")).toEqual(["+447700900123", "+33639981234"]);
  });

  it("keeps two numbers side by side whose digits together happen to pass Luhn", () => {
    expect(values("Tel: 612 345 678 📞 612-345-677", "ES")).toEqual(["+34612345678", "+34612345677"]);
  });

  it("reads a number written with its '+' that ends like a year", () => {
    expect(values("Llámame al +52 55 1234 2029.", "MX")).toEqual(["+525512342029"]);
  });

  it("does not take the tail of another number as a prefix", () => {
    expect(phones("open 9-11 ☎ 212 555 0142", "US")).toEqual([
      expect.objectContaining({ value: "+12125550142", raw: "212 555 0142" }),
    ]);
  });

  it("notes the platform the text gives a number", () => {
    expect(phones("WhatsApp: +44 7700 900123", undefined)[0]?.platform).toBe("whatsapp");
    expect(phones("telegram +44 7700 900123", undefined)[0]?.platform).toBe("telegram");
    expect(phones("call +44 7700 900123", undefined)[0]?.platform).toBeUndefined();
  });

  it("reads a number labelled as a phone number", () => {
    expect(values("Phone no. 07700 900123", "GB")).toEqual(["+447700900123"]);
    expect(values("Tél n° 06 39 98 12 34", "FR")).toEqual(["+33639981234"]);
  });

  it("accepts a region in lower case and ignores a malformed one", () => {
    expect(values("212-555-0199", "us")).toEqual(["+12125550199"]);
    expect(values("212-555-0199", "USA")).toEqual([]);
    expect(values("+1 212-555-0199", "??")).toEqual(["+12125550199"]);
  });

  it("needs a country code when no region is known", () => {
    expect(values("212-555-0199")).toEqual([]);
    expect(values("+1 212-555-0199")).toEqual(["+12125550199"]);
  });

  it.each([
    ["ISO date", "2024-03-15", "DE"],
    ["European date", "15/03/2024", "DE"],
    ["US short date", "03.15.24", "US"],
    ["dates beside each other", "from 2024-03-15 to 2024-04-15", "DE"],
    ["time", "22:30 until 23:45", "FR"],
    ["time in French", "de 22h30 à 23h45", "FR"],
    ["prices", "$200 for 1 hour, 150€ half, 200 roses, 300 eur", "US"],
    ["a list of prices", "$150 $200 $300 $500", "US"],
    ["24/7", "24/7 available", "US"],
    ["24/7 beside a price", "24/7 200 300 400", "US"],
    ["ages and measures", "22 years old 165 cm 55 kg 34-24-36", "US"],
    ["postcodes", "75011 Paris, 28013 Madrid, SW1A 1AA", "FR"],
    ["IBAN", "IBAN GB82WEST12345698765432", "GB"],
    ["IBAN in groups", "GB82 WEST 1234 5698 7654 32", "GB"],
    ["card number", "4111 1111 1111 1111", "US"],
    ["card number without spaces", "4111111111111111", "GB"],
    ["years", "since 2019, back in 2024", "US"],
    ["order number", "order #123456789", "ES"],
    ["reference", "ref: 612345678", "ES"],
    ["a code glued to letters", "ID612345678 and X2125550199", "ES"],
    ["a run of rates", "rates: 100 150 200 250 300", "US"],
    ["measurements", "90-60-90 1.70 m", "ES"],
  ])("is not fooled by %s", (_label, text, region) => {
    expect(values(text, region)).toEqual([]);
  });

  it("does not read a French phone in pairs as a date", () => {
    expect(values("06.39.98.12.34", "FR")).toEqual(["+33639981234"]);
  });
});
