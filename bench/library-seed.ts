// Generated library items for the search benchmark: pseudo-text drawn from a team-written vocabulary of
// the field (English, Spanish, French) with a Zipf-like frequency, so some words match a large share of
// the items, as real words do. Stored through the library's own tables and search index, in batches.

import { ITEM_TYPES as TYPES } from "../src/modules/library/library.service.ts";
import { searchIndexFor } from "../src/modules/library/library-search.ts";
import { AUDIENCES, LEVELS, TOPICS } from "../src/modules/library/seed-content.ts";
import { newId } from "../src/platform/db/ids.ts";
import type { Platform } from "../src/platform/platform.ts";
import { createRng, type Rng } from "./ads/prng.ts";

const WORDS: Readonly<Record<"en" | "es" | "fr", string>> = {
  en: `the of and to in a is that for it as with was on are by this be from or have an not they which one
  you had were her all she there would their we him been has when who will more no if out so said what up
  its about into than them can only other new some could time these two may then do first any my now such
  like our over man me even most made after also did many before must through back years where much your way
  well down should because each just those people how too little state good very make world still own see
  men work long get here between both life being under never day same another know while last might us great
  old year off come since against go came right used take three trafficking person people survivor victim
  exploitation labour forced work worker workers employer recruiter recruitment agency debt bondage passport
  documents wages salary payment money account bank transfer border migrant migration smuggling smuggler
  trafficker traffickers child children girl girls woman women boy boys family community village school
  teacher parent police officer court law prosecution protection shelter hotline counselling health
  doctor nurse lawyer legal aid referral support recovery reintegration return safety risk signs indicator
  indicators coercion threat violence abuse deception fraud control isolation fear trust consent online
  internet social media grooming sextortion sexting image images phone message messages app platform
  advertisement ads job offer abroad city farm factory domestic servitude marriage forced organ removal
  begging street criminal crime prevention awareness campaign training guideline practice evidence report
  reporting identification interview trauma informed care dignity rights human rights convention protocol
  palermo cedaw ilo unodc government ministry policy national action plan funding donor partner network
  coalition survey data statistics research study finding findings supply chain company brand audit due
  diligence demand buyer nordic model`,
  es: `de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o este
  sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos
  uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto
  esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros trata personas
  persona sobreviviente víctima víctimas explotación laboral trabajo forzoso trabajador trabajadores
  empleador reclutador agencia deuda servidumbre pasaporte documentos salario pago dinero cuenta banco
  frontera migrante migración tráfico ilícito traficante tratante niña niño niñas niños mujer mujeres
  familia comunidad escuela maestra policía tribunal ley protección refugio línea ayuda apoyo denuncia
  señales indicadores coerción amenaza violencia abuso engaño fraude control miedo consentimiento
  internet redes sociales captación sextorsión anuncio oferta empleo extranjero ciudad finca fábrica
  doméstica matrimonio forzado órganos mendicidad prevención campaña capacitación buenas prácticas
  derechos humanos protocolo gobierno política plan nacional red datos estudio cadena suministro demanda`,
  fr: `de la le et les des en un une du que est pour qui dans par sur pas au plus ne se ce il sont avec
  elle son sa ses aux ou mais comme tout nous leur été très sans peut deux aussi bien où si entre même
  fait dont après elles cette ces lui nos sous temps traite personnes personne survivante victime
  victimes exploitation travail forcé travailleur travailleurs employeur recruteur agence dette servitude
  passeport papiers salaire paiement argent compte banque frontière migrant migration trafic illicite
  passeur trafiquant enfant enfants fille filles femme femmes famille communauté école enseignante police
  tribunal loi protection foyer ligne écoute aide soutien signalement signes indicateurs contrainte
  menace violence abus tromperie fraude contrôle peur consentement internet réseaux sociaux pédopiégeage
  sextorsion annonce offre emploi étranger ville ferme usine domestique mariage organes mendicité
  prévention campagne formation bonnes pratiques droits humains protocole gouvernement politique plan
  national réseau données étude chaîne approvisionnement demande`,
};

const COUNTRIES = ["ES", "FR", "MX", "NG", "PH", "IN", "US", "GB", "CO", "TH", "RO", "NP"];

export const LANGUAGES = ["en", "es", "fr"] as const;
export const VOCABULARY: Readonly<Record<(typeof LANGUAGES)[number], readonly string[]>> = {
  en: WORDS.en.split(/\s+/).filter(Boolean),
  es: WORDS.es.split(/\s+/).filter(Boolean),
  fr: WORDS.fr.split(/\s+/).filter(Boolean),
};

/** A word by Zipf-like rank: the k-th word about 1/k as frequent as the first. */
export function zipfWord(rng: Rng, words: readonly string[]): string {
  const u = rng.next();
  const k = Math.floor(words.length ** u) - 1;
  return words[Math.min(words.length - 1, Math.max(0, k))] as string;
}

function sentence(rng: Rng, words: readonly string[], min: number, max: number): string {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(zipfWord(rng, words));
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** Stores `count` published items in transactions of 2,000 (items, versions, facets, search index). */
export async function seedLibrary(p: Platform, count: number, seed: number): Promise<void> {
  const rng = createRng(seed);
  const index = searchIndexFor(p.dialect.name);
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += 2000) {
    await p.db.transaction().execute(async (trx) => {
      const items = [];
      const facets = [];
      const docs = [];
      for (let i = start; i < Math.min(count, start + 2000); i++) {
        const language = rng.pick(LANGUAGES);
        const words = VOCABULARY[language];
        const id = newId();
        const title = sentence(rng, words, 4, 9);
        const summary = sentence(rng, words, 15, 30);
        const body = Array.from({ length: rng.int(3, 8) }, () => sentence(rng, words, 20, 60)).join(". ");
        items.push({
          id,
          type: rng.pick(TYPES),
          status: "published",
          translation_group: id,
          language,
          slug: `item-${i}`,
          title,
          summary,
          body,
          level: rng.pick(LEVELS),
          details: "{}",
          version: 1,
          created_at: at,
          updated_at: at,
          published_at: new Date(Date.parse(at) - i * 60_000).toISOString(),
        });
        for (const value of new Set([rng.pick(AUDIENCES), rng.pick(AUDIENCES)]))
          facets.push({ item_id: id, facet: "audience", value });
        for (const value of new Set([rng.pick(TOPICS), rng.pick(TOPICS)]))
          facets.push({ item_id: id, facet: "topic", value });
        if (rng.chance(0.5)) facets.push({ item_id: id, facet: "country", value: rng.pick(COUNTRIES) });
        docs.push({
          itemId: id,
          language,
          type: items[items.length - 1]!.type,
          level: items[items.length - 1]!.level,
          title,
          summary,
          body,
        });
      }
      for (let k = 0; k < items.length; k += 200)
        await trx
          .insertInto("library_items")
          .values(items.slice(k, k + 200))
          .execute();
      for (let k = 0; k < facets.length; k += 400)
        await trx
          .insertInto("library_facets")
          .values(facets.slice(k, k + 400))
          .execute();
      for (const doc of docs) {
        const mine = facets.filter((f) => f.item_id === doc.itemId);
        const of = (facet: string) => mine.filter((f) => f.facet === facet).map((f) => f.value);
        await index.put(trx, {
          ...doc,
          audiences: of("audience"),
          topics: of("topic"),
          countries: of("country"),
        });
      }
    });
  }
}

export const FILTER_CHOICES = { TYPES, LEVELS, AUDIENCES, TOPICS, COUNTRIES };
