import type { ExactParticipants } from "../../src/modules/circles/forum-merge.ts";
import type { CircleReport, ReportGroup, ReportResponse } from "../../src/modules/circles/report-model.ts";
import { type Locale, translator } from "../../src/platform/i18n/i18n.ts";
import { linkBuilder, type PageContext } from "../../src/platform/views/context.ts";

/** A response of the fixture; supports and themes default to 1 and none. */
function response(
  id: string,
  language: string,
  text: string,
  supports = 1,
  themes: readonly string[] = [],
): ReportResponse {
  return { id, language, text, supports, themes };
}

function group(kind: ReportGroup["kind"], label: string, responses: readonly ReportResponse[]): ReportGroup {
  return { kind, label, responses, supports: responses.reduce((sum, r) => sum + r.supports, 0) };
}

/**
 * A circle held in Spanish before the Commission, with answers in Spanish, Arabic and English: three
 * questions, accepted clusters, theme groups and an "ungrouped" remainder, small groups suppressed.
 */
export const CIRCLE_REPORT: CircleReport = {
  circleId: "circle-madrid-1",
  title: "Círculo de conversación: voces jóvenes contra la trata",
  topic: "prevention",
  startsAt: "2026-02-14T16:30:00.000Z",
  place: "Centro cívico La Latina, Madrid",
  moderator: { name: "Lucía Fernández", affiliation: "Red Acoge Mujeres" },
  language: "es",
  forumTitle: "Foro de ONG hacia la CSW71",
  questions: [
    {
      position: 1,
      text: "¿Qué problemas debemos abordar primero?",
      responseCount: 6,
      groups: [
        group("cluster", "Captación en redes sociales", [
          response(
            "r1",
            "es",
            "Las ofertas de trabajo falsas en Instagram y TikTok llegan a chicas de 15 años.",
            9,
            ["prevention", "online_exploitation"],
          ),
          response(
            "r2",
            "ar",
            "التجنيد عبر وسائل التواصل الاجتماعي يستهدف الفتيات الصغيرات بعروض عمل كاذبة.",
            6,
            ["prevention"],
          ),
          response(
            "r3",
            "en",
            "Fake *modelling* agencies recruit girls through [DMs](http://example.org).",
            4,
          ),
        ]),
        group("theme", "protection", [
          response(
            "r4",
            "es",
            "Las supervivientes esperan meses para tener un permiso de residencia y una vivienda segura.",
            7,
            ["protection", "survivor_support"],
          ),
          response("r5", "ar", "نحتاج إلى ملاجئ آمنة للنساء الناجيات في المدن الصغيرة.", 5, ["protection"]),
        ]),
        group("ungrouped", "", [
          response("r6", "es", "Falta formación del personal sanitario para reconocer las señales.", 2),
        ]),
      ],
    },
    {
      position: 2,
      text: "¿Cómo podemos trabajar juntas este año?",
      responseCount: 4,
      groups: [
        group("cluster", "Derivación entre organizaciones", [
          response(
            "r7",
            "es",
            "Un protocolo común de derivación entre las líneas de ayuda y las casas de acogida.",
            8,
            ["partnership"],
          ),
          response("r8", "ar", "تبادل المعلومات بين المنظمات مع احترام موافقة الناجيات.", 3, ["partnership"]),
        ]),
        group("theme", "prosecution", [
          response(
            "r9",
            "es",
            "Acompañar a las supervivientes en los juicios para que no las traten como culpables.",
            5,
            ["prosecution", "law_policy"],
          ),
        ]),
        group("ungrouped", "", [
          response("r10", "en", "Meet every two months, online for rural groups & in person in cities.", 1),
        ]),
      ],
    },
    {
      position: 3,
      text: "¿Cómo nos preparamos para la próxima sesión de la Comisión?",
      responseCount: 3,
      groups: [
        group("cluster", "Testimonios de supervivientes", [
          response(
            "r11",
            "es",
            "Invitar a lideresas supervivientes a hablar con su propia voz, si así lo eligen.",
            10,
            ["partnership", "survivor_support"],
          ),
          response("r12", "ar", "إعداد تقرير مشترك بلغات متعددة قبل الدورة القادمة.", 4, ["partnership"]),
        ]),
        group("theme", "prevention", [
          response("r13", "es", "Campañas en los institutos antes de verano.", 3, ["prevention"]),
        ]),
      ],
    },
  ],
  participants: {
    total: 23,
    ageGroups: [
      { value: "under_18", count: undefined },
      { value: "18_24", count: 9 },
      { value: "25_34", count: 7 },
      { value: "35_54", count: 5 },
    ],
    knowledge: [
      { value: "new", count: 8 },
      { value: "some", count: 10 },
      { value: "experienced", count: undefined },
    ],
    sectors: [
      { value: "grassroots", count: 6 },
      { value: "student", count: 8 },
      { value: "faith", count: undefined },
      { value: "survivor_leader", count: undefined },
    ],
  },
  commonThreads:
    "La captación empieza en las redes sociales y en las ofertas de empleo.\nLas supervivientes necesitan vivienda y papeles antes que nada.",
  followUp:
    "Redactar un protocolo de derivación compartido antes de abril.\nPreparar la declaración conjunta.",
  generatedAt: "2026-02-15T09:00:00.000Z",
};

