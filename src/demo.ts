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
import { createDraft, submitForReview } from "./modules/library/library-editorial.service.ts";
import { loadSeedContent as loadLibrarySeed } from "./modules/library/library-seed.ts";
import { loadDemoAds } from "./modules/linking/demo-ads.ts";
import { recordIntake } from "./modules/reports/report-intake.service.ts";
import { replyToReporter } from "./modules/reports/report-triage.service.ts";
import { addNote, assignReport, changeStatus } from "./modules/reports/report-workflow.service.ts";
import { type ReportSubmissionInput, ReportSubmissionSchema } from "./modules/reports/reports.schema.ts";
import { addReporterMessage, reportForReceipt, submitReport } from "./modules/reports/reports.service.ts";
import type { Platform } from "./platform/platform.ts";

export const DEMO_EMAIL = "coordinator@demo.lantern.invalid";
export const DEMO_EDITOR_EMAIL = "editor@demo.lantern.invalid";

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  /** A sample report's receipt code, to try the follow-up page. */
  readonly receiptCode: string;
  /** A library editor (same password), to review the coordinator's sample submission. */
  readonly editorEmail?: string;
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
  await markDemoDeployment(p);
  const login: DemoLogin = { email: DEMO_EMAIL, password, receiptCode, editorEmail: DEMO_EDITOR_EMAIL };
  fs.mkdirSync(p.config.dataDir, { recursive: true });
  fs.writeFileSync(saved, JSON.stringify(login, null, 2), { mode: 0o600 });
  return login;
}
