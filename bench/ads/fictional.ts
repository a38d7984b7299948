/**
 * Identifiers the generator hands to its operators. Phones come only from ranges set aside for fiction
 * (Ofcom drama numbers, NANP 555-01xx, ARCEP's fiction blocks) or, where a country has none, from
 * libphonenumber's own example numbers (marked "sample" in bench/README.md). Emails use the reserved
 * example.com/.org/.net domains; IBANs are computed with the ISO 13616 mod-97 check on the fictional
 * "WEST 123456" bank of the standard GB example; wallets are hashed from seeded bytes, checksummed.
 */

import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bech32, createBase58check } from "@scure/base";
import type { Rng } from "./prng.ts";

export const COUNTRIES = ["GB", "US", "CA", "FR", "ES", "MX"] as const;
export type Country = (typeof COUNTRIES)[number];

/** A block of fictional numbers: `prefix` digits after the country code, then `free` chosen digits. */
export interface PhoneRange {
  readonly country: Country;
  readonly callingCode: string;
  readonly prefix: string;
  readonly free: number;
  /** Digit groups of the national significant number, for display. */
  readonly groups: readonly number[];
  /** Trunk prefix written before national numbers ("0" in GB and FR). */
  readonly trunk: string;
  /** Whether libphonenumber (full metadata) calls numbers in this block valid: the drama mobile blocks it does not. */
  readonly libphonenumberValid: boolean;
  readonly note: string;
}

const range = (
  country: Country,
  callingCode: string,
  prefix: string,
  free: number,
  groups: readonly number[],
  trunk: string,
  libphonenumberValid: boolean,
  note: string,
): PhoneRange => ({ country, callingCode, prefix, free, groups, trunk, libphonenumberValid, note });

/** NANP area codes where 555-0100–0199 is used for fiction (the block is reserved in every area code). */
const US_AREAS = [
  "201",
  "202",
  "205",
  "206",
  "209",
  "210",
  "212",
  "213",
  "214",
  "215",
  "216",
  "217",
  "218",
  "219",
  "224",
  "225",
  "228",
  "229",
  "231",
  "234",
  "239",
  "240",
  "248",
  "251",
  "252",
  "253",
  "254",
  "256",
  "260",
  "262",
  "267",
  "269",
  "270",
  "276",
  "281",
  "301",
  "302",
  "303",
  "304",
  "305",
  "307",
  "308",
  "309",
  "310",
  "312",
  "313",
  "314",
  "315",
  "316",
  "317",
  "318",
  "319",
  "320",
  "321",
  "323",
  "325",
  "330",
  "334",
  "336",
  "337",
  "339",
  "347",
  "351",
  "352",
  "360",
  "361",
  "385",
  "386",
  "401",
  "402",
  "404",
  "405",
  "406",
  "407",
  "408",
  "409",
  "410",
  "412",
  "413",
  "414",
  "415",
  "417",
  "419",
  "423",
  "424",
  "425",
  "430",
  "432",
  "434",
  "435",
  "440",
  "443",
  "469",
  "478",
  "479",
  "480",
  "484",
  "501",
  "502",
  "503",
  "504",
  "505",
  "507",
  "508",
  "509",
  "510",
  "512",
  "513",
  "515",
  "516",
  "517",
  "518",
  "520",
  "530",
  "540",
  "541",
  "551",
  "559",
  "561",
  "562",
  "563",
  "567",
  "570",
  "571",
  "573",
  "574",
  "575",
  "580",
  "585",
  "586",
  "601",
  "602",
  "603",
  "605",
  "606",
  "607",
  "608",
  "609",
  "610",
  "612",
  "614",
  "615",
  "616",
  "617",
  "618",
  "619",
  "620",
  "623",
  "626",
  "630",
  "631",
  "636",
  "641",
  "646",
  "650",
  "651",
  "660",
  "661",
  "662",
  "678",
  "682",
  "701",
  "702",
  "703",
  "704",
  "706",
  "707",
  "708",
  "712",
  "713",
  "714",
  "715",
  "716",
  "717",
  "718",
  "719",
  "720",
  "724",
  "727",
  "731",
  "732",
  "734",
  "740",
  "747",
  "754",
  "757",
  "760",
  "763",
  "765",
  "770",
  "772",
  "773",
  "774",
  "775",
  "781",
  "785",
  "786",
  "801",
  "802",
  "803",
  "804",
  "805",
  "806",
  "808",
  "810",
  "812",
  "813",
  "814",
  "815",
  "816",
  "817",
  "818",
  "828",
  "830",
  "831",
  "832",
  "843",
  "845",
  "847",
  "848",
  "850",
  "856",
  "857",
  "858",
  "859",
  "860",
  "862",
  "863",
  "864",
  "865",
  "870",
  "901",
  "903",
  "904",
  "906",
  "907",
  "908",
  "909",
  "910",
  "912",
  "913",
  "914",
  "915",
  "916",
  "917",
  "918",
  "919",
  "920",
  "925",
  "928",
  "931",
  "936",
  "937",
  "940",
  "941",
  "949",
  "951",
  "952",
  "954",
  "956",
  "970",
  "971",
  "972",
  "973",
  "978",
  "979",
  "980",
  "985",
  "989",
];
const CA_AREAS = [
  "204",
  "226",
  "236",
  "250",
  "289",
  "306",
  "343",
  "365",
  "403",
  "416",
  "418",
  "431",
  "437",
  "438",
  "450",
  "506",
  "514",
  "519",
  "548",
  "579",
  "581",
  "587",
  "604",
  "613",
  "639",
  "647",
  "705",
  "709",
  "778",
  "780",
  "782",
  "807",
  "819",
  "825",
  "867",
  "873",
  "902",
  "905",
];
const UK_DRAMA_GEOGRAPHIC = [
  "1134960",
  "1144960",
  "1164960",
  "1174960",
  "1184960",
  "1214960",
  "1314960",
  "1414960",
  "1514960",
  "1614960",
  "1914980",
];

