import type { Platform } from "../../platform/platform.ts";
import { type AdInput, ingestAds } from "./linking.service.ts";

/**
 * Sample ads for the demo deployment, so the analyst console has something to show: fictional numbers
 * only (UK Ofcom drama range 07700 900xxx, French 06 39 98 xx xx), the textbook IBAN, BIP-173's example
 * address, example.com sites. One operator moves Leeds → Manchester → London and changes phone; two
 * ads stand alone.
 */
const ANALYST_SAMPLES: readonly AdInput[] = [
  {
    id: "demo-1",
    posted_at: "2026-09-07T10:00:00Z",
    city: "Leeds",
    title: "SAMPLE DATA · Sweet young girl",
    text: "Hi, I am Mia, age 21. 100% real pics. Call 07700 900123. Deposit required before meeting.",
  },
  {
    id: "demo-2",
    posted_at: "2026-09-21T10:00:00Z",
    city: "Manchester",
    title: "SAMPLE DATA · New in Manchester",
    text: "My name is Ana, age 23. Bitcoin only: bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq. Whatsapp 07700 900123",
  },
  {
    id: "demo-3",
    posted_at: "2026-10-12T10:00:00Z",
    city: "London",
    title: "SAMPLE DATA · London now",
    text: "I am Mia. Pay first to IBAN GB82 WEST 1234 5698 7654 32. Text 07700 900123 or 07700 900124",
  },
  {
    id: "demo-4",
    posted_at: "2026-10-26T10:00:00Z",
    city: "London",
    title: "SAMPLE DATA · Still in London",
    text: "New number 07700 900124, I am Mia, age 21",
  },
  {
    id: "demo-5",
    posted_at: "2026-10-02T10:00:00Z",
    city: "Bristol",
    title: "SAMPLE DATA · Barely legal teen",
    text: "Young innocent girl, must pay off my debt. The boss keeps all my money. Call 07700 900777",
  },
  {
    id: "demo-6",
    posted_at: "2026-10-05T10:00:00Z",
    city: "Lyon",
    country: "FR",
    title: "SAMPLE DATA · Massage",
    text: "Massage relaxant, appelez le 06 39 98 00 01",
  },
].map((ad) => ({ country: "GB", site: "ads.example.com", url: `https://ads.example.com/${ad.id}`, ...ad }));

// Fictional numbers only (Ofcom's drama range 07700 900xxx, France's +33 6 39 98 xx xx for fiction),
// example.com sites: two small networks of sample ads for the demo's map and network pages.
const ad = (
  id: string,
  title: string,
  text: string,
  city: string,
  country: string,
  day: number,
): AdInput => ({
  id: `demo-${id}`,
  site: "classifieds.example.com",
  url: `https://classifieds.example.com/demo-${id}`,
  posted_at: new Date(Date.now() - day * 86_400_000).toISOString(),
  title: `SAMPLE · ${title}`,
  text,
  city,
  country,
});

const NETWORK_SAMPLES: readonly AdInput[] = [
  ad(
    "p1",
    "New girls every week",
    "Young and new in town, call 06 39 98 12 34, deposit first",
    "Paris",
    "FR",
    2,
  ),
  ad("p2", "Sweet company", "Appelle le zero six 39 98 12 34 ou mia (at) example (dot) com", "Lyon", "FR", 5),
  ad("p3", "Massage 24/7", "Write mia@example.com, incall only, ask for Mia", "Marseille", "FR", 9),
  ad("p4", "Nouvelle à Lyon", "06.39.98.56.78 / mia@example.com, pas de police", "Lyon", "FR", 12),
  ad("p5", "Nueva en Madrid", "Llama al +33 6 39 98 56 78, solo hoy", "Madrid", "ES", 20),
  ad("u1", "Leeds, new today", "Call 07700 900123, outcall, agency", "Leeds", "GB", 3),
  ad("u2", "Manchester visit", "07700 900123 or telegram @rosy_demo", "Manchester", "GB", 7),
  ad("u3", "London this week", "telegram @rosy_demo only, cash", "London", "GB", 15),
  ad("u4", "London", "Different advertiser: 07700 900456", "London", "GB", 30),
];

const DEMO_ADS: readonly AdInput[] = [...ANALYST_SAMPLES, ...NETWORK_SAMPLES];

/** Stores the demo's sample ads (once: ads already stored are skipped by their id). */
export async function loadDemoAds(p: Platform): Promise<void> {
  await ingestAds(p, DEMO_ADS);
}
