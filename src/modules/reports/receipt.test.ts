import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatReceiptCode, hashReceiptCode, newReceiptCode, normaliseReceiptCode } from "./receipt.ts";

describe("receipt codes", () => {
  it("are 16 digits and differ each time", () => {
    const codes = new Set(Array.from({ length: 200 }, newReceiptCode));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^\d{16}$/);
  });

  it("are shown in groups of four", () => {
    expect(formatReceiptCode("1234567890123456")).toBe("1234 5678 9012 3456");
  });

  it("accept what people type: spaces, dashes, Arabic-Indic and fullwidth digits", () => {
    expect(normaliseReceiptCode(" 1234-5678 9012.3456 ")).toBe("1234567890123456");
    expect(normaliseReceiptCode("١٢٣٤ ٥٦٧٨ ٩٠١٢ ٣٤٥٦")).toBe("1234567890123456");
    expect(normaliseReceiptCode("１２３４５６７８９０１２３４５６")).toBe("1234567890123456");
    expect(normaliseReceiptCode("123456789012345")).toBeUndefined();
    expect(normaliseReceiptCode("12345678901234567")).toBeUndefined();
    expect(normaliseReceiptCode("abcd")).toBeUndefined();
  });

  it("hash to the same lookup key under the same salt, and to another under another salt", async () => {
    const salt = crypto.randomBytes(16);
    const a = await hashReceiptCode("1234567890123456", salt);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashReceiptCode("1234567890123456", salt)).toBe(a);
    expect(await hashReceiptCode("1234567890123456", crypto.randomBytes(16))).not.toBe(a);
    expect(a).not.toContain("1234567890123456");
  });
});