export const PHONE_RANGES: readonly PhoneRange[] = [
  range("GB", "44", "7700900", 3, [4, 6], "0", false, "Ofcom drama mobile 07700 900000–900999"),
  range("GB", "44", "2079460", 3, [2, 4, 4], "0", true, "Ofcom drama London 020 7946 0000–0999"),
  ...UK_DRAMA_GEOGRAPHIC.map((p) =>
    range("GB", "44", p, 3, [3, 3, 4], "0", true, `Ofcom drama 0${p.slice(0, 3)} ${p.slice(3)}xxx`),
  ),
  ...US_AREAS.map((a) =>
    range("US", "1", `${a}55501`, 2, [3, 3, 4], "", true, `NANP fiction (${a}) 555-01xx`),
  ),
  ...CA_AREAS.map((a) =>
    range("CA", "1", `${a}55501`, 2, [3, 3, 4], "", true, `NANP fiction (${a}) 555-01xx`),
  ),
  range("FR", "33", "63998", 4, [1, 2, 2, 2, 2], "0", false, "ARCEP fiction mobile 06 39 98 xx xx"),
  ...["19900", "26191", "35301", "46571", "53649", "97510"].map((p) =>
    range(
      "FR",
      "33",
      p,
      4,
      [1, 2, 2, 2, 2],
      "0",
      true,
      `ARCEP fiction 0${p[0]} ${p.slice(1, 3)} ${p.slice(3)} xx xx`,
    ),
  ),
  ...["612345", "623456", "634567", "645678", "656789", "654321", "665432", "676543", "687654", "698765"].map(
    (p) =>
      range(
        "ES",
        "34",
        p,
        3,
        [3, 3, 3],
        "",
        true,
        `SAMPLE (ES): ${p.slice(0, 3)} ${p.slice(3)}xxx, counting digits`,
      ),
  ),
  ...["222123", "551234", "331234", "811234", "998123", "664123"].map((p) =>
    range(
      "MX",
      "52",
      p,
      4,
      /^(55|33|81)/.test(p) ? [2, 4, 4] : [3, 3, 4],
      "",
      true,
      `SAMPLE (MX): ${p}xx, counting digits`,
    ),
  ),
];

export interface FictionalPhone {
  readonly e164: string;
  readonly country: Country;
  readonly range: PhoneRange;
  /** National significant number (no trunk prefix, no country code). */
  readonly nsn: string;
}

export function phoneIn(range: PhoneRange, n: number): FictionalPhone {
  const nsn = range.prefix + String(n % 10 ** range.free).padStart(range.free, "0");
  return { e164: `+${range.callingCode}${nsn}`, country: range.country, range, nsn };
}

