/** The normalised text and its offset map back to the raw text, shared by every extractor. */

export interface NormalisedText {
  /** The text as received. */
  readonly raw: string;
  /** The normalised text the extractors read. Keeps separators and case; lower-casing is each extractor's call. */
  readonly text: string;
  /** For each index of `text`, the index in `raw` where the character's source starts (non-decreasing). */
  readonly map: Int32Array;
  /** For each index of `text`, the index in `raw` just after the character's source. */
  readonly mapEnd: Int32Array;
  /** 1 where the normalised character came from an obfuscation (spelled digit, keycap, homoglyph...). */
  readonly obfuscated: Uint8Array;
}

/** A span of the raw text. */
export interface RawSpan {
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

/** The raw span behind the normalised span [normStart, normEnd). */
export function span(n: NormalisedText, normStart: number, normEnd: number): RawSpan {
  const len = n.text.length;
  const s = Math.max(0, Math.min(normStart, len));
  const e = Math.max(s, Math.min(normEnd, len));
  if (s === e) {
    const at = s < len ? n.map[s]! : n.raw.length;
    return { raw: "", start: at, end: at };
  }
  const start = n.map[s]!;
  const end = n.mapEnd[e - 1]!;
  return { raw: n.raw.slice(start, end), start, end };
}

/** True when any normalised character in [normStart, normEnd) came from an obfuscation. */
export function isObfuscated(n: NormalisedText, normStart: number, normEnd: number): boolean {
  const e = Math.min(normEnd, n.text.length);
  for (let i = Math.max(0, normStart); i < e; i++) if (n.obfuscated[i] === 1) return true;
  return false;
}

/** Accumulates normalised characters with their raw source range. */
export class TextBuilder {
  private readonly chars: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private flags: number[] = [];

  push(s: string, start: number, end: number, obfuscated: boolean): void {
    // Each UTF-16 unit of `s` maps to the whole source range; a surrogate pair stays together when sliced.
    for (let k = 0; k < s.length; k++) {
      this.chars.push(s[k]!);
      this.starts.push(start);
      this.ends.push(end);
      this.flags.push(obfuscated ? 1 : 0);
    }
  }

  /** Marks the last pushed character as obfuscated (an invisible character was dropped beside it). */
  flagLast(): void {
    if (this.flags.length > 0) this.flags[this.flags.length - 1] = 1;
  }

  build(raw: string): NormalisedText {
    return {
      raw,
      text: this.chars.join(""),
      map: Int32Array.from(this.starts),
      mapEnd: Int32Array.from(this.ends),
      obfuscated: Uint8Array.from(this.flags),
    };
  }
}
