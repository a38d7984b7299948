import { sha256 } from "@noble/hashes/sha2.js";
import { bech32, bech32m } from "@scure/base";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractPayments, isCardNumber, redactCards, redactSpans } from "./payments.ts";
import type { Identifier } from "./types.ts";

const values = (text: string, type: Identifier["type"]) =>
  extractPayments(text)
    .filter((identifier) => identifier.type === type)
    .map((identifier) => identifier.value);

describe("IBAN", () => {
  it.each([
    ["GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"],
    ["DE89-3704-0044-0532-0130-00", "DE89370400440532013000"],
    ["FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606"],
    ["es91 2100 0418 4502 0005 1332", "ES9121000418450200051332"],
    ["NL91ABNA0417164300", "NL91ABNA0417164300"],
    ["BE68539007547034", "BE68539007547034"],
  ])("finds %s in a sentence, compact and upper-case", (written, value) => {
    const text = `Deposit first to ${written} then text me.`;
    const [iban] = extractPayments(text);
    expect(iban).toMatchObject({ type: "iban", value, raw: written });
    expect(text.slice(iban!.start, iban!.end)).toBe(written);
  });

  it("rejects a wrong check digit, an unknown country and a wrong length", () => {
    expect(values("GB82 WEST 1234 5698 7654 33", "iban")).toEqual([]);
    expect(values("QQ82WEST12345698765432", "iban")).toEqual([]);
    expect(values("GB82WEST123456987654", "iban")).toEqual([]);
  });

  it("ignores an IBAN glued inside a longer word or number", () => {
    expect(values("XGB82WEST12345698765432 GB82WEST123456987654321", "iban")).toEqual([]);
  });

  it("stops at the country's length even when the next word follows a space", () => {
    expect(values("GB82 WEST 1234 5698 7654 32 AB12 and DE89370400440532013000", "iban")).toEqual([
      "GB82WEST12345698765432",
      "DE89370400440532013000",
    ]);
  });
});

describe("Bitcoin", () => {
  const program20 = Uint8Array.from({ length: 20 }, (_, i) => i * 7);
  const program32 = sha256(new TextEncoder().encode("lantern test key"));
  const segwitV0 = bech32.encode("bc", [0, ...bech32.toWords(program20)]);
  const taproot = bech32m.encode("bc", [1, ...bech32m.toWords(program32)]);
  const wrongVariant = bech32.encode("bc", [1, ...bech32.toWords(program32)]);

  it("accepts the genesis P2PKH address, a P2SH address and computed segwit v0 and taproot addresses", () => {
    const text = `btc: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, ${segwitV0}, ${taproot.toUpperCase()}`;
    expect(values(text, "bitcoin")).toEqual([
      "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
      "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
      segwitV0,
      taproot,
    ]);
  });

  it("rejects a changed character, the wrong bech32 variant for the version, and mixed case", () => {
    const mixed = `${segwitV0.slice(0, 10).toUpperCase()}${segwitV0.slice(10)}`;
    const text = `1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb ${wrongVariant} ${mixed} bc1qqqqqqqqqqq`;
    expect(values(text, "bitcoin")).toEqual([]);
  });
});

describe("Ethereum", () => {
  // Test vectors from EIP-55.
  const checksummed = [
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
  ];

  it.each(checksummed)("accepts %s and keeps its EIP-55 form", (address) => {
    expect(values(`send to ${address}.`, "ethereum")).toEqual([address]);
  });

  it("accepts all-lower and all-upper addresses and gives them in EIP-55 form", () => {
    const address = checksummed[0]!;
    const upper = `0x${address.slice(2).toUpperCase()}`;
    expect(values(`${address.toLowerCase()} ${upper}`, "ethereum")).toEqual([address, address]);
  });

  it("rejects a mixed-case address whose checksum is wrong, and 39 or 41 hex digits", () => {
    const flipped = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    expect(
      values(
        `${flipped} 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0`,
        "ethereum",
      ),
    ).toEqual([]);
  });
});