export function randomPhone(rng: Rng, country: Country): FictionalPhone {
  const range = rng.pick(PHONE_RANGES.filter((r) => r.country === country));
  return phoneIn(range, rng.int(0, 10 ** range.free - 1));
}

function grouped(digits: string, groups: readonly number[], sep: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const g of groups) {
    parts.push(digits.slice(at, at + g));
    at += g;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.filter((p) => p.length > 0).join(sep);
}

/** The number as a person would write it: national (for the ad's own country) or international. */
export function displayPhone(phone: FictionalPhone, international: boolean, rng: Rng): string {
  const { range, nsn } = phone;
  if (international) {
    const sep = rng.pick([" ", " ", "-", "."]);
    return `+${range.callingCode} ${grouped(nsn, range.groups, sep)}`;
  }
  if (range.callingCode === "1") {
    const [a, b, c] = [nsn.slice(0, 3), nsn.slice(3, 6), nsn.slice(6)];
    return rng.pick([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `${a} ${b} ${c}`]);
  }
  const national = range.trunk + nsn;
  const groups = [range.trunk.length + (range.groups[0] ?? 0), ...range.groups.slice(1)];
  return grouped(national, groups, rng.pick([" ", " ", " ", ".", "-"]));
}

// ---- emails and handles ----

const NAME_WORDS = [
  "rose",
  "star",
  "moon",
  "sun",
  "vip",
  "sweet",
  "bella",
  "luz",
  "perla",
  "nova",
  "angel",
  "joy",
];

export function randomEmail(rng: Rng, given: string): string {
  const local = `${given.toLowerCase()}${rng.pick([".", "_", ""])}${rng.pick(NAME_WORDS)}${rng.int(1, 99)}`;
  return `${local}@${rng.pick(["example.com", "example.org", "example.net", "mail.example.com"])}`;
}

export const HANDLE_PLATFORMS = [
  "instagram",
  "snapchat",
  "telegram",
  "kik",
  "wechat",
  "line",
  "onlyfans",
] as const;
export type HandlePlatform = (typeof HANDLE_PLATFORMS)[number];

export function randomHandle(rng: Rng, given: string): { platform: HandlePlatform; name: string } {
  const platform = rng.weighted<HandlePlatform>([
    ["instagram", 4],
    ["snapchat", 3],
    ["telegram", 3],
    ["kik", 1],
    ["wechat", 1],
    ["line", 1],
    ["onlyfans", 1],
  ]);
  const name = `${given.toLowerCase()}${rng.pick(["_", ".", ""])}${rng.pick(NAME_WORDS)}${rng.int(10, 999)}`;
  return { platform, name };
}

// ---- payment identifiers ----

function bytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(0, 255);
  return out;
}

const base58check = createBase58check(sha256);

/** A Bitcoin address (legacy P2PKH or bech32 P2WPKH) over a seeded 20-byte hash: checksummed, unowned. */
export function randomBitcoin(rng: Rng): string {
  const hash = bytes(rng, 20);
  if (rng.chance(0.5)) return base58check.encode(Uint8Array.of(0, ...hash));
  return bech32.encode("bc", [0, ...bech32.toWords(hash)]);
}

/** An Ethereum address in EIP-55 mixed-case checksum form, over seeded bytes. */
export function randomEthereum(rng: Rng): string {
  const hex = [...bytes(rng, 20)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `0x${eip55(hex)}`;
}

/** EIP-55: upper-case each hex letter whose nibble in keccak256(lower-case hex) is 8 or more. */
export function eip55(lowerHex: string): string {
  const hash = keccak_256(new TextEncoder().encode(lowerHex));
  let out = "";
  for (let i = 0; i < lowerHex.length; i++) {
    const nibble = ((hash[i >> 1] ?? 0) >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    const c = lowerHex[i] ?? "";
    out += nibble >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/** ISO 13616 check digits for a country code and BBAN. */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.toUpperCase();
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= "A" && ch <= "Z" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of code) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return String(98 - remainder).padStart(2, "0");
}

/** A GB IBAN at the fictional "WEST" bank, sort code 123456 (the standard example's), seeded account. */
export function randomIban(rng: Rng): string {
  const bban = `WEST123456${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
  return `GB${ibanCheckDigits("GB", bban)}${bban}`;
}
