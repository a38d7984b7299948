import type { AdInput } from "../../src/modules/linking/linking.service.ts";

/**
 * A handful of fictional ads for the analyst console's tests (UK Ofcom drama numbers 07700 900xxx, the
 * textbook IBAN GB82 WEST…, BIP-173's example bech32 address, example.com sites):
 * - one operator (a1–a4) moving Leeds → Manchester → London over seven weeks, phone 07700 900123 replaced
 *   by 07700 900124, names Mia and Ana, ages 21 and 23, an IBAN and a bitcoin address;
 * - an unrelated, low-scoring ad (b1) and a high-scoring ad on its own (c1).
 */
export const OPERATOR_PHONE = "+447700900123";
export const NEW_PHONE = "+447700900124";
export const IBAN = "GB82WEST12345698765432";
export const BITCOIN = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

const ad = (id: string, posted: string, city: string, title: string, text: string): AdInput => ({
  id,
  site: "ads.example.com",
  url: `https://ads.example.com/${id}`,
  posted_at: posted,
  title,
  text,
  city,
  country: "GB",
});

export const ANALYST_ADS: readonly AdInput[] = [
  ad(
    "a1",
    "2026-09-07T10:00:00Z",
    "Leeds",
    "Sweet young girl",
    "Hi, I am Mia, age 21. 100% real pics. Call 07700 900123. Deposit required before meeting.",
  ),
  ad(
    "a2",
    "2026-09-21T10:00:00Z",
    "Manchester",
    "New in Manchester",
    `My name is Ana, age 23. Bitcoin only: ${BITCOIN}. Whatsapp 07700 900123`,
  ),
  ad(
    "a3",
    "2026-10-12T10:00:00Z",
    "London",
    "London now",
    "I am Mia. Pay first to IBAN GB82 WEST 1234 5698 7654 32. Text 07700 900123 or 07700 900124",
  ),
  ad("a4", "2026-10-26T10:00:00Z", "London", "Still in London", "New number 07700 900124, I am Mia, age 21"),
  ad("b1", "2026-10-01T10:00:00Z", "York", "Massage studio", "Relaxing massage, call 07700 900555"),
  ad(
    "c1",
    "2026-10-02T10:00:00Z",
    "Bristol",
    "Barely legal teen, fresh",
    "Young innocent school girl, must pay off my debt. The boss keeps all my money. Call 07700 900777",
  ),
];
