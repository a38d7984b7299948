import { describe, expect, it } from "vitest";
import { parseUrlEncoded } from "./body-parsers.ts";

describe("form body parsing", () => {
  it("collects repeated keys into arrays and decodes plus as space", () => {
    expect(parseUrlEncoded("a=1&b=x+y&b=%C3%A9")).toEqual({ a: "1", b: ["x y", "é"] });
  });

  it("refuses malformed percent-encoding and invalid UTF-8 sequences", () => {
    expect(() => parseUrlEncoded("a=%E0%A4%A")).toThrow(/percent-encoding/);
    expect(() => parseUrlEncoded("a=%FF%FE")).toThrow(/percent-encoding/);
  });

  it("ignores prototype-polluting keys", () => {
    const parsed = parseUrlEncoded("__proto__=x&constructor=y&ok=1");
    expect(parsed).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("formText", () => {
  it("keeps text, tabs and line breaks, drops other control characters, and cuts to the limit", async () => {
    const { formText } = await import("./body-parsers.ts");
    expect(formText("a\u0000b\u0007c\td\ne\r\u007ff", 100)).toBe("abc\td\ne\rf");
    expect(formText("abcdef", 3)).toBe("abc");
    expect(formText(["x"], 3)).toBe("");
  });
});
