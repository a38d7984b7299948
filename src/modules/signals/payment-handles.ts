import { spanIdentifier } from "./raw-span.ts";
import type { Identifier, Platform } from "./types.ts";

/**
 * Payment-app handles, only where the text names the app: a bare "$name" or "@name" is too often a price,
 * a stock ticker or a social handle. The span is the handle itself; the value is `platform:name`, lower-case
 * (CashApp, Venmo, PayPal.me and Revolut names are case-insensitive).
 */
interface HandleRule {
  readonly platform: Platform;
  readonly pattern: RegExp;
}

// Each pattern captures the handle as group "h"; the gap between the app's name and the handle is bounded.
const RULES: readonly HandleRule[] = [
  {
    platform: "cashapp",
    pattern:
      /(?<![\p{L}\p{N}])cash[ -]?app(?![\p{L}\p{N}])[^$\n]{0,16}(?<h>\$[a-z][a-z0-9_]{0,19})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "cashapp",
    pattern:
      /(?<![\p{L}\p{N}$])(?<h>\$[a-z][a-z0-9_]{0,19})[^\S\n]{0,3}(?:on|via|por|sur|\()?[^\S\n]{0,3}cash[ -]?app(?![\p{L}\p{N}])/dgiu,
  },
  {
    platform: "cashapp",
    pattern: /(?<![\p{L}\p{N}.])cash\.app\/(?<h>\$[a-z][a-z0-9_]{0,19})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "venmo",
    pattern:
      /(?<![\p{L}\p{N}])venmo(?![\p{L}\p{N}])[^@\n]{0,16}(?<h>@[a-z0-9][a-z0-9_-]{3,29})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "venmo",
    pattern:
      /(?<![\p{L}\p{N}.])(?:account\.)?venmo\.com\/(?:u\/)?(?<h>[a-z0-9][a-z0-9_-]{3,29})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "paypal",
    pattern:
      /(?<![\p{L}\p{N}.])(?:www\.)?paypal\.(?:me|com\/paypalme)\/(?<h>[a-z0-9][a-z0-9_-]{0,19})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "revolut",
    pattern:
      /(?<![\p{L}\p{N}])revolut(?![\p{L}\p{N}.])[^@\n]{0,16}(?<h>@[a-z0-9][a-z0-9_.]{2,31})(?![\p{L}\p{N}_])/dgiu,
  },
  {
    platform: "revolut",
    pattern: /(?<![\p{L}\p{N}.])revolut\.me\/(?<h>[a-z0-9][a-z0-9_.]{2,31})(?![\p{L}\p{N}_])/dgiu,
  },
];

// Most texts name no payment app: one cheap test spares the eight patterns below.
const APP_NAMES = /cash[ -.]?app|venmo|paypal|revolut/i;

/** Payment-app handles named as such: CashApp `$name`, Venmo `@name`, `paypal.me/name`, Revolut `@name`. */
export function extractPaymentHandles(text: string): Identifier[] {
  if (!APP_NAMES.test(text)) return [];
  const found: Identifier[] = [];
  const seen = new Set<string>();
  for (const { platform, pattern } of RULES) {
    for (const match of text.matchAll(pattern)) {
      const where = match.indices?.groups?.h;
      if (where === undefined) continue;
      const start = where[0];
      // A sentence's full stop after a Revolut name is not part of it.
      const handle = text.slice(start, where[1]).replace(/\.+$/, "");
      const end = start + handle.length;
      const key = `${start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const name = handle.replace(/^[$@]/, "").toLowerCase();
      found.push(spanIdentifier("handle", `${platform}:${name}`, text, start, end, platform));
    }
  }
  return found;
}
