import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  addUser,
  createOrganisation,
  ensureDefaultOrganisation,
  isDemoDeployment,
  markDemoDeployment,
} from "./modules/accounts/accounts.service.ts";
import { createCircle, createForum, setStatus } from "./modules/circles/circles.service.ts";
import { circleForCode, join, participantOf, respond } from "./modules/circles/participation.service.ts";
import { createDraft, submitForReview } from "./modules/library/library-editorial.service.ts";
import { loadSeedContent as loadLibrarySeed } from "./modules/library/library-seed.ts";
import { loadDemoAds } from "./modules/linking/demo-ads.ts";
import { recordIntake } from "./modules/reports/report-intake.service.ts";
import { replyToReporter } from "./modules/reports/report-triage.service.ts";
import { addNote, assignReport, changeStatus } from "./modules/reports/report-workflow.service.ts";
import { type ReportSubmissionInput, ReportSubmissionSchema } from "./modules/reports/reports.schema.ts";
import { addReporterMessage, reportForReceipt, submitReport } from "./modules/reports/reports.service.ts";
import type { Platform, StaffScope } from "./platform/platform.ts";

export const DEMO_EMAIL = "coordinator@demo.lantern.invalid";
export const DEMO_EDITOR_EMAIL = "editor@demo.lantern.invalid";

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  /** A sample report's receipt code, to try the follow-up page. */
  readonly receiptCode: string;
  /** A library editor (same password), to review the coordinator's sample submission. */
  readonly editorEmail?: string;
  /** The join code of an open sample conversation circle. */
  readonly circleCode?: string;
}

const SAMPLE_CIRCLE_RESPONSES: readonly (readonly [number, string, string])[] = [
  [1, "More safe shelters for survivors outside the capital.", "en"],
  [1, "Más refugios seguros para sobrevivientes fuera de la capital.", "es"],
  [1, "Teach young people about fake job offers on social media.", "en"],
  [1, "Formation de la police pour accueillir les victimes sans les juger.", "fr"],
  [2, "A monthly meeting of the coalition, online for rural groups.", "en"],
  [2, "Compartir datos entre organizaciones sin exponer a nadie.", "es"],
  [3, "Gather survivors' recommendations before the Commission session.", "en"],
];

/** An open sample circle with a few answers, so the facilitator's console and the report have content. */
async function loadDemoCircle(p: Platform, scope: StaffScope): Promise<string> {
  const forumId = await createForum(p, scope, { title: "Sample CSW preparation forum", language: "en" });
  const id = await createCircle(p, scope, {
    title: "Sample conversation circle",
    topic: "Trafficking in women and girls: what we do this year",
    date: new Date().toISOString().slice(0, 10),
    time: "14:00",
    place: "Community hall (sample)",
    online: false,
    moderatorName: "Demo Moderator",
    moderatorAffiliation: "Demo Anti-Trafficking Hotline (sample)",
    languages: ["en", "es", "fr"],
    questions: [
      "What are the issues about trafficking in women and girls that most need to be addressed?",
      "How can we work together on them in the coming year?",
      "How do we prepare for the next session of the Commission on the Status of Women?",
    ],
    forumId,
    reportVisibility: "members",
  });
  await setStatus(p, scope, id, "open");
  const row = await p.db
    .selectFrom("circles")
    .select("join_code")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const circle = await circleForCode(p, row.join_code);
  const groups = ["18_24", "25_34", "35_54", "55_plus"] as const;
  for (const [i, [question, text, language]] of SAMPLE_CIRCLE_RESPONSES.entries()) {
    const who = await participantOf(
      p,
      circle,
      await join(p, circle, { ageGroup: groups[i % groups.length] }),
    );
    if (who) await respond(p, circle, who.id, question, { text, language });
  }
  return row.join_code;
}

const SAMPLE_REPORTS: readonly ReportSubmissionInput[] = [
  {
    categories: ["forced_labour", "domestic_servitude"],
    country: "ES",
    area: "Valencia (sample)",
    when: "this_week",
    peopleCount: "one",
    children: "no",
    danger: "unknown",
    signs: ["documents_held", "cannot_leave", "long_hours"],
    narrative:
      "SAMPLE DATA. A young woman works in the house next door every day from early morning to late at night. She told me her employer keeps her passport and she has not been paid since she arrived.",
    language: "en",
  },
  {
    categories: ["online_exploitation", "sexual_exploitation"],
    country: "MX",
    area: "Ciudad de México (ejemplo)",
    online: "https://ads.example.invalid/listing/123\n+52 55 0000 0000",
    when: "today",
    peopleCount: "two_to_five",
    children: "yes",
    danger: "yes",
    signs: ["child_commercial_sex", "escorted"],
    narrative:
      "DATOS DE EJEMPLO. Un anuncio en línea ofrece a dos chicas que parecen menores de edad. El mismo número aparece en otros anuncios.",
    language: "es",
  },
  {
    categories: ["not_sure"],
    country: "FR",
    area: "Lyon (exemple)",
    when: "earlier",
    peopleCount: "unknown",
    children: "unknown",
    danger: "no",
    signs: [],
    narrative:
      "DONNÉES D’EXEMPLE. Des ouvriers d’un chantier dorment dans une camionnette et semblent avoir peur de leur chef.",
    contactPreference: "contact",
    contact: "sample contact: reply through this site only",
    language: "fr",
  },
];

