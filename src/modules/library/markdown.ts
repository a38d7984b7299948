import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Library bodies (Markdown written by editors and members) rendered to HTML that is safe to put in a page.
 * Two walls: markdown-it with raw HTML off (so `<script>` in a body stays text), then sanitize-html with an
 * explicit allow-list, in case a Markdown construct ever produces something unexpected. Links go to site
 * paths or https only; images only from this site (a remote image would tell another host who reads what).
 */

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

const TAGS = [
  "h2",
  "h3",
  "h4",
  "p",
  "br",
  "ul",
  "ol",
  "li",
  "em",
  "strong",
  "blockquote",
  "code",
  "pre",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "hr",
  "a",
  "img",
];

/** A link target a body may use: a site path ("/learn/...", not "//host") or an https address. */
export function safeHref(href: string): string | undefined {
  const value = href.trim();
  if (/^\/(?![/\\])/.test(value)) return value;
  if (/^#[\w-]*$/.test(value)) return value;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** An image source a body may use: a path on this site only. */
export function safeImageSrc(src: string): string | undefined {
  const value = src.trim();
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : undefined;
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: { a: ["href", "rel"], img: ["src", "alt"], ol: ["start"] },
  allowedSchemes: ["https"],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = safeHref(attribs.href ?? "");
      if (!href) return { tagName, attribs: {} };
      const external = !href.startsWith("/") && !href.startsWith("#");
      const safe: sanitizeHtml.Attributes = external ? { href, rel: "noopener noreferrer" } : { href };
      return { tagName, attribs: safe };
    },
  },
};

/** Markdown → sanitised HTML: h1 becomes h2 (the page has its own h1); no script, handler, or remote image. */
export function renderMarkdown(markdown: string): string {
  const tokens = md.parse(markdown, {});
  // A remote (or otherwise unsafe) image becomes its alt text, so the reader still gets its meaning.
  for (const token of tokens) {
    if (token.type !== "inline" || !token.children) continue;
    token.children = token.children.map((child) => {
      if (child.type !== "image") return child;
      const src = safeImageSrc(String(child.attrGet("src") ?? ""));
      if (src) {
        child.attrSet("src", src);
        return child;
      }
      // Its alt text was gathered into `content` by the parser; the token becomes plain text.
      child.type = "text";
      child.tag = "";
      child.attrs = null;
      child.children = null;
      return child;
    });
  }
  const html = md.renderer.render(tokens, md.options, {});
  return sanitizeHtml(html, SANITIZE);
}
