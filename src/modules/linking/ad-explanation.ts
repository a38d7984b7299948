import { extractSignals } from "../signals/signals.ts";
import type { EvidenceTier, Identifier } from "../signals/types.ts";

/**
 * Why an ad scored what it did: the signals library is run again on the ad's text at view time (it is
 * pure and fast), so every matched rule comes with the span of text that triggered it.
 */

/** A piece of text, marked when it is part of a span that matched. */
export interface Segment {
  readonly text: string;
  readonly mark: boolean;
}

export interface Explained {
  readonly ruleId: string;
  readonly description: string;
  readonly tier: EvidenceTier;
  readonly weight: number;
  /** The span as written, and a few words around it. */
  readonly excerpt: readonly Segment[];
}

export interface AdExplanation {
  /** The text the spans index: title, a line break, the text (as at import). */
  readonly text: string;
  readonly matches: readonly Explained[];
  readonly identifiers: readonly Identifier[];
  /** Every span (rules and identifiers), for highlighting the full text. */
  readonly spans: readonly { readonly start: number; readonly end: number }[];
}

/** Characters of context on each side of a span in an excerpt. */
const CONTEXT = 50;

/** The same region rule as the import: an ad's two-letter country reads numbers without a country code. */
export function regionOf(country: string | null): string | undefined {
  return country && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
}

/** The text split into marked and unmarked segments; overlapping or touching spans are merged. */
export function highlight(text: string, spans: readonly { start: number; end: number }[]): Segment[] {
  const sorted = spans
    .filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ start: s.start, end: s.end });
  }
  const out: Segment[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.start > at) out.push({ text: text.slice(at, s.start), mark: false });
    out.push({ text: text.slice(s.start, s.end), mark: true });
    at = s.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** A span with up to `CONTEXT` characters around it, cut at spaces, "…" where text was left out. */
export function excerpt(text: string, start: number, end: number, context = CONTEXT): Segment[] {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space >= end) to = space;
  }
  const flat = (s: string) => s.replace(/\s+/g, " ");
  const out: Segment[] = [];
  const before = `${from > 0 ? "…" : ""}${flat(text.slice(from, start))}`;
  if (before) out.push({ text: before, mark: false });
  out.push({ text: flat(text.slice(start, end)), mark: true });
  const after = `${flat(text.slice(end, to))}${to < text.length ? "…" : ""}`;
  if (after) out.push({ text: after, mark: false });
  return out;
}

/** The rules an ad matches, each with its triggering span in context, and the identifiers found. */
export function explainAd(ad: {
  readonly title: string;
  readonly text: string;
  readonly country: string | null;
}): AdExplanation {
  const text = `${ad.title}\n${ad.text}`;
  const region = regionOf(ad.country);
  const signals = extractSignals(text, region ? { region } : {});
  const matches = signals.indicators.matches.map((m) => ({
    ruleId: m.ruleId,
    description: m.description,
    tier: m.tier,
    weight: m.weight,
    excerpt: excerpt(text, m.start, m.end),
  }));
  const spans = [...signals.indicators.matches, ...signals.identifiers].map((s) => ({
    start: s.start,
    end: s.end,
  }));
  return { text, matches, identifiers: signals.identifiers, spans };
}
