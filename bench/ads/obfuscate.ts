/**
 * How ads hide identifiers, each way with a label the ground truth keeps, so the benchmark can score
 * every kind of obfuscation on its own. Only the digits of a phone are disguised; its E.164 value is known.
 */
import type { Rng } from "./prng.ts";

export type Lang = "en" | "es" | "fr";

export const PHONE_OBFUSCATIONS = [
  "homoglyph", // O/o for 0, I/l for 1
  "fullwidth", // ０７７００
  "arabic-indic", // ٠٧٧٠٠
  "keycap", // 0️⃣7️⃣
  "circled", // ⓪⑦⑦
  "spelled", // zero seven seven
  "spelled-mixed", // five5five
  "misspelled", // f0ur fiv sevn
  "spacing", // 0 7 7 0 0 . 9 0 0
] as const;
export type PhoneObfuscation = (typeof PHONE_OBFUSCATIONS)[number];

export const EMAIL_OBFUSCATIONS = ["at-dot-parens", "at-dot-brackets", "spaced", "at-word"] as const;
export type EmailObfuscation = (typeof EMAIL_OBFUSCATIONS)[number];

export type Obfuscation = PhoneObfuscation | EmailObfuscation;

const WORDS: Record<Lang, readonly string[]> = {
  en: ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
  es: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
  fr: ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
};

/** Misspellings of the kind the issue quotes ("f0ur"): a dropped, doubled or look-alike letter. */
const MISSPELT: Record<Lang, readonly string[]> = {
  en: ["zer0", "0ne", "tw0", "thre", "f0ur", "fiv", "sixx", "sevn", "eigth", "nien"],
  es: ["sero", "un0", "d0s", "tress", "quatro", "sinco", "seys", "siette", "och0", "nuebe"],
  fr: ["zero", "unn", "deu", "troi", "katre", "cinc", "sis", "set", "uit", "neuff"],
};

const PLUS: Record<Lang, string> = { en: "plus", es: "más", fr: "plus" };

const isDigit = (c: string) => c >= "0" && c <= "9";

function mapDigits(text: string, f: (d: number, i: number) => string): string {
  let i = 0;
  let out = "";
  for (const c of text) out += isDigit(c) ? f(Number(c), i++) : c;
  return out;
}

/** Applies one kind of disguise to a displayed phone number ("07700 900123", "+44 7700 900123"). */
export function obfuscatePhone(display: string, kind: PhoneObfuscation, lang: Lang, rng: Rng): string {
  switch (kind) {
    case "homoglyph": {
      let changed = false;
      const out = mapDigits(display, (d) => {
        if (d === 0 && rng.chance(0.7)) {
          changed = true;
          return rng.pick(["O", "O", "o"]);
        }
        if (d === 1 && rng.chance(0.7)) {
          changed = true;
          return rng.pick(["I", "l", "l"]);
        }
        return String(d);
      });
      // Make sure at least one digit is disguised when the number has a 0 or 1.
      return changed ? out : out.replace(/0/, "O").replace(/1/, "l");
    }
    case "fullwidth":
      return [...display]
        .map((c) => (isDigit(c) || c === "+" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
        .join("");
    case "arabic-indic":
      return mapDigits(display, (d) => String.fromCharCode(0x660 + d));
    case "keycap":
      return mapDigits(display, (d) => `${d}\ufe0f\u20e3`);
    case "circled":
      return mapDigits(display, (d) => (d === 0 ? "\u24ea" : String.fromCharCode(0x2460 + d - 1)));
    case "spelled":
    case "misspelled":
    case "spelled-mixed":
      return spell(display, kind, lang, rng);
    case "spacing": {
      const digits = [...display].filter((c) => isDigit(c) || c === "+").join("");
      const sep = rng.pick([" ", " . ", "-", " - ", "  ", "_", "*", " / "]);
      if (rng.chance(0.5)) return [...digits].join(sep);
      // Groups of two or three, with a doubled separator
      const parts = digits.match(/\+?\d{1,3}/g) ?? [digits];
      return parts.join(rng.pick(["..", "--", " .. ", " ", "  "]));
    }
  }
}

function spell(display: string, kind: PhoneObfuscation, lang: Lang, rng: Rng): string {
  const digits = [...display].filter((c) => isDigit(c) || c === "+");
  const misspeltAt = new Set<number>();
  if (kind === "misspelled") {
    const count = rng.int(1, 3);
    for (let k = 0; k < count; k++) misspeltAt.add(rng.int(0, digits.length - 1));
  }
  const joiner = kind === "spelled-mixed" ? "" : rng.pick([" ", " ", "-", ", "]);
  const tokens = digits.map((c, i) => {
    if (c === "+") return PLUS[lang];
    const d = Number(c);
    if (kind === "spelled-mixed" && rng.chance(0.5)) return c;
    if (misspeltAt.has(i)) return MISSPELT[lang][d] ?? String(d);
    return WORDS[lang][d] ?? String(d);
  });
  if (kind !== "spelled-mixed") return tokens.join(joiner);
  // "five5five": words run into digits; a space only between two words now and then.
  let out = "";
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const bothWords = prev !== undefined && !/^\d$/.test(prev) && !/^\d$/.test(t);
    out += i > 0 && (bothWords || t === PLUS[lang] || prev === PLUS[lang]) ? " " : "";
    out += t;
  });
  return out;
}

/** Writes an email the way the ad hides it; "none" writes it plainly (sometimes upper-cased). */
export function obfuscateEmail(email: string, kind: EmailObfuscation | "none", lang: Lang, rng: Rng): string {
  const [local = "", domain = ""] = email.split("@");
  switch (kind) {
    case "none":
      return rng.chance(0.15) ? email.toUpperCase() : email;
    case "at-dot-parens":
      return rng.chance(0.5)
        ? `${local} (at) ${domain.replaceAll(".", " (dot) ")}`
        : `${local}(at)${domain.replaceAll(".", "(dot)")}`;
    case "at-dot-brackets":
      return `${local} [at] ${domain.replaceAll(".", rng.pick([" [dot] ", "[.]", "."]))}`;
    case "spaced":
      return `${local} @ ${domain.replaceAll(".", " . ")}`;
    case "at-word": {
      const [at, dot] =
        lang === "es" ? ["arroba", "punto"] : lang === "fr" ? ["arobase", "point"] : ["at", "dot"];
      return `${local} ${at} ${domain.replaceAll(".", ` ${dot} `)}`;
    }
  }
}
