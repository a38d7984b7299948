/**
 * Synthetic online ads with ground truth, deterministic from a seed. Each ad is a JSONL row in the
 * import format of issue 4 ({id, url, site, posted_at, title, text, city, country}); its truth lists the
 * identifiers really in the text (type, normalised value, raw span, how it was hidden) and the operator
 * behind it (the true cluster). See bench/README.md, "Synthetic ads".
 *
 *   node --import tsx bench/ads/generate.ts --ads 1000 --seed 7 --out bench/.tmp/ads
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { displayPhone, type FictionalPhone, type HandlePlatform } from "./fictional.ts";
import {
  type City,
  cityFor,
  type Decoy,
  makeDecoys,
  makeOperator,
  NumberRegistry,
  type Operator,
} from "./model.ts";
import {
  EMAIL_OBFUSCATIONS,
  type Obfuscation,
  obfuscateEmail,
  obfuscatePhone,
  PHONE_OBFUSCATIONS,
  type PhoneObfuscation,
} from "./obfuscate.ts";
import { filler, phrase, price } from "./phrases.ts";
import { createRng, type Rng } from "./prng.ts";

export interface Ad {
  readonly id: string;
  readonly url: string;
  readonly site: string;
  readonly posted_at: string;
  readonly title: string;
  readonly text: string;
  readonly city: string;
  readonly country: string;
}

export const SCORED_TYPES = ["phone", "email", "handle", "iban", "bitcoin", "ethereum"] as const;
export type ScoredType = (typeof SCORED_TYPES)[number];

export interface TruthIdentifier {
  readonly type: ScoredType;
  /** Normalised as the extractor should return it (E.164, lower-case email, `platform:name`, ...). */
  readonly value: string;
  /** Exactly `text.slice(start, end)` of the ad's text. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  /** How the ad hid it; empty when written plainly. */
  readonly obfuscation: readonly Obfuscation[];
  readonly obfuscated: boolean;
  /** A number many unrelated operators print (hotel switchboard, helpline): it must not link them. */
  readonly decoy?: boolean;
  /** For phones: whether libphonenumber's metadata calls the number valid (drama mobile blocks: no). */
  readonly libphonenumberValid?: boolean;
}

export interface AdTruth {
  readonly id: string;
  /** The operator: the ground-truth cluster. */
  readonly cluster: string;
  readonly identifiers: readonly TruthIdentifier[];
  readonly repost?: { readonly of: string; readonly kind: "exact" | "near" };
}

export interface GeneratedAds {
  readonly ads: readonly Ad[];
  readonly truth: readonly AdTruth[];
}

export interface GenerateOptions {
  readonly ads: number;
  readonly seed: number;
  /** Share of phone mentions that are disguised (0–1); 0.45 by default. */
  readonly phoneObfuscationRate?: number;
}

const SITES = [
  "citylist.example.com",
  "nightboard.example.org",
  "anuncios.example.net",
  "petites-annonces.example.com",
];
const START = Date.UTC(2026, 0, 1);

/** One identifier as it will be written: the words before it, its raw form, and what follows. */
interface Mention {
  readonly lead: string;
  readonly truth: Omit<TruthIdentifier, "start" | "end">;
  readonly tail: string;
}

/** What an ad says, independent of its filler: a near-duplicate re-renders it with other filler. */
interface AdSpec {
  readonly op: Operator;
  readonly city: City;
  readonly person: { readonly name: string; readonly age: number };
  readonly mentions: readonly Mention[];
}

const HANDLE_FORMS: Record<HandlePlatform, readonly string[]> = {
  instagram: ["ig: ", "IG @", "Insta: ", "Instagram: @", "insta "],
  snapchat: ["snap: ", "Snapchat: ", "sc: ", "snap @"],
  telegram: ["telegram: @", "tg: @", "Telegram ", "TG: "],
  kik: ["kik: ", "Kik "],
  wechat: ["WeChat: ", "wechat id: "],
  line: ["Line ID: ", "LINE: "],
  onlyfans: ["OnlyFans: ", "onlyfans @"],
};

