/**
 * The words around identifiers, in English, Spanish and French: plain, brief, non-explicit, with the
 * distractors an extractor must not mistake for phones (prices, ages, dates, times, "24/7").
 */
import type { Lang } from "./obfuscate.ts";
import type { Rng } from "./prng.ts";

type Key =
  | "phoneLead"
  | "emailLead"
  | "walletLead"
  | "ibanLead"
  | "hotelLead"
  | "helplineLead"
  | "intro"
  | "moving"
  | "hours"
  | "about"
  | "date"
  | "title";

const PHRASES: Record<Key, Record<Lang, readonly string[]>> = {
  phoneLead: {
    en: ["Call or text ", "Text me at ", "WhatsApp ", "Call ", "Contact: ", "Tel: ", "📞 ", "Phone "],
    es: ["Llámame al ", "WhatsApp ", "Tel: ", "Escríbeme al ", "Contacto: ", "📞 ", "Whats "],
    fr: ["Appelle-moi au ", "Tél : ", "WhatsApp ", "Contact : ", "Écris-moi au ", "📞 ", "Tel "],
  },
  emailLead: {
    en: ["Email: ", "Mail me: ", "Write to "],
    es: ["Correo: ", "Email: ", "Escríbeme a "],
    fr: ["Mail : ", "Écris-moi à ", "Email : "],
  },
  walletLead: {
    en: ["Deposit by crypto only: ", "Crypto: ", "Wallet "],
    es: ["Depósito en cripto: ", "Billetera: ", "Cripto "],
    fr: ["Acompte en crypto : ", "Portefeuille : ", "Crypto "],
  },
  ibanLead: {
    en: ["Deposit to IBAN ", "Bank transfer: ", "IBAN: "],
    es: ["Transferencia a ", "IBAN: ", "Depósito previo, IBAN "],
    fr: ["Virement sur ", "IBAN : ", "Acompte par virement "],
  },
  hotelLead: {
    en: ["Staying at {hotel}, reception ", "{hotel}, ask at the desk: "],
    es: ["En el {hotel}, recepción ", "{hotel}, pregunta en recepción: "],
    fr: ["À l'{hotel}, réception ", "{hotel}, demande à l'accueil : "],
  },
  helplineLead: {
    en: ["If you are in danger, the helpline is ", "Help and advice, free: "],
    es: ["Si estás en peligro, línea de ayuda ", "Ayuda gratuita: "],
    fr: ["En danger ? Ligne d'aide ", "Aide gratuite : "],
  },
  intro: {
    en: [
      "Hi, I'm {name}, {age}.",
      "{name}, {age} years old.",
      "Hello, {name} here, age {age}.",
      "My name is {name} ({age}).",
    ],
    es: ["Hola, soy {name}, {age} años.", "{name}, {age} años.", "Me llamo {name}, tengo {age} años."],
    fr: [
      "Bonjour, moi c'est {name}, {age} ans.",
      "{name}, {age} ans.",
      "Je m'appelle {name}, j'ai {age} ans.",
    ],
  },
  moving: {
    en: [
      "New in {city}.",
      "Just arrived in {city}.",
      "Visiting {city} this week.",
      "In {city} for a few days.",
    ],
    es: ["Nueva en {city}.", "Recién llegada a {city}.", "De visita en {city}.", "Unos días en {city}."],
    fr: [
      "Nouvelle à {city}.",
      "Tout juste arrivée à {city}.",
      "De passage à {city}.",
      "Quelques jours à {city}.",
    ],
  },
  hours: {
    en: ["Available 24/7.", "Open 10am-10pm.", "From 10:00 to 23:00.", "Every day, 24h.", "Mon-Sat 9-21."],
    es: ["Disponible 24/7.", "De 10:00 a 23:00.", "Todos los días 24h.", "Lunes a sábado 9-21h."],
    fr: ["Disponible 24/7.", "De 10h à 22h30.", "Tous les jours 24h/24.", "Du lundi au samedi, 9h-21h."],
  },
  about: {
    en: [
      "Friendly and discreet, good conversation.",
      "Private apartment near the station.",
      "Ask about availability before you come.",
      "Hotel visits only.",
      "Serious contacts only, no withheld numbers.",
      "Real photos.",
      "I speak English and a little Spanish.",
      "Height 1.65 m, size 8.",
      "Ring flat 12B, second floor.",
      "Ref. 48213.",
      "Posted 14/03/2026 21:30.",
      "Replies within 5 minutes.",
    ],
    es: [
      "Simpática y discreta.",
      "Piso privado cerca de la estación.",
      "Pregunta disponibilidad antes de venir.",
      "Solo visitas a hoteles.",
      "Solo contactos serios, no números ocultos.",
      "Fotos reales.",
      "Hablo español e inglés.",
      "Mido 1,65 m, talla 36.",
      "Portal 12, 3º B.",
      "Ref. 48213.",
      "Publicado el 14/03/2026 a las 21:30.",
      "Respondo en 5 minutos.",
    ],
    fr: [
      "Sympathique et discrète.",
      "Appartement privé près de la gare.",
      "Demande mes disponibilités avant de venir.",
      "Déplacements à l'hôtel uniquement.",
      "Contacts sérieux uniquement, pas de numéros masqués.",
      "Photos réelles.",
      "Je parle français et un peu anglais.",
      "1m65, taille 36.",
      "Bâtiment B, 3e étage, code 1234.",
      "Réf. 48213.",
      "Publiée le 14/03/2026 à 21h30.",
      "Réponse en 5 minutes.",
    ],
  },
  date: {
    en: ["Until 14/03/2026.", "Only until March 14, 2026.", "Here 14-18 March.", "Back on 2026-04-02."],
    es: ["Hasta el 14/03/2026.", "Solo hasta el 14 de marzo.", "Del 14 al 18/03.", "Vuelvo el 2026-04-02."],
    fr: [
      "Jusqu'au 14/03/2026.",
      "Seulement jusqu'au 14 mars.",
      "Du 14 au 18/03.",
      "De retour le 02.04.2026.",
    ],
  },
  title: {
    en: [
      "{name} {age} - new in {city}",
      "{name}, {age}, {city}",
      "Sweet {name} in {city} 24/7",
      "{name} ({age}) visiting {city}",
    ],
    es: ["{name} {age} - nueva en {city}", "{name}, {age}, {city}", "{name} en {city} 24/7"],
    fr: ["{name} {age} - nouvelle à {city}", "{name}, {age} ans, {city}", "{name} à {city} 24/7"],
  },
};

