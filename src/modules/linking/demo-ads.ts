import type { Platform } from "../../platform/platform.ts";
import { type AdInput, ingestAds } from "./linking.service.ts";

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

const DEMO_ADS: readonly AdInput[] = [
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

/** Stores the demo's sample ads (once: ads already stored are skipped by their id). */
export async function loadDemoAds(p: Platform): Promise<void> {
  await ingestAds(p, DEMO_ADS);
}