function phoneMention(phone: FictionalPhone, city: City, rng: Rng, rate: number, decoy?: Decoy): Mention {
  const international = phone.country !== city.country || rng.chance(0.2);
  let raw = displayPhone(phone, international, rng);
  const obfuscation: PhoneObfuscation[] = [];
  if (!decoy && rng.chance(rate)) {
    // Look-alike letters exist only for 0 and 1.
    const kinds = /[01]/.test(raw) ? PHONE_OBFUSCATIONS : PHONE_OBFUSCATIONS.filter((k) => k !== "homoglyph");
    const kind = rng.pick(kinds);
    obfuscation.push(kind);
    raw = obfuscatePhone(raw, kind, city.lang, rng);
    if (kind === "homoglyph" && rng.chance(0.3)) {
      obfuscation.push("spacing");
      raw = raw.replace(/ /g, rng.pick(["  ", " . ", "-"]));
    }
  }
  let lead = phrase("phoneLead", city.lang, rng);
  if (decoy)
    lead = phrase(decoy.kind === "hotel" ? "hotelLead" : "helplineLead", city.lang, rng).replace(
      "{hotel}",
      decoy.label,
    );
  return {
    lead,
    tail: rng.pick([". ", ".\n", " ", "\n"]),
    truth: {
      type: "phone",
      value: phone.e164,
      raw,
      obfuscation,
      obfuscated: obfuscation.length > 0,
      libphonenumberValid: phone.range.libphonenumberValid,
      ...(decoy ? { decoy: true } : {}),
    },
  };
}

function mentionsFor(
  op: Operator,
  city: City,
  day: number,
  decoys: readonly Decoy[],
  rng: Rng,
  rate: number,
): Mention[] {
  const out: Mention[] = [];
  const active = op.phones.filter((p) => p.from <= day && day <= p.to);
  const pool = active.length > 0 ? active : op.phones;
  if (rng.chance(0.95)) {
    const first = rng.pick(pool);
    out.push(phoneMention(first.phone, city, rng, rate));
    const second = pool.find((p) => p !== first);
    if (second && rng.chance(0.25)) out.push(phoneMention(second.phone, city, rng, rate));
  }
  const email = op.emails[0];
  if (email && rng.chance(0.5)) {
    const kind = rng.chance(0.5) ? rng.pick(EMAIL_OBFUSCATIONS) : "none";
    out.push({
      lead: phrase("emailLead", city.lang, rng),
      tail: rng.pick([" ", "\n", ". "]),
      truth: {
        type: "email",
        value: email,
        raw: obfuscateEmail(email, kind, city.lang, rng),
        obfuscation: kind === "none" ? [] : [kind],
        obfuscated: kind !== "none",
      },
    });
  }
  for (const h of op.handles) {
    if (!rng.chance(0.6)) continue;
    out.push({
      lead: "",
      tail: rng.pick(["\n", " · ", ". ", " "]),
      truth: {
        type: "handle",
        value: `${h.platform}:${h.name}`,
        raw: `${rng.pick(HANDLE_FORMS[h.platform])}${h.name}`,
        obfuscation: [],
        obfuscated: false,
      },
    });
  }
  for (const w of op.wallets) {
    if (!rng.chance(0.4)) continue;
    const label =
      w.type === "bitcoin" ? rng.pick(["BTC ", "Bitcoin: ", ""]) : rng.pick(["ETH ", "USDT (ERC20) ", ""]);
    out.push({
      lead: phrase("walletLead", city.lang, rng) + label,
      tail: rng.pick(["\n", " ", ". "]),
      truth: { type: w.type, value: w.address, raw: w.address, obfuscation: [], obfuscated: false },
    });
  }
  for (const iban of op.ibans) {
    if (!rng.chance(0.4)) continue;
    const raw = rng.chance(0.5) ? iban : (iban.match(/.{1,4}/g) ?? [iban]).join(" ");
    out.push({
      lead: phrase("ibanLead", city.lang, rng),
      tail: rng.pick(["\n", ". "]),
      truth: { type: "iban", value: iban, raw, obfuscation: [], obfuscated: false },
    });
  }
  if (rng.chance(0.05)) {
    const local = decoys.filter((d) => d.phone.country === city.country);
    const decoy = rng.pick(local.length > 0 ? local : decoys);
    out.push(phoneMention(decoy.phone, city, rng, 0, decoy));
  }
  return out;
}

