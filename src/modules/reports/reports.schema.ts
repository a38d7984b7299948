import { z } from "zod";
import { LOCALES } from "../../platform/i18n/i18n.ts";
import { CATEGORY_IDS, CONTACT_IDS, PEOPLE_IDS, SIGN_IDS, WHEN_IDS, YES_NO_UNKNOWN } from "./categories.ts";

// Control characters other than tab and newlines have no place in a report; NUL breaks PostgreSQL text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// A lone UTF-16 surrogate (from a JSON "\ud800" escape) is not text and cannot be stored as UTF-8.
const LONE_SURROGATE = /\p{Cs}/u;

/** Free text: normalised to NFC, trimmed, bounded, and free of control characters. */
const text = (max: number) =>
  z
    .string()
    .max(max * 2)
    .transform((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .max(max, { message: "too_long" })
        .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), { message: "control_characters" }),
    );

const optionalText = (max: number) => text(max).optional().default("");

export const CountryCode = z.string().regex(/^[A-Z]{2}$/, { message: "invalid_country" });

/** Every answer a report can carry, field by field (the web form validates a step with a subset of it). */
export const ReportFieldsSchema = z
  .object({
    categories: z.array(z.enum(CATEGORY_IDS)).min(1).max(CATEGORY_IDS.length),
    country: CountryCode,
    area: optionalText(200),
    place: optionalText(1000),
    online: optionalText(2000),
    when: z.enum(WHEN_IDS),
    whenDetail: optionalText(200),
    peopleCount: z.enum(PEOPLE_IDS),
    children: z.enum(YES_NO_UNKNOWN),
    danger: z.enum(YES_NO_UNKNOWN),
    signs: z.array(z.enum(SIGN_IDS)).max(SIGN_IDS.length).default([]),
    narrative: text(5000).pipe(z.string().min(1, { message: "required" })),
    contactPreference: z.enum(CONTACT_IDS).default("anonymous"),
    contact: optionalText(500),
    language: z.enum(LOCALES).default("en"),
  })
  .strict();

/** The contract for the web form's final step and for `POST /api/v1/reports`. */
export const ReportSubmissionSchema = ReportFieldsSchema.superRefine((r, ctx) => {
  if (r.contactPreference === "contact" && r.contact === "") {
    ctx.addIssue({ code: "custom", path: ["contact"], message: "required" });
  }
  if (new Set(r.categories).size !== r.categories.length) {
    ctx.addIssue({ code: "custom", path: ["categories"], message: "duplicate" });
  }
});
export type ReportSubmission = z.infer<typeof ReportSubmissionSchema>;
export type ReportSubmissionInput = z.input<typeof ReportSubmissionSchema>;

export const ReceiptSchema = z.object({
  receiptCode: z.string().min(1).max(64),
});

export const FollowUpMessageSchema = z
  .object({
    receiptCode: z.string().min(1).max(64),
    message: text(5000).pipe(z.string().min(1, { message: "required" })),
  })
  .strict();

export const SubmittedSchema = z.object({
  receiptCode: z.string().describe("16 digits, shown once: the only way back to this report"),
  receiptCodeFormatted: z.string(),
  submittedAt: z.string(),
  emergencyNumber: z.string().optional(),
});

export const MessageSchema = z.object({
  from: z.enum(["you", "organisation"]),
  organisation: z.string().optional(),
  body: z.string(),
  sentAt: z.string(),
});

export const FollowUpSchema = z.object({
  status: z.enum(["received", "in_review", "referred", "closed"]),
  submittedAt: z.string(),
  messages: z.array(MessageSchema),
});
export type FollowUpView = z.infer<typeof FollowUpSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
