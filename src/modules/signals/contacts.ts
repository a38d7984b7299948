/** Contact identifiers: emails, URLs and domains, social-media and messaging handles. */
import { extractEmails } from "./emails.ts";
import { extractHandles } from "./handles.ts";
import type { NormalisedText } from "./text-map.ts";
import type { ExtractOptions, Identifier } from "./types.ts";
import { extractUrls } from "./urls.ts";

export { extractEmails } from "./emails.ts";
export { extractHandles } from "./handles.ts";
export { extractUrls } from "./urls.ts";

/** Emails, URLs, domains and handles (overlaps are resolved by `extractIdentifiers`). */
export function extractContacts(n: NormalisedText, options: ExtractOptions): Identifier[] {
  return [...extractEmails(n), ...extractUrls(n, options), ...extractHandles(n)];
}