function render(spec: AdSpec, rng: Rng): { title: string; text: string; identifiers: TruthIdentifier[] } {
  const { city, person } = spec;
  const values = { name: person.name, age: person.age, city: city.name };
  const b = new TextBuilder();
  b.add(`${filler("intro", city.lang, rng, values)} `);
  if (rng.chance(0.6)) b.add(`${filler("moving", city.lang, rng, values)} `);
  b.add(`${filler("hours", city.lang, rng, values)} `);
  const about = new Set<string>();
  for (let k = rng.int(2, 5); k > 0; k--) about.add(filler("about", city.lang, rng, values));
  for (const line of about) b.add(`${line} `);
  if (rng.chance(0.8)) b.add(`${price(city.country, rng)} `);
  if (rng.chance(0.4)) b.add(`${filler("date", city.lang, rng, values)} `);
  b.add("\n");
  for (const m of spec.mentions) b.mention(m);
  if (rng.chance(0.3)) b.add(filler("hours", city.lang, rng, values));
  return { title: filler("title", city.lang, rng, values), text: b.text.trimEnd(), identifiers: b.ids };
}

class TextBuilder {
  text = "";
  readonly ids: TruthIdentifier[] = [];
  add(s: string): void {
    this.text += s;
  }
  mention(m: Mention): void {
    this.text += m.lead;
    const start = this.text.length;
    this.text += m.truth.raw;
    this.ids.push({ ...m.truth, start, end: this.text.length });
    this.text += m.tail;
  }
}

/** Draws how many ads each operator posts: most post a few, a few post many (a heavy tail). */
function adCount(rng: Rng): number {
  return Math.min(400, Math.max(1, Math.floor(4 / (1 - rng.next()) ** 0.9) - 1));
}

/**
 * One planned ad: cheap to keep a million of. Its text is rendered only when it is written, from its
 * own seed, so a repost can be rendered again from the slot it copies.
 */
interface Slot {
  readonly op: Operator;
  readonly day: number;
  readonly minute: number;
  readonly seed: number;
  readonly kind: "new" | "exact" | "near";
  readonly of?: Slot;
  /** Position in posting order, set once the plan is sorted. */
  position: number;
}

interface Rendered {
  readonly spec: AdSpec;
  readonly title: string;
  readonly text: string;
  readonly identifiers: readonly TruthIdentifier[];
}

interface Plan {
  readonly slots: readonly Slot[];
  readonly decoys: readonly Decoy[];
  readonly rate: number;
}

function plan(options: GenerateOptions): Plan {
  const rng = createRng(options.seed);
  const rate = options.phoneObfuscationRate ?? 0.45;
  const registry = new NumberRegistry(rng.fork());
  const decoys = makeDecoys(registry, rng);
  const slots: Slot[] = [];
  for (let index = 0; slots.length < options.ads; index++) {
    const opRng = rng.fork();
    const op = makeOperator(index, opRng, registry);
    const mine: Slot[] = [];
    const count = Math.min(adCount(opRng), options.ads - slots.length);
    for (let k = 0; k < count; k++) {
      const day = opRng.int(op.activeFrom, op.activeTo);
      const minute = opRng.int(0, 24 * 60 - 1);
      const earlier = mine.length > 0 ? opRng.pick(mine) : undefined;
      const kind = opRng.weighted([
        ["new", 70],
        ["exact", 15],
        ["near", 15],
      ] as const);
      const seed = opRng.int(0, 2 ** 32 - 1);
      if (earlier && kind !== "new") {
        mine.push({ op, day: Math.max(day, earlier.day), minute, seed, kind, of: earlier, position: 0 });
      } else mine.push({ op, day, minute, seed, kind: "new", position: 0 });
    }
    slots.push(...mine);
  }
  // Chronological, as a site would list them; ties keep generation order (stable sort).
  const at = (slot: Slot) => slot.day * 1440 + slot.minute;
  const order = slots.map((slot, i) => ({ slot, i })).sort((a, b) => at(a.slot) - at(b.slot) || a.i - b.i);
  const sorted = order.map(({ slot }, n) => {
    slot.position = n;
    return slot;
  });
  return { slots: sorted, decoys, rate };
}

