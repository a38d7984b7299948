import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { KeyRing, open, seal } from "./envelope.ts";

describe("envelope encryption", () => {
  const key = crypto.randomBytes(32);

  it("round-trips text and never contains the plaintext", () => {
    const sealed = seal(key, "She cannot leave the house", "report:1");
    expect(sealed).not.toContain("leave");
    expect(open(key, sealed, "report:1").toString("utf8")).toBe("She cannot leave the house");
  });

  it("refuses a ciphertext moved to another row", () => {
    const sealed = seal(key, "secret", "report:1");
    expect(() => open(key, sealed, "report:2")).toThrow();
  });

  it("refuses a tampered ciphertext", () => {
    const sealed = seal(key, "secret", "report:1");
    const parts = sealed.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => open(key, parts.join("."), "report:1")).toThrow();
  });

  it("gives each organisation its own data key, usable only under the master key that wrapped it", () => {
    const ring = new KeyRing(crypto.randomBytes(32));
    const a = ring.dataKey("a", ring.newWrappedDataKey("a"));
    const wrappedB = ring.newWrappedDataKey("b");
    expect(a.equals(ring.dataKey("b", wrappedB))).toBe(false);
    expect(() => new KeyRing(crypto.randomBytes(32)).dataKey("b", wrappedB)).toThrow();
  });
});
