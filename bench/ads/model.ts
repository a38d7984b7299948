/**
 * The world the synthetic ads come from: operators (the ground-truth clusters), each with the persons
 * it advertises, a pool of phones used one after another (churn), emails, handles and payment
 * identifiers; and decoy numbers (a hotel's switchboard, a helpline) that unrelated operators all print.
 */
import {
  type Country,
  type FictionalPhone,
  type HandlePlatform,
  PHONE_RANGES,
  phoneIn,
  randomBitcoin,
  randomEmail,
  randomEthereum,
  randomHandle,
  randomIban,
} from "./fictional.ts";
import type { Lang } from "./obfuscate.ts";
import type { Rng } from "./prng.ts";

export interface City {
  readonly name: string;
  readonly country: Country;
  readonly lang: Lang;
}

export const CITIES: readonly City[] = [
  ...["London", "Manchester", "Birmingham", "Leeds", "Glasgow"].map((name) => ({
    name,
    country: "GB" as const,
    lang: "en" as const,
  })),
  ...["New York", "Los Angeles", "Las Vegas", "Miami", "Chicago", "Houston"].map((name) => ({
    name,
    country: "US" as const,
    lang: "en" as const,
  })),
  { name: "Toronto", country: "CA", lang: "en" },
  { name: "Vancouver", country: "CA", lang: "en" },
  { name: "Montréal", country: "CA", lang: "fr" },
  ...["Paris", "Lyon", "Marseille", "Nice", "Lille"].map((name) => ({
    name,
    country: "FR" as const,
    lang: "fr" as const,
  })),
  ...["Madrid", "Barcelona", "Valencia", "Sevilla", "Málaga"].map((name) => ({
    name,
    country: "ES" as const,
    lang: "es" as const,
  })),
  ...["Ciudad de México", "Guadalajara", "Monterrey", "Cancún", "Tijuana"].map((name) => ({
    name,
    country: "MX" as const,
    lang: "es" as const,
  })),
];

/** Where an operator moves people to when it leaves home. */
const NEIGHBOURS: Record<Country, readonly Country[]> = {
  GB: ["FR", "ES"],
  FR: ["ES", "GB"],
  ES: ["FR", "GB"],
  US: ["CA", "MX"],
  CA: ["US"],
  MX: ["US"],
};

// Weighted by how many fictional numbers each country has, so that a million ads rarely run a
// country's blocks dry (France has 70,000, Canada 3,800).
const HOME_WEIGHTS: readonly (readonly [Country, number])[] = [
  ["FR", 30],
  ["US", 20],
  ["MX", 16],
  ["GB", 14],
  ["ES", 14],
  ["CA", 6],
];

const GIVEN_NAMES = [
  "Ana",
  "Sofia",
  "Luna",
  "Maria",
  "Camille",
  "Chloe",
  "Valentina",
  "Emma",
  "Lucia",
  "Jade",
  "Mia",
  "Lea",
  "Nina",
  "Eva",
  "Sara",
  "Alba",
  "Ines",
  "Julia",
  "Carla",
  "Paula",
  "Elena",
  "Zoe",
  "Lola",
  "Rosa",
  "Dana",
  "Kira",
  "Maya",
  "Lina",
  "Alma",
  "Noa",
  "Irene",
  "Manon",
  "Clara",
  "Daniela",
  "Ximena",
  "Renata",
];

export interface Person {
  readonly name: string;
  readonly age: number;
}

export interface PhoneUse {
  readonly phone: FictionalPhone;
  /** Days (from the start of the generated period) between which the operator uses this number. */
  readonly from: number;
  readonly to: number;
}

export interface Operator {
  readonly id: string;
  readonly home: Country;
  readonly persons: readonly Person[];
  readonly phones: readonly PhoneUse[];
  readonly emails: readonly string[];
  readonly handles: readonly { readonly platform: HandlePlatform; readonly name: string }[];
  readonly wallets: readonly { readonly type: "bitcoin" | "ethereum"; readonly address: string }[];
  readonly ibans: readonly string[];
  readonly activeFrom: number;
  readonly activeTo: number;
}

export interface Decoy {
  readonly kind: "hotel" | "helpline";
  readonly phone: FictionalPhone;
  readonly label: string;
}

/** Hands out fictional numbers without replacement, so two operators never share one by accident. */
export class NumberRegistry {
  private readonly free = new Map<number, number[]>();
  constructor(private readonly rng: Rng) {}