describe("payment cards", () => {
  // The schemes' published test numbers: never real accounts.
  const cards = [
    "4111 1111 1111 1111",
    "5555-5555-5555-4444",
    "378282246310005",
    "6011111111111117",
    "3530 1113 3330 0000",
  ];

  it.each(cards)("finds %s, redacts it and never returns the number", (written) => {
    const text = `pay by card ${written} exp 12/28`;
    const [card] = extractPayments(text);
    const digits = written.replace(/\D/g, "");
    expect(card).toMatchObject({ type: "card", value: `card:****${digits.slice(-4)}` });
    expect(card!.raw).toHaveLength(written.length);
    expect(card!.raw.endsWith(digits.slice(-4))).toBe(true);
    expect(card!.raw.replace(/\D/g, "")).toBe(digits.slice(-4));
    expect(text.slice(card!.start, card!.end)).toBe(written);
    expect(JSON.stringify(extractPayments(text))).not.toContain(digits.slice(0, 8));
  });

  it("shows the redacted card as dots and the last four", () => {
    expect(extractPayments("4111 1111 1111 1111")[0]!.raw).toBe("•••• •••• •••• 1111");
    expect(redactCards("card 4111-1111-1111-1111 ok")).toBe("card ••••-••••-••••-1111 ok");
  });

  it("ignores a Luhn-invalid number, a number without a scheme prefix, phones, dates and prices", () => {
    const text =
      "4111 1111 1111 1112, 9111 1111 1111 1115, call 07700 900123 or (555) 010-0199, 12/05/2024, $1500";
    expect(extractPayments(text)).toEqual([]);
    expect(redactCards(text)).toBe(text);
  });

  it("leaves an international phone number that happens to be Luhn-valid with a card prefix", () => {
    // +49 151 2345 6785 is 13 digits after "+": an E.164 number, even though 4915123456785 passes Luhn.
    expect(isCardNumber("4915123456785")).toBe(false); // Visa 13-digit numbers are not recognised at all
    const phoneLike = "+37 8282 2463 10005"; // 15 digits after "+", Amex-shaped and Luhn-valid
    expect(isCardNumber("378282246310005")).toBe(true);
    expect(extractPayments(`whatsapp ${phoneLike}`)).toEqual([]);
  });

  it("still redacts a card written like a phone number, and one glued after another number", () => {
    expect(values("tel 4111-111-111-111-111", "card")).toEqual(["card:****1111"]);
    expect(values("ref 12 4111111111111111", "card")).toEqual(["card:****1111"]);
    expect(values("+4111111111111111", "card")).toEqual(["card:****1111"]); // 16 digits is no phone
  });
});

describe("redactSpans", () => {
  it("masks a spelled-out card found by the normaliser whole, and a digit card to its last four", () => {
    const text = "card four1one1 1111 1111 1111 and 5555 5555 5555 4444 ok";
    const spelled = { start: 5, end: 29 };
    const digits = { start: 34, end: 53 };
    const redacted = redactSpans(text, [digits, spelled]);
    expect(redacted).toBe("card ••••••••• •••• •••• •••• and •••• •••• •••• 4444 ok");
    expect(redacted).toHaveLength(text.length);
  });
});

describe("payment-app handles", () => {
  it("finds handles where the app is named", () => {
    const text =
      "CashApp: $AnnaK, venmo me @anna-k22, paypal.me/AnnaK, revolut @anna.k. Or $Lola on Cash App";
    expect(extractPayments(text).map((handle) => [handle.value, handle.raw, handle.platform])).toEqual([
      ["cashapp:annak", "$AnnaK", "cashapp"],
      ["venmo:anna-k22", "@anna-k22", "venmo"],
      ["paypal:annak", "AnnaK", "paypal"],
      ["revolut:anna.k", "@anna.k", "revolut"],
      ["cashapp:lola", "$Lola", "cashapp"],
    ]);
  });

  it("does not take prices, tickers or social handles for payment handles", () => {
    expect(extractPayments("$200 per hour, $AAPL is up, insta @anna_k, venmo accepted")).toEqual([]);
  });
});

describe("properties", () => {
  it("never throws and every non-card span is the raw text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite", maxLength: 200 }), (text) => {
        for (const identifier of extractPayments(text)) {
          if (identifier.type === "card") {
            expect(redactCards(text).slice(identifier.start, identifier.end)).toBe(identifier.raw);
          } else {
            expect(text.slice(identifier.start, identifier.end)).toBe(identifier.raw);
          }
        }
      }),
    );
  });

  it("no card number survives redactCards, however it is spaced or surrounded", () => {
    const card = fc.constantFrom(
      "4111111111111111",
      "5555555555554444",
      "378282246310005",
      "6011111111111117",
    );
    const separator = fc.constantFrom("", " ", "-");
    const noise = fc.string({
      unit: fc.constantFrom("a", " ", "1", "9", "-", "+", "\n", "é"),
      maxLength: 12,
    });
    fc.assert(
      fc.property(noise, card, separator, noise, (before, number, sep, after) => {
        const written = number.match(/.{1,4}/g)!.join(sep);
        // a "+" right before makes a 15-digit number a phone (E.164): keep that case out
        const text = `${before.replace(/\+$/, "")} ${written} ${after}`;
        const redacted = redactCards(text);
        expect(redacted).toHaveLength(text.length);
        expect(redacted.replace(/[ -]/g, "")).not.toContain(number.slice(0, 12));
        expect(extractPayments(redacted).filter((found) => found.type === "card")).toEqual([]);
      }),
    );
  });

  it("no Luhn-valid card-shaped digit run is left in any redacted text", () => {
    const digits = fc.string({
      unit: fc.constantFrom("0", "1", "3", "4", "5", "6", "7", "9", " ", "-", "x"),
      maxLength: 60,
    });
    fc.assert(
      fc.property(digits, (text) => {
        for (const run of redactCards(text).matchAll(/\d+/g)) {
          expect(isCardNumber(run[0])).toBe(false);
        }
      }),
    );
  });
});
