import { z } from "zod";

/**
 * The "is it trafficking?" screener's questions, as data. They follow the three elements of the
 * Palermo Protocol's definition (art. 3(a)): an ACT (recruitment, transport, transfer, harbouring or
 * receipt of a person), by a MEANS (threat, force, other coercion, abduction, fraud, deception, abuse of
 * power or of a position of vulnerability, giving payments to a person in control), for the PURPOSE of
 * exploitation. For a child (under 18) no means is needed (art. 3(c), 3(d)), so the means question is
 * skipped. Extra questions tell trafficking from smuggling of migrants (a consensual, paid crossing
 * that ends on arrival) and from other labour abuse (bad pay or conditions without coercion).
 *
 * Every question's text is the message `screener.q.<id>`, every option's `screener.q.<id>.<option>`.
 */

const Condition = z.object({
  /** An earlier question. */
  question: z.string(),
  /** Shown when that question's answer includes one of these options... */
  anyOf: z.array(z.string()).optional(),
  /** ...or hidden when it includes one of these (an unanswered question hides nothing). */
  noneOf: z.array(z.string()).optional(),
});

export const QuestionSchema = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  kind: z.enum(["single", "multiple"]),
  options: z.array(z.string().regex(/^[a-z_]+$/)).min(2),
  /**
   * Options that mean "none of these" or "I do not know": on a multiple-choice question they cannot be
   * combined with a real answer (a real answer wins).
   */
  neutral: z.array(z.string()).default([]),
  /** Every condition must hold for the question to be asked. */
  showIf: z.array(Condition).default([]),
});
export type Question = z.infer<typeof QuestionSchema>;

const RAW_QUESTIONS: readonly z.input<typeof QuestionSchema>[] = [
  { id: "age", kind: "single", options: ["child", "adult", "unsure"] },
  {
    id: "purpose",
    kind: "multiple",
    options: ["sex", "labour", "domestic", "marriage", "begging", "crime", "organs", "none", "unsure"],
    neutral: ["none", "unsure"],
  },
  {
    // Only where the purpose is work: what tells exploitation from a bad job.
    id: "work",
    kind: "multiple",
    options: ["unpaid", "hours", "unsafe", "fees", "none", "unsure"],
    neutral: ["none", "unsure"],
    showIf: [{ question: "purpose", anyOf: ["labour", "domestic", "none", "unsure"] }],
  },
  {
    id: "act",
    kind: "multiple",
    options: ["recruited", "moved", "handed_over", "harboured", "received", "none", "unsure"],
    neutral: ["none", "unsure"],
  },
  { id: "border", kind: "single", options: ["yes", "no", "unsure"] },
  {
    id: "crossing",
    kind: "single",
    options: ["paid_helper", "arranged", "forced", "own", "unsure"],
    showIf: [{ question: "border", anyOf: ["yes"] }],
  },
  {
    id: "arrival",
    kind: "single",
    options: ["ended", "held", "unsure"],
    showIf: [{ question: "crossing", anyOf: ["paid_helper"] }],
  },
  {
    // For a child no means is needed: the question is not asked.
    id: "means",
    kind: "multiple",
    options: [
      "threat",
      "force",
      "abduction",
      "deception",
      "debt",
      "documents",
      "confined",
      "vulnerability",
      "power",
      "payment",
      "none",
      "unsure",
    ],
    neutral: ["none", "unsure"],
    showIf: [{ question: "age", noneOf: ["child"] }],
  },
  { id: "consent", kind: "single", options: ["yes", "no", "unsure"] },
];

/** The questions in the order they are asked; a question is asked only when its `showIf` holds. */
export const QUESTIONS: readonly Question[] = z.array(QuestionSchema).parse(RAW_QUESTIONS);

export type QuestionId =
  | "age"
  | "purpose"
  | "work"
  | "act"
  | "border"
  | "crossing"
  | "arrival"
  | "means"
  | "consent";

export const QUESTION_IDS: readonly string[] = QUESTIONS.map((q) => q.id);
