/**
 * Quick timing of signals extraction (normalise + phones + contacts) on ~500-character ads, each with
 * different numbers so the phone memo does not flatter the figure. Run: node --import tsx bench/signals-extract.bench.ts
 */
import { extractIdentifiers } from "../src/modules/signals/extract.ts";

const TEMPLATES = [
  (k: string) =>
    `NEW in town!! Sweet Anna, 22 years, GFE, incall/outcall near the station. Call or text 212-555-01${k} ` +
    `anytime 24/7, WhatsApp +44 7700 900${k}3. Rates: $150 half hour, $250 hour, overnight ask. Insta: anna.rose${k} ` +
    `snap: annarose${k}. Pics at www.example.com/anna${k}. Email anna${k} (at) example (dot) com. Available ` +
    `2024-03-15 from 22:30. No blocked numbers, no law enforcement. Clean, discreet, upscale, new pics!!`,
  (k: string) =>
    `Hola soy Carla, 24 años, recién llegada a la ciudad. Llámame al 612 345 6${k} o escríbeme por telegram ` +
    `@carla_${k}. Precio 100€ media hora, 180€ la hora. Disponible 24 horas, salidas a hotel y domicilio. ` +
    `Contacto: seis uno dos, tres ${k[0] === "0" ? "cero" : "cuatro"} cinco, seis siete ocho. Fotos reales en ` +
    `carla${k} dot com. Ref 2024/03. Sin prisas, muy cariñosa, trato de novia, ven a conocerme, te espero!!`,
];

const ads: string[] = [];
for (let i = 0; i < 2000; i++) ads.push(TEMPLATES[i % 2]!(String(i % 100).padStart(2, "0")));
const chars = ads.reduce((s, a) => s + a.length, 0) / ads.length;

for (const ad of ads.slice(0, 200)) extractIdentifiers(ad, { region: "US" }); // warm-up
const rounds = 5;
const start = performance.now();
let found = 0;
for (let r = 0; r < rounds; r++)
  for (const ad of ads) found += extractIdentifiers(ad, { region: r % 2 ? "ES" : "US" }).length;
const micros = ((performance.now() - start) * 1000) / (rounds * ads.length);
console.log(
  `${micros.toFixed(1)} µs per ad of ${chars.toFixed(0)} characters (${found / (rounds * ads.length)} identifiers per ad)`,
);