export function phrase(key: Key, lang: Lang, rng: Rng): string {
  return rng.pick(PHRASES[key][lang]);
}

/** Fills `{name}`, `{age}`, `{city}` in a phrase. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ""));
}

export function filler(
  key: Key,
  lang: Lang,
  rng: Rng,
  values: Readonly<Record<string, string | number>>,
): string {
  return fill(phrase(key, lang, rng), values);
}

const PRICES: Readonly<Record<string, readonly string[]>> = {
  GB: [
    "£150 per hour.",
    "£120 half hour.",
    "Rates from £80.",
    "100 for 30 min, 180 for 1 hour.",
    "150 roses/hr.",
  ],
  US: ["$200 per hour.", "$150 half hour.", "Rates from $100.", "150 roses/hr.", "$300 for 2 hours."],
  CA: ["$200/hr.", "200$ l'heure.", "Rates from $120.", "150 roses/hr."],
  FR: ["150€ l'heure.", "100 euros la demi-heure.", "À partir de 80 €.", "300 € la soirée."],
  ES: ["150€ la hora.", "100 euros media hora.", "Desde 80€.", "300 € la noche."],
  MX: ["$1500 MXN la hora.", "1,000 pesos media hora.", "Desde $800.", "$2.500 la noche."],
};

/** A price line in the ad's country's currency. */
export function price(country: string, rng: Rng): string {
  return rng.pick(PRICES[country] ?? PRICES.GB ?? []);
}
