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
  private readonly parts: string[] = [];
  private starts: Int32Array;
  private ends: Int32Array;
  private flags: Uint8Array;
  private length = 0;

  constructor(capacity = 256) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  private reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.starts.length) return;
    const size = Math.max(need, this.starts.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(old: T, fresh: T): T => {
      fresh.set(old.subarray(0, this.length));
      return fresh;
    };
    this.starts = grow(this.starts, new Int32Array(size));
    this.ends = grow(this.ends, new Int32Array(size));
    this.flags = grow(this.flags, new Uint8Array(size));
  }

  /** Appends `s`, every UTF-16 unit of it coming from source[start, end) (a surrogate pair stays whole). */
  push(s: string, start: number, end: number, obfuscated: boolean): void {
    this.reserve(s.length);
    for (let k = 0; k < s.length; k++) {
      this.starts[this.length] = start;
      this.ends[this.length] = end;
      this.flags[this.length] = obfuscated ? 1 : 0;
      this.length++;
    }
    this.parts.push(s);
  }

  /** Appends source[from, to) unchanged, each character mapping to itself. */
  copy(source: string, from: number, to: number): void {
    if (to <= from) return;
    this.reserve(to - from);
    for (let i = from; i < to; i++) {
      this.starts[this.length] = i;
      this.ends[this.length] = i + 1;
      this.length++;
    }
    this.parts.push(source.slice(from, to));
  }

  /** Marks the last pushed character as obfuscated (an invisible character was dropped beside it). */
  flagLast(): void {
    if (this.length > 0) this.flags[this.length - 1] = 1;
  }

  build(raw: string): NormalisedText {
    return {
      raw,
      text: this.parts.join(""),
      map: this.starts.subarray(0, this.length),
      mapEnd: this.ends.subarray(0, this.length),
      obfuscated: this.flags.subarray(0, this.length),
    };
  }
}