/** The exact counts behind `CIRCLE_REPORT.participants` (what the service knows, never shown as such). */
export const CIRCLE_EXACT: ExactParticipants = {
  total: 23,
  ageGroups: { under_18: 2, "18_24": 9, "25_34": 7, "35_54": 5 },
  knowledge: { new: 8, some: 10, experienced: 3 },
  sectors: { grassroots: 6, student: 8, faith: 3, survivor_leader: 2 },
};

/** A second circle of the same forum, in English, sharing a cluster name (spelt differently) and themes. */
export const SECOND_CIRCLE_REPORT: CircleReport = {
  ...CIRCLE_REPORT,
  circleId: "circle-madrid-2",
  title: "Circle of faith groups",
  startsAt: "2026-02-14T10:00:00.000Z",
  moderator: { name: "Amina Haddad", affiliation: "Interfaith Shelter Network" },
  language: "en",
  questions: [
    {
      position: 1,
      text: "What needs to be addressed first?",
      responseCount: 2,
      groups: [
        group("cluster", "captacion en redes  sociales", [
          response("s1", "en", "Recruiters use social media to reach girls in rural villages.", 3, [
            "prevention",
          ]),
        ]),
        group("theme", "protection", [
          response("s2", "en", "Shelters close at night and turn survivors away.", 2, ["protection"]),
        ]),
      ],
    },
  ],
  participants: {
    total: 8,
    ageGroups: [
      { value: "35_54", count: 5 },
      { value: "55_plus", count: undefined },
    ],
    knowledge: [
      { value: "experienced", count: undefined },
      { value: "expert", count: undefined },
    ],
    sectors: [{ value: "faith", count: 8 }],
  },
  commonThreads: "Faith groups can open their halls as safe meeting places.",
  followUp: "",
  generatedAt: "2026-02-15T09:00:00.000Z",
};

export const SECOND_CIRCLE_EXACT: ExactParticipants = {
  total: 8,
  ageGroups: { "35_54": 5, "55_plus": 3 },
  knowledge: { experienced: 4, expert: 4 },
  sectors: { faith: 8 },
};

/** A page context for rendering report pages outside a request (a visitor reading in `locale`). */
export function reportPageContext(locale: Locale, staff?: PageContext["staff"]): PageContext {
  const i18n = translator(locale);
  return {
    i18n,
    t: i18n.t,
    chosenLocale: undefined,
    path: "/circles/report",
    quickExitUrl: "https://weather.example.org/",
    demo: false,
    assetVersion: "test",
    staff,
    href: linkBuilder(undefined),
  };
}
