import { extractSignals } from "../signals/signals.ts";

/**
 * What in a circle response looks like personal data: contact details (through the `signals` library),
 * a name with an age ("Maria, 15", "Ana (16)", "a girl called Rosa, 14 years old"), or a street address
 * ("12 Calle Mayor", "rue de la Paix 4"). Such a response is held for the facilitator instead of being
 * shown to the circle. Pure; errs towards holding: a facilitator releases a false alarm in one click.
 */
export type PersonalDataKind = "phone" | "email" | "handle" | "payment" | "name_with_age" | "address";

const CONTACT: Readonly<Record<string, PersonalDataKind>> = {
  phone: "phone",
  email: "email",
  handle: "handle",
  iban: "payment",
  card: "payment",
  bitcoin: "payment",
  ethereum: "payment",
};

// A capitalised name (Latin letters with accents), then an age written right after it.
const NAME = String.raw`\p{Lu}[\p{Ll}'’-]{1,20}`;
const AGE_AFTER_NAME = new RegExp(
  String.raw`(?:^|[^\p{L}])${NAME}\s*(?:,\s*|\(\s*|\s+(?:is|es|est|tiene|a|has|aged?|de)\s+)(?:[1-9]\d?)(?:\s*\)|\s*(?:years?|yrs?|años|ans)\b|\s*(?:,|\.|$))`,
  "u",
);
const STREET_WORDS = String.raw`(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|calle|c/|avenida|av\.?|camino|plaza|paseo|rue|boulevard|bd\.?|chemin|place|allée|impasse)`;
const ADDRESS = new RegExp(
  String.raw`(?:\b\d{1,4}[a-z]?,?\s+${STREET_WORDS}\s+\p{L})|(?:(?:^|[^\p{L}])${STREET_WORDS}\s+(?:de\s+(?:la\s+)?|del\s+|des\s+|du\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?,?\s+\d{1,4}\b)`,
  "iu",
);

/** The kinds of personal data a response seems to hold (empty when none). */
export function personalDataIn(text: string): PersonalDataKind[] {
  const found = new Set<PersonalDataKind>();
  for (const id of extractSignals(text).identifiers) {
    const kind = CONTACT[id.type];
    if (kind) found.add(kind);
  }
  if (AGE_AFTER_NAME.test(text)) found.add("name_with_age");
  if (ADDRESS.test(text)) found.add("address");
  return [...found].sort();
}