/**
 * Loads clearly marked sample data once: two demo organisations, a demo coordinator, and a few sample
 * reports with a reply. Returns the login to print, or the one saved at first load.
 */
export async function loadDemo(p: Platform): Promise<DemoLogin> {
  const saved = path.join(p.config.dataDir, "demo-login.json");
  // The library's shipped articles, kits and glossary: idempotent, so a newer release's texts arrive too.
  await loadLibrarySeed(p);
  if (await isDemoDeployment(p)) {
    if (fs.existsSync(saved)) return JSON.parse(fs.readFileSync(saved, "utf8")) as DemoLogin;
    return { email: DEMO_EMAIL, password: "(set when the demo was first loaded)", receiptCode: "" };
  }
  await createOrganisation(p, {
    slug: "demo-hotline",
    name: "Demo Anti-Trafficking Hotline (sample)",
    countries: ["ES", "MX", "FR", "MA", "AR", "CO", "SA", "EG"],
    isDefault: true,
    isDemo: true,
    hotlinePhone: "+00 000 000 000",
    hotlineHours: "24/7 (sample)",
  });
  await createOrganisation(p, {
    slug: "demo-shelter",
    name: "Demo Shelter Network (sample)",
    countries: ["ES", "FR"],
    isDemo: true,
  });
  await ensureDefaultOrganisation(p);
  const password = crypto.randomBytes(12).toString("base64url");
  const userId = await addUser(p, {
    organisationSlug: "demo-hotline",
    email: DEMO_EMAIL,
    name: "Demo Coordinator",
    password,
    role: "coordinator",
  });
  const org = await p.db
    .selectFrom("organisations")
    .select("id")
    .where("slug", "=", "demo-hotline")
    .executeTakeFirstOrThrow();
  let receiptCode = "";
  const scope = { userId, organisationId: org.id, role: "coordinator" };
  for (const [i, sample] of SAMPLE_REPORTS.entries()) {
    const report = ReportSubmissionSchema.parse(sample);
    const submitted = await submitReport(p, report, { channel: "demo", isDemo: true });
    if (i === 0) {
      receiptCode = submitted.receiptCode;
      // A report already in hand: taken by the coordinator, a note for colleagues, a reply to the reporter.
      await assignReport(p, scope, submitted.reportId, "me");
      await addNote(
        p,
        scope,
        submitted.reportId,
        "Sample internal note: the shelter network has a Spanish-speaking counsellor free on Sundays.",
      );
      await replyToReporter(
        p,
        scope,
        submitted.reportId,
        "Thank you for telling us (sample reply). We are looking into this. Is she able to talk to anyone alone, for example at a market?",
      );
      await addReporterMessage(
        p,
        await reportForReceipt(p, receiptCode),
        "Sample follow-up: yes, she goes to the bakery alone on Sunday mornings.",
      );
    }
  }
  // A report taken on the hotline's phone, already referred to the partner shelter.
  const phoned = await recordIntake(
    p,
    scope,
    ReportSubmissionSchema.parse({
      categories: ["forced_marriage"],
      country: "MA",
      area: "Tanger (exemple)",
      when: "this_month",
      peopleCount: "one",
      children: "yes",
      danger: "no",
      signs: ["fear", "cannot_leave"],
      narrative:
        "SAMPLE DATA, taken by phone. A teacher called about a 15-year-old pupil who says her family has promised her to a man abroad and that she will leave school next month.",
      language: "fr",
    }),
    "phone",
  );
  await changeStatus(p, scope, phoned.reportId, { status: "in_review" });
  await changeStatus(p, scope, phoned.reportId, { status: "referred" });
  await loadDemoAds(p);
  await addUser(p, {
    organisationSlug: "demo-shelter",
    email: DEMO_EDITOR_EMAIL,
    name: "Demo Library Editor",
    password,
    role: "editor",
  });
  // A best practice the coordinator proposed, waiting in the editors' review queue.
  const practice = await createDraft(p, scope, {
    type: "best_practice",
    language: "en",
    title: "Market-day information stalls (sample)",
    summary: "Volunteers keep a stall on market days to talk with families about job offers abroad.",
    body: "A sample submission, to try the library's review and approval.",
    level: "practitioner",
    audiences: ["rural_communities", "ngo_staff"],
    topics: ["prevention", "labour_trafficking"],
    countries: ["MX"],
    details: {
      problem: "Families heard about jobs abroad only from the recruiters offering them.",
      actions: "A stall with a job-offer checklist and a trained volunteer on every market day for a year.",
      where: "Three market towns (sample).",
      evidence: "Calls to the local helpline about job offers rose over the year (sample figures).",
      contact: "https://example.org/sample-contact",
    },
  });
  await submitForReview(p, scope, practice, "Sample: please review.");
  const circleCode = await loadDemoCircle(p, scope);
  await markDemoDeployment(p);
  const login: DemoLogin = {
    email: DEMO_EMAIL,
    password,
    receiptCode,
    editorEmail: DEMO_EDITOR_EMAIL,
    circleCode,
  };
  fs.mkdirSync(p.config.dataDir, { recursive: true });
  fs.writeFileSync(saved, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}
