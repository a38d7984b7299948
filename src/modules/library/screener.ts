import { z } from "zod";
import { QUESTIONS, type Question, type QuestionId } from "./screener.data.ts";

/** Each question's chosen option ids, only for questions that are asked on this path. */
export type Answers = Readonly<Partial<Record<QuestionId, readonly string[]>>>;

/**
 * What the answers suggest, from most to least concerning. The screener never decides: each outcome
 * says what the facts given point to, and the result page says so.
 *
 * - `likely_trafficking`: all elements are present: an act, a purpose of exploitation, and a means
 *   (or the person is a child, when no means is needed).
 * - `smuggling_then_trafficking`: the person paid to be helped across a border (smuggling), and then
 *   was held, controlled or exploited: it became trafficking.
 * - `possible_trafficking`: some elements are present and none is ruled out, but something is unclear
 *   (the person's age, whether there was a means, whether anyone did an act).
 * - `not_enough`: too much is unclear, and nothing points to exploitation yet.
 * - `smuggling`: a paid border crossing the person chose, which ended on arrival, with no sign of
 *   exploitation: a crime against the state, not trafficking (the person is not a victim of trafficking).
 * - `labour_abuse`: an adult's work has problems (unpaid wages, long hours, danger, fees) but nobody
 *   forces, deceives or controls them: a labour rights matter, not trafficking on these facts.
 * - `not_indicated`: a necessary element is clearly missing (for example an adult who chose her work
 *   and is not forced, deceived or controlled): not trafficking on these facts.
 */