function renderSlot(slot: Slot, p: Plan): Rendered {
  const rng = createRng(slot.seed);
  if (slot.kind === "exact" && slot.of) return renderSlot(slot.of, p);
  if (slot.kind === "near" && slot.of) {
    const { spec } = renderSlot(slot.of, p);
    return { spec, ...render(spec, rng) };
  }
  const city = cityFor(slot.op, rng);
  const spec: AdSpec = {
    op: slot.op,
    city,
    person: rng.pick(slot.op.persons),
    mentions: mentionsFor(slot.op, city, slot.day, p.decoys, rng, p.rate),
  };
  return { spec, ...render(spec, rng) };
}

const adId = (position: number) => `ad-${String(position + 1).padStart(7, "0")}`;

/**
 * Yields the ads and their truth in posting order without holding them all: what a million-ad file
 * needs. Same options, same output, byte for byte.
 */
export function* streamAds(options: GenerateOptions): Generator<{ ad: Ad; truth: AdTruth }> {
  const p = plan(options);
  for (const slot of p.slots) {
    const r = renderSlot(slot, p);
    const id = adId(slot.position);
    const site = SITES[(Number(slot.op.id.slice(3)) + slot.day) % SITES.length] ?? "citylist.example.com";
    yield {
      ad: {
        id,
        url: `https://${site}/${r.spec.city.country.toLowerCase()}/${id}`,
        site,
        posted_at: new Date(START + (slot.day * 1440 + slot.minute) * 60_000).toISOString(),
        title: r.title,
        text: r.text,
        city: r.spec.city.name,
        country: r.spec.city.country,
      },
      truth: {
        id,
        cluster: slot.op.id,
        identifiers: r.identifiers,
        ...(slot.of && slot.kind !== "new"
          ? { repost: { of: adId(slot.of.position), kind: slot.kind } }
          : {}),
      },
    };
  }
}

/** Generates `ads` ads and their truth in memory (for the bench and tests; see `streamAds`). */
export function generateAds(options: GenerateOptions): GeneratedAds {
  const ads: Ad[] = [];
  const truth: AdTruth[] = [];
  for (const row of streamAds(options)) {
    ads.push(row.ad);
    truth.push(row.truth);
  }
  return { ads, truth };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      ads: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      out: { type: "string", default: "bench/.tmp/ads" },
    },
  });
  fs.mkdirSync(values.out, { recursive: true });
  const adsFile = fs.openSync(path.join(values.out, "ads.jsonl"), "w");
  const truthFile = fs.openSync(path.join(values.out, "truth.jsonl"), "w");
  let count = 0;
  let adLines: string[] = [];
  let truthLines: string[] = [];
  const flush = () => {
    fs.writeSync(adsFile, adLines.join(""));
    fs.writeSync(truthFile, truthLines.join(""));
    adLines = [];
    truthLines = [];
  };
  for (const row of streamAds({ ads: Number(values.ads), seed: Number(values.seed) })) {
    adLines.push(`${JSON.stringify(row.ad)}\n`);
    truthLines.push(`${JSON.stringify(row.truth)}\n`);
    if (++count % 10_000 === 0) flush();
  }
  flush();
  fs.closeSync(adsFile);
  fs.closeSync(truthFile);
  process.stdout.write(`${count} ads and their truth written to ${values.out}\n`);
}
