import fs from "node:fs";
import { parse } from "csv-parse/sync";

/** A country or territory a report can be about, with the emergency number to show for it. */
export interface Country {
  readonly code: string;
  readonly name: string;
  readonly emergencyNumber: string;
  /** Other numbers the source lists ("999 or 112"), verbatim. */
  readonly emergencyNote: string | undefined;
  /** 112 also works here from any phone (EU and EEA). */
  readonly has112: boolean;
}

// EU and EEA member states, where 112 is the common emergency number by law.
const EU_EEA = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split(" "),
);

export interface CountryDirectory {
  readonly all: readonly Country[];
  get(code: string): Country | undefined;
  has(code: string): boolean;
}

interface Row {
  iso2: string;
  name: string;
  emergency_number: string;
  upstream_note: string;
}

/** Reads the shipped emergency-number table (see data/README.md) once at start-up. */
export function loadCountryDirectory(csvPath: string): CountryDirectory {
  const rows = parse(fs.readFileSync(csvPath), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
  }) as Row[];
  const all = rows
    .filter((r) => /^[A-Z]{2}$/.test(r.iso2))
    .map(
      (r): Country => ({
        code: r.iso2,
        name: r.name,
        emergencyNumber: r.emergency_number,
        emergencyNote: r.upstream_note || undefined,
        has112: EU_EEA.has(r.iso2) && r.emergency_number !== "112",
      }),
    );
  const byCode = new Map(all.map((c) => [c.code, c]));
  return { all, get: (code) => byCode.get(code), has: (code) => byCode.has(code) };
}
