import { describe, expect, it } from "vitest";
import { excerpt, explainAd, highlight } from "./ad-explanation.ts";

describe("highlight", () => {
  it("marks spans and merges overlapping ones", () => {
    expect(
      highlight("abcdefghij", [
        { start: 1, end: 3 },
        { start: 2, end: 5 },
        { start: 8, end: 9 },
      ]),
    ).toEqual([
      { text: "a", mark: false },
      { text: "bcde", mark: true },
      { text: "fgh", mark: false },
      { text: "i", mark: true },
      { text: "j", mark: false },
    ]);
  });
});

describe("excerpt", () => {
  it("keeps words around the span and says where text was cut", () => {
    const text = `${"word ".repeat(30)}TARGET${" more".repeat(30)}`;
    const start = text.indexOf("TARGET");
    const parts = excerpt(text, start, start + 6, 20);
    expect(parts[1]).toEqual({ text: "TARGET", mark: true });
    expect(parts[0]?.text.startsWith("…")).toBe(true);
    expect(parts[2]?.text.endsWith("…")).toBe(true);
    expect(parts[0]?.text.length).toBeLessThanOrEqual(22);
  });
});

describe("explainAd", () => {
  it("names each rule that matched with the span that triggered it", () => {
    const explained = explainAd({ title: "Sweet young girl", text: "Call 07700 900123", country: "GB" });
    const youth = explained.matches.find((m) => m.ruleId === "youth-language-en");
    expect(youth?.tier).toBe("empirical");
    expect(youth?.excerpt.find((s) => s.mark)?.text).toBe("young");
    expect(explained.identifiers.some((i) => i.type === "phone" && i.value === "+447700900123")).toBe(true);
  });
});
