import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answers, snippetOf } from "./snippet.ts";

const marked = (text: string, words: string[]) =>
  snippetOf(text, words)
    .map((p) => (p.hit ? `[${p.text}]` : p.text))
    .join("");

describe("search snippets", () => {
  it("marks the query words, also as prefixes, across accents and case", () => {
    expect(marked("Debt bondage keeps Workers from leaving.", ["debt", "work"])).toBe(
      "[Debt] bondage keeps [Workers] from leaving.",
    );
    expect(marked("El tráfico ilícito de migrantes", ["trafico"])).toBe("El [tráfico] ilícito de migrantes");
  });

  it("marks words that share a stem with a query word, as the stemmers match them", () => {
    expect(answers("trafficked", "trafficking")).toBe(true);
    expect(answers("recruiters", "recruitment")).toBe(true);
    expect(answers("tree", "trafficking")).toBe(false);
    expect(answers("a", "")).toBe(false);
  });

  it("shows the stretch of a long text with the most matches, with ellipses where it was cut", () => {
    const text = `${"filler ".repeat(60)}the passport was taken and the passport kept ${"filler ".repeat(60)}`;
    const snippet = marked(text, ["passport"]);
    expect(snippet.startsWith("… ")).toBe(true);
    expect(snippet.endsWith(" …")).toBe(true);
    expect(snippet.match(/\[passport\]/g)).toHaveLength(2);
    expect(snippet.split(/\s+/).length).toBeLessThanOrEqual(32);
  });

  it("keeps every character of the window as written, and never throws", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 200 }),
        fc.array(fc.string(), { maxLength: 3 }),
        (t, q) => {
          const parts = snippetOf(t, q);
          const joined = parts.map((p) => p.text).join("");
          expect(t.includes(joined.replace(/^… /, "").replace(/ …$/, ""))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
