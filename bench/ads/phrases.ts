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
  | "price"
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
  price: {
    en: [
      "150 roses/hr.",
      "$200 per hour.",
      "£120 half hour.",
      "Rates from 80.",
      "100 for 30 min, 180 for 1 hour.",
    ],
    es: ["150€ la hora.", "100 euros media hora.", "$1500 MXN la hora.", "Desde 80€."],
    fr: ["150€ l'heure.", "100 euros la demi-heure.", "À partir de 80 €.", "200$ la soirée."],
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
