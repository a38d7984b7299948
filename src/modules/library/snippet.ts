/**
 * A search result's snippet, made for the page's results only (never for every match): the stretch of an
 * item's text with the most query words, those words marked. Made here rather than by the database so that
 * both databases give the same snippets and ranking never pays for them.
 */

/** A piece of a snippet: `hit` pieces are the words that matched (a view marks them, escaped). */
export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

const fold = (word: string) => word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Whether a word of the text answers a query word: it starts with it (the last query word is typed as a
 * prefix), or they share a stem, approximated as a common beginning of all but their last three letters
 * ("trafficked" for "trafficking"), which is what the databases' stemmers let match.
 */
export function answers(textWord: string, queryWord: string): boolean {
  const t = fold(textWord);
  const q = fold(queryWord);
  if (q.length === 0) return false;
  if (t.startsWith(q)) return true;
  const stem = Math.max(4, Math.min(t.length, q.length) - 3);
  return q.length >= 5 && t.length >= stem && t.slice(0, stem) === q.slice(0, stem);
}

const WINDOW = 28;

/** The best window of about 28 words of `text` for the query words, as parts. */
export function snippetOf(text: string, queryWords: readonly string[]): SnippetPart[] {
  // Words and the spaces/punctuation between them, kept so the snippet reads as written.
  const tokens = text.match(/[\p{L}\p{N}\p{M}]+|[^\p{L}\p{N}\p{M}]+/gu) ?? [];
  const words: { index: number; hit: boolean }[] = [];
  tokens.forEach((token, index) => {
    if (/^[\p{L}\p{N}]/u.test(token)) words.push({ index, hit: queryWords.some((q) => answers(token, q)) });
  });
  if (words.length === 0) return [];
  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i]?.hit) hits++;
    if (i >= WINDOW && words[i - WINDOW]?.hit) hits--;
    if (hits > bestHits) {
      bestHits = hits;
      best = Math.max(0, i - WINDOW + 1);
    }
  }
  // From the text's start when the window starts at its first word, to its end when it ends at its last.
  const first = best === 0 ? 0 : (words[best]?.index ?? 0);
  const end = best + WINDOW - 1;
  const last = end >= words.length - 1 ? tokens.length - 1 : (words[end]?.index ?? tokens.length - 1);
  const parts: SnippetPart[] = [];
  if (best > 0) parts.push({ text: "… ", hit: false });
  const hitAt = new Set(words.filter((w) => w.hit).map((w) => w.index));
  for (let i = first; i <= last; i++) {
    const text = tokens[i] as string;
    const hit = hitAt.has(i);
    const previous = parts[parts.length - 1];
    if (previous && !previous.hit && !hit)
      parts[parts.length - 1] = { text: previous.text + text, hit: false };
    else parts.push({ text, hit });
  }
  if (last < tokens.length - 1) parts.push({ text: " …", hit: false });
  return parts;
}