  take(country: Country): FictionalPhone {
    const ranges = PHONE_RANGES.map((r, i) => [r, i] as const).filter(([r]) => r.country === country);
    const open = ranges.filter(([r, i]) => this.pool(i, r.free).length > 0);
    if (open.length === 0) return this.takeAnywhere();
    const [range, index] = this.rng.pick(open);
    const pool = this.pool(index, range.free);
    const at = this.rng.int(0, pool.length - 1);
    const n = pool[at] ?? 0;
    pool[at] = pool[pool.length - 1] ?? 0;
    pool.pop();
    return phoneIn(range, n);
  }

  /** Marks a number as taken (decoys), so no operator is handed it. */
  reserve(phone: FictionalPhone): void {
    const index = PHONE_RANGES.indexOf(phone.range);
    const pool = this.pool(index, phone.range.free);
    const n = Number(phone.nsn.slice(phone.range.prefix.length));
    const at = pool.indexOf(n);
    if (at !== -1) pool.splice(at, 1);
  }

  /** A country's fictional blocks are used up: the operator gets a foreign SIM, as happens in life. */
  private takeAnywhere(): FictionalPhone {
    for (const c of ["FR", "MX", "US", "ES", "GB", "CA"] as const) {
      const has = PHONE_RANGES.some((r, i) => r.country === c && this.pool(i, r.free).length > 0);
      if (has) return this.take(c);
    }
    throw new Error("every fictional phone range is used up: generate fewer ads");
  }

  private pool(index: number, free: number): number[] {
    let pool = this.free.get(index);
    if (!pool) {
      pool = Array.from({ length: 10 ** free }, (_v, i) => i);
      this.free.set(index, pool);
    }
    return pool;
  }
}

export const PERIOD_DAYS = 365;

export function makeDecoys(registry: NumberRegistry, rng: Rng): Decoy[] {
  const decoys: Decoy[] = [];
  for (const [country] of HOME_WEIGHTS) {
    for (const kind of ["hotel", "helpline"] as const) {
      const phone = registry.take(country);
      decoys.push({
        kind,
        phone,
        label: kind === "hotel" ? `Hotel ${rng.pick(["Central", "Plaza", "Sol", "Atlas"])}` : "helpline",
      });
    }
  }
  return decoys;
}

export function makeOperator(index: number, rng: Rng, registry: NumberRegistry): Operator {
  const home = rng.weighted(HOME_WEIGHTS);
  const activeFrom = rng.int(0, PERIOD_DAYS - 30);
  const activeTo = Math.min(PERIOD_DAYS - 1, activeFrom + rng.int(20, 300));
  const persons = Array.from({ length: rng.int(1, 5) }, () => ({
    name: rng.pick(GIVEN_NAMES),
    age: rng.int(19, 33),
  }));
  // Churn: the active period is cut into consecutive stretches, one number each, overlapping a little.
  const phoneCount = rng.weighted([
    [1, 3],
    [2, 4],
    [3, 3],
    [4, 2],
  ] as const);
  const span = (activeTo - activeFrom + 1) / phoneCount;
  const phones: PhoneUse[] = Array.from({ length: phoneCount }, (_v, k) => ({
    phone: registry.take(home),
    from: Math.floor(activeFrom + k * span - (k > 0 ? rng.int(0, 10) : 0)),
    to: Math.ceil(activeFrom + (k + 1) * span + rng.int(0, 10)),
  }));
  const lead = persons[0]?.name ?? "Ana";
  const emails = rng.chance(0.5) ? [randomEmail(rng, lead)] : [];
  const handles = Array.from(
    {
      length: rng.weighted([
        [0, 4],
        [1, 4],
        [2, 2],
      ] as const),
    },
    () => randomHandle(rng, rng.pick(persons).name),
  );
  const wallets = rng.chance(0.25)
    ? [
        rng.chance(0.6)
          ? { type: "bitcoin" as const, address: randomBitcoin(rng) }
          : { type: "ethereum" as const, address: randomEthereum(rng) },
      ]
    : [];
  const ibans = rng.chance(0.12) ? [randomIban(rng)] : [];
  return {
    id: `op-${String(index).padStart(6, "0")}`,
    home,
    persons,
    phones,
    emails,
    handles,
    wallets,
    ibans,
    activeFrom,
    activeTo,
  };
}

/** A city for one ad: mostly at home, sometimes moved to a neighbouring country. */
export function cityFor(op: Operator, rng: Rng): City {
  const country = rng.chance(0.75) ? op.home : rng.pick(NEIGHBOURS[op.home]);
  return rng.pick(CITIES.filter((c) => c.country === country));
}
