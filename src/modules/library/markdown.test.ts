import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown, safeHref } from "./markdown.ts";

/** What must never come out, whatever goes in (text that merely reads "javascript:" is harmless). */
function assertSafe(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(?:iframe|object|embed|style|svg|math|form|input|link|meta|base)\b/i);
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
    for (const [, name, value] of tag.matchAll(/\s(href|src)="([^"]*)"/gi)) {
      if (name === "src") expect(value).toMatch(/^\/(?![/\\])/);
      else expect(value).toMatch(/^(?:\/(?![/\\])|https:\/\/[^/]|#)/);
    }
  }
}

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](  javascript:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](//evil.example/x)",
  "[click](/\\evil.example/x)",
  "![x](https://evil.example/track.png)",
  "![x](//evil.example/track.png)",
  "![x](data:image/svg+xml,<svg onload=alert(1)>)",
  "![x](javascript:alert(1))",
  '![x](/ok.png" onerror="alert(1))',
  "<svg><script>alert(1)</script></svg>",
  "<iframe src=https://evil.example></iframe>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "```html\n<script>alert(1)</script>\n```",
  "<<script>script>alert(1)<</script>/script>",
  '[a](https://ok.example "title" onmouseover=alert(1))',
  "<form action=https://evil.example><input name=x></form>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<!-- <script>alert(1)</script> -->",
  "[x]: javascript:alert(1)\n\n[link][x]",
];

describe("renderMarkdown", () => {
  it.each(PAYLOADS)("neutralises %s", (payload) => {
    assertSafe(renderMarkdown(payload));
  });

  it("renders the allowed structure, with a body's h1 as h2", () => {
    const html = renderMarkdown(
      "# Title\n\n## Part\n\nSome *em* and **strong**, `code`.\n\n- one\n- two\n\n1. first\n\n> quoted\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(html).toContain("<h2>Title</h2>");
    expect(html).not.toContain("<h1");
    for (const tag of ["<h2>Part</h2>", "<em>em</em>", "<strong>strong</strong>", "<code>code</code>"])
      expect(html).toContain(tag);
    for (const tag of ["<ul>", "<ol>", "<blockquote>", "<hr />", "<table>", "<td>2</td>"])
      expect(html).toContain(tag);
  });

  it("keeps site links as they are and marks external https links noopener noreferrer", () => {
    const html = renderMarkdown("[a](/learn/glossary/grooming) and [b](https://www.unodc.org/x)");
    expect(html).toContain('<a href="/learn/glossary/grooming">a</a>');
    expect(html).toContain('<a href="https://www.unodc.org/x" rel="noopener noreferrer">b</a>');
  });

  it("drops plain http links and replaces a remote image by its alt text", () => {
    expect(renderMarkdown("[a](http://example.org)")).not.toContain("href");
    const html = renderMarkdown("See ![a map of routes](https://evil.example/map.png) here");
    expect(html).toContain("a map of routes");
    expect(html).not.toContain("<img");
    expect(renderMarkdown("![chart](/assets/chart.png)")).toContain(
      '<img src="/assets/chart.png" alt="chart" />',
    );
  });

  it("accepts only site paths and https as link targets", () => {
    expect(safeHref("/learn")).toBe("/learn");
    expect(safeHref("https://example.org/a")).toBe("https://example.org/a");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "http://x.org",
      "javascript:x",
      "data:x",
      "mailto:a@b",
    ])
      expect(safeHref(bad)).toBeUndefined();
  });

  it("never outputs a script, a handler, javascript: or a remote src, whatever the input", () => {
    const pieces = fc.constantFrom(
      "<script>",
      "</script>",
      "<img src=x onerror=alert(1)>",
      "javascript:",
      "JAVASCRIPT:",
      "[",
      "](",
      ")",
      "![",
      "https://evil.example/a.png",
      "//evil.example",
      '"',
      "'",
      " onload=",
      "\n",
      "# ",
      "`",
      "<",
      ">",
      "&#106;",
      "data:",
      "/ok",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        assertSafe(renderMarkdown(parts.join("")));
      }),
      { numRuns: 400 },
    );
  });
});
