import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalSha256 } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no white space", () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: "x" }, true] })).toBe(
      '{"a":[{"c":"x","d":null},true],"b":1}',
    );
  });

  it("escapes strings as JSON.stringify does and keeps non-ASCII as is", () => {
    expect(canonicalJson({ t: 'Léa "Mia"\n€' })).toBe('{"t":"Léa \\"Mia\\"\\n€"}');
  });

  it("hashes the UTF-8 bytes of the canonical form", () => {
    const expected = crypto.createHash("sha256").update('{"a":"é"}', "utf8").digest("hex");
    expect(canonicalSha256({ a: "é" })).toBe(expected);
  });
});