export const OUTCOMES = [
  "likely_trafficking",
  "smuggling_then_trafficking",
  "possible_trafficking",
  "not_enough",
  "smuggling",
  "labour_abuse",
  "not_indicated",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** How concerning an outcome is: a higher rank never becomes a lower one when a means is added. */
export const OUTCOME_RANK: Readonly<Record<Outcome, number>> = {
  likely_trafficking: 4,
  smuggling_then_trafficking: 4,
  possible_trafficking: 3,
  not_enough: 2,
  smuggling: 1,
  labour_abuse: 1,
  not_indicated: 0,
};

export type ElementState = "present" | "absent" | "unclear";

export interface Elements {
  readonly act: ElementState;
  /** `not_needed` for a child. */
  readonly means: ElementState | "not_needed";
  readonly purpose: ElementState;
  readonly child: "yes" | "no" | "unclear";
}

/** A reason shown on the result page: `screener.reason.<id>`, with the options it rests on. */
export interface Reason {
  readonly id:
    | "child"
    | "age_unclear"
    | "act_present"
    | "act_absent"
    | "act_unclear"
    | "means_present"
    | "means_absent"
    | "means_unclear"
    | "purpose_present"
    | "purpose_absent"
    | "purpose_unclear"
    | "work_only"
    | "consent_irrelevant"
    | "smuggling_ended"
    | "smuggling_arrival_unclear"
    | "smuggling_held";
  /** The answers behind it, as `<question>.<option>` (message keys under `screener.q.`). */
  readonly items?: readonly string[];
}

export const NEXT_STEPS = [
  "emergency",
  "report",
  "hotline",
  "child_protection",
  "labour_rights",
  "migrant_support",
  "do_not_confront",
  "learn",
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export interface Assessment {
  readonly outcome: Outcome;
  readonly elements: Elements;
  readonly reasons: readonly Reason[];
  readonly next: readonly NextStep[];
}

const BY_ID: ReadonlyMap<string, Question> = new Map(QUESTIONS.map((q) => [q.id, q]));
const RawAnswers = z.record(z.string(), z.unknown());

function chosen(question: Question, raw: unknown): string[] {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === "string");
  // A browser sends one value for a single choice; of several (a forged link), the first one counts.
  if (question.kind === "single") return values.filter((v) => question.options.includes(v)).slice(0, 1);
  const valid = question.options.filter((o) => values.includes(o));
  const real = valid.filter((o) => !question.neutral.includes(o));
  if (real.length > 0) return real;
  // "Not sure" and "none of these" together: the more careful of the two.
  return valid.includes("unsure") ? ["unsure"] : valid.slice(0, 1);
}

/** Whether a question is asked, given the answers to earlier questions. */
export function isAsked(question: Question, answers: Answers): boolean {
  return question.showIf.every((c) => {
    const given = answers[c.question as QuestionId];
    if (c.anyOf && !(given ?? []).some((o) => c.anyOf?.includes(o))) return false;
    if (c.noneOf && (given ?? []).some((o) => c.noneOf?.includes(o))) return false;
    return true;
  });
}

/**
 * Reads answers from anything (a query string, a test): unknown questions and options are ignored,
 * and so are answers to questions this path does not ask. Never throws.
 */
export function parseAnswers(input: unknown): Answers {
  const parsed = RawAnswers.safeParse(input);
  const raw = parsed.success ? parsed.data : {};
  const answers: Partial<Record<QuestionId, readonly string[]>> = {};
  for (const question of QUESTIONS) {
    if (!Object.hasOwn(raw, question.id) || !isAsked(question, answers)) continue;
    const picked = chosen(question, raw[question.id]);
    if (picked.length > 0) answers[question.id as QuestionId] = picked;
  }
  return answers;
}

/** The questions asked on this path, in order (questions not yet reachable count as asked). */
export function askedQuestions(answers: Answers): readonly Question[] {
  return QUESTIONS.filter((q) => isAsked(q, answers));
}

const has = (answers: Answers, id: QuestionId, ...options: string[]) =>
  (answers[id] ?? []).some((o) => options.includes(o));
const real = (answers: Answers, id: QuestionId) => {
  const neutral = BY_ID.get(id)?.neutral ?? [];
  return (answers[id] ?? []).filter((o) => !neutral.includes(o));
};
const items = (id: QuestionId, options: readonly string[]) => options.map((o) => `${id}.${o}`);

/** Judges the Palermo elements, and what tells trafficking from smuggling and from labour abuse. */
export function assess(input: unknown): Assessment {
  const answers = parseAnswers(input);
  const reasons: Reason[] = [];

  const child = has(answers, "age", "child") ? "yes" : has(answers, "age", "adult") ? "no" : "unclear";
  const paidCrossing = has(answers, "crossing", "paid_helper");
  const heldOnArrival = paidCrossing && has(answers, "arrival", "held");

  // MEANS: what was chosen, plus a forced crossing (abduction) or being held after a paid one.
  const meansFound = [
    ...real(answers, "means"),
    ...(has(answers, "crossing", "forced") ? ["crossing.forced"] : []),
    ...(heldOnArrival ? ["arrival.held"] : []),
  ];
  const meansAnswer: ElementState =
    meansFound.length > 0 ? "present" : has(answers, "means", "none") ? "absent" : "unclear";
  const means: Elements["means"] = child === "yes" ? "not_needed" : meansAnswer;
  const coerced = child === "yes" || meansAnswer === "present";

  // ACT: recruiting, moving, handing over, harbouring or receiving; a crossing someone else arranged or
  // forced is moving, and holding a person after a crossing is harbouring.
  const actFound = [
    ...real(answers, "act"),
    ...(has(answers, "crossing", "arranged", "forced") ? [`crossing.${answers.crossing?.[0]}`] : []),
    ...(heldOnArrival ? ["arrival.held"] : []),
  ];
  const act: ElementState =
    actFound.length > 0 ? "present" : has(answers, "act", "none") ? "absent" : "unclear";

  // PURPOSE: sex, marriage, begging, crime and organs are exploitation in themselves; work is when it is
  // forced (a means) or, for a child, exploitative (the work problems). Held to pay off a crossing is work.
  const purposes = real(answers, "purpose");
  const workProblems = real(answers, "work");
  const workPurposes = purposes.filter((o) => o === "labour" || o === "domestic");
  const otherPurposes = purposes.filter((o) => o !== "labour" && o !== "domestic");
  let workState: ElementState = "absent";
  if (workPurposes.length > 0 || heldOnArrival) {
    if (heldOnArrival || meansAnswer === "present" || (child === "yes" && workProblems.length > 0)) {
      workState = "present";
    } else if (
      (child !== "yes" && meansAnswer === "unclear") ||
      (child !== "no" && has(answers, "work", "unsure")) ||
      (child === "unclear" && workProblems.length > 0)
    ) {
      workState = "unclear";
    }
  }
  const purposeFound = [...otherPurposes, ...(workState === "present" ? workPurposes : [])];
  let purpose: ElementState;
  if (purposeFound.length > 0 || workState === "present") purpose = "present";
  else if (workState === "unclear" || has(answers, "purpose", "unsure") || !answers.purpose)
    purpose = "unclear";
  else purpose = "absent";

  // The reasons, in the order the elements are explained.
  if (child === "yes") reasons.push({ id: "child" });
  if (child === "unclear") reasons.push({ id: "age_unclear" });
  reasons.push({ id: `act_${act}`, items: act === "present" ? itemsOf("act", actFound) : undefined });
  if (means !== "not_needed") {
    reasons.push({
      id: `means_${means}`,
      items: means === "present" ? itemsOf("means", meansFound) : undefined,
    });
  }
  reasons.push({
    id: `purpose_${purpose}`,
    items:
      purpose === "present"
        ? [
            ...items("purpose", purposeFound),
            ...(heldOnArrival && workPurposes.length === 0 ? ["arrival.held"] : []),
          ]
        : undefined,
  });
  if (workProblems.length > 0 && !coerced)
    reasons.push({ id: "work_only", items: items("work", workProblems) });
  if (has(answers, "consent", "yes") && coerced) reasons.push({ id: "consent_irrelevant" });
  if (heldOnArrival) reasons.push({ id: "smuggling_held" });
  else if (paidCrossing && has(answers, "arrival", "ended")) reasons.push({ id: "smuggling_ended" });
  else if (paidCrossing) reasons.push({ id: "smuggling_arrival_unclear" });

  const outcome = decide({ act, means, purpose, child }, { paidCrossing, workProblems: workProblems.length });
  return { outcome, elements: { act, means, purpose, child }, reasons, next: nextSteps(outcome, child) };
}

function itemsOf(id: QuestionId, found: readonly string[]): string[] {
  return found.map((o) => (o.includes(".") ? o : `${id}.${o}`));
}

function decide(e: Elements, facts: { paidCrossing: boolean; workProblems: number }): Outcome {
  const isChild: boolean = e.child === "yes";
  const meansOk = isChild || e.means === "present";
  if (e.act === "present" && e.purpose === "present" && meansOk) {
    return facts.paidCrossing ? "smuggling_then_trafficking" : "likely_trafficking";
  }
  const required: ElementState[] = [
    e.act,
    e.purpose,
    ...(e.child === "yes" ? [] : [e.means as ElementState]),
  ];
  const anyPresent = required.includes("present") || e.child === "yes";
  // Exploitation by a means, with no act seen: forced labour or sexual exploitation all the same.
  const exploitedNoAct = e.purpose === "present" && meansOk;
  // Act and purpose, no means, but the person may be a child (for whom no means is needed).
  const maybeChild = e.child === "unclear" && e.act === "present" && e.purpose === "present";
  if (exploitedNoAct || maybeChild || (anyPresent && !required.includes("absent"))) {
    return "possible_trafficking";
  }
  if (facts.paidCrossing) return "smuggling";
  if (required.includes("absent")) {
    return facts.workProblems > 0 && !isChild ? "labour_abuse" : "not_indicated";
  }
  return "not_enough";
}

function nextSteps(outcome: Outcome, child: Elements["child"]): NextStep[] {
  const concern = OUTCOME_RANK[outcome] >= OUTCOME_RANK.possible_trafficking;
  const steps: NextStep[] = ["emergency"];
  if (concern || outcome === "not_enough") steps.push("report", "hotline");
  if (child !== "no" && concern) steps.push("child_protection");
  if (outcome === "labour_abuse") steps.push("labour_rights", "hotline");
  if (outcome === "smuggling" || outcome === "smuggling_then_trafficking") steps.push("migrant_support");
  if (concern) steps.push("do_not_confront");
  if (outcome === "not_indicated") steps.push("hotline");
  steps.push("learn");
  return [...new Set(steps)];
}
