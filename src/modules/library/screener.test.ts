import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../../platform/i18n/i18n.ts";
import { QUESTIONS } from "./screener.data.ts";
import {
  type Answers,
  askedQuestions,
  assess,
  NEXT_STEPS,
  OUTCOME_RANK,
  OUTCOMES,
  type Outcome,
  parseAnswers,
} from "./screener.ts";

type Raw = Record<string, string | string[]>;
interface Scenario {
  readonly name: string;
  readonly answers: Raw;
  readonly outcome: Outcome;
  readonly elements?: Partial<ReturnType<typeof assess>["elements"]>;
  readonly reasons?: readonly string[];
}

/** Each scenario is a short story (in its name and comment) told through the screener's answers. */
const SCENARIOS: readonly Scenario[] = [
  // A woman answers an advert for waitressing abroad; on arrival she is made to sell sex to "repay" travel.
  {
    name: "adult, fake job abroad, then forced into prostitution to pay a debt",
    answers: {
      age: "adult",
      purpose: "sex",
      act: ["recruited", "moved", "received"],
      border: "yes",
      crossing: "arranged",
      means: ["deception", "debt"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
    elements: { act: "present", means: "present", purpose: "present", child: "no" },
    reasons: ["act_present", "means_present", "purpose_present", "consent_irrelevant"],
  },
  // A 15-year-old girl sells sex for a place to sleep; an older man arranges the buyers. Nobody threatens her.
  {
    name: "child in commercial sex without any means",
    answers: { age: "child", purpose: "sex", act: ["harboured", "received"], border: "no", consent: "yes" },
    outcome: "likely_trafficking",
    elements: { means: "not_needed", child: "yes" },
    reasons: ["child", "consent_irrelevant"],
  },
  // An adult woman chose to do sex work, keeps her earnings, can stop whenever she wants.
  {
    name: "adult who agreed to sex work without coercion: not trafficking on these facts",
    answers: { age: "adult", purpose: "sex", act: ["none"], border: "no", means: ["none"], consent: "yes" },
    outcome: "not_indicated",
    elements: { means: "absent" },
  },
  // Same woman, but her manager takes her passport and says she owes him for the flat.
  {
    name: "adult sex work, then passport taken and a debt invented",
    answers: {
      age: "adult",
      purpose: "sex",
      act: ["harboured"],
      border: "no",
      means: ["documents", "debt"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
    reasons: ["consent_irrelevant"],
  },
  // Men recruited for a farm; wages withheld, passports kept "for safety", they are told police will deport them.
  {
    name: "adult labour, confiscated passports and threats",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["unpaid", "hours"],
      act: ["recruited", "moved", "harboured"],
      border: "yes",
      crossing: "arranged",
      means: ["documents", "threat"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
    elements: { purpose: "present" },
  },
  // A builder's wages are months late and his hours are long, but he can leave and nobody threatens him.
  {
    name: "labour abuse without coercion",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["unpaid", "hours", "unsafe"],
      act: ["recruited"],
      border: "no",
      means: ["none"],
      consent: "yes",
    },
    outcome: "labour_abuse",
    elements: { purpose: "absent", means: "absent" },
    reasons: ["work_only"],
  },
  // A man paid a smuggler to cross a border; on arrival they parted ways and he found his own work.
  {
    name: "smuggling that ended on arrival",
    answers: {
      age: "adult",
      purpose: "none",
      work: ["none"],
      act: ["moved"],
      border: "yes",
      crossing: "paid_helper",
      arrival: "ended",
      means: ["none"],
      consent: "yes",
    },
    outcome: "smuggling",
    reasons: ["smuggling_ended"],
  },
  // A woman paid to be taken across; on arrival the smugglers locked her in and made her work off a new "debt".
  {
    name: "smuggling that turned into trafficking on arrival",
    answers: {
      age: "adult",
      purpose: "unsure",
      work: ["unsure"],
      act: ["moved"],
      border: "yes",
      crossing: "paid_helper",
      arrival: "held",
      means: ["unsure"],
      consent: "yes",
    },
    outcome: "smuggling_then_trafficking",
    elements: { act: "present", means: "present", purpose: "present" },
    reasons: ["smuggling_held"],
  },
  // Paid crossing, then forced into sex work by the same network with threats to her family at home.
  {
    name: "paid crossing then sexual exploitation under threat",
    answers: {
      age: "adult",
      purpose: "sex",
      act: ["moved", "handed_over"],
      border: "yes",
      crossing: "paid_helper",
      arrival: "unsure",
      means: ["threat"],
      consent: "yes",
    },
    outcome: "smuggling_then_trafficking",
    reasons: ["smuggling_arrival_unclear"],
  },
  // A 16-year-old is married off by her parents to an older man in exchange for a bride price.
  {
    name: "child forced marriage",
    answers: {
      age: "child",
      purpose: "marriage",
      act: ["handed_over", "received"],
      border: "no",
      consent: "no",
    },
    outcome: "likely_trafficking",
  },
  // A 24-year-old woman is taken abroad to marry a man she never met; her family was paid, she is beaten.
  {
    name: "adult forced marriage with payment and force",
    answers: {
      age: "adult",
      purpose: "marriage",
      act: ["moved", "handed_over"],
      border: "yes",
      crossing: "arranged",
      means: ["payment", "force"],
      consent: "no",
    },
    outcome: "likely_trafficking",
  },
  // A man in deep debt is brought to a clinic abroad and pressured into selling a kidney for little money.
  {
    name: "organ removal by abuse of vulnerability",
    answers: {
      age: "adult",
      purpose: "organs",
      act: ["recruited", "moved"],
      border: "yes",
      crossing: "arranged",
      means: ["vulnerability", "deception"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
  },
  // A sister gives a kidney to her brother, freely and with full information.
  {
    name: "a free, informed organ donation within a family",
    answers: {
      age: "adult",
      purpose: "organs",
      act: ["none"],
      border: "no",
      means: ["none"],
      consent: "yes",
    },
    outcome: "not_indicated",
  },
  // A young woman brought from a village to clean a family's house; never paid, locked in, not allowed out.
  {
    name: "domestic servitude",
    answers: {
      age: "adult",
      purpose: "domestic",
      work: ["unpaid", "hours"],
      act: ["recruited", "moved", "harboured"],
      border: "no",
      means: ["confined", "vulnerability"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
  },
  // A 13-year-old girl sent to live with a family in town to "go to school": she cooks and cleans all day.
  {
    name: "child domestic servitude without any means",
    answers: {
      age: "child",
      purpose: "domestic",
      work: ["unpaid", "hours"],
      act: ["moved", "harboured"],
      border: "no",
      consent: "unsure",
    },
    outcome: "likely_trafficking",
    elements: { purpose: "present", means: "not_needed" },
  },
  // A 17-year-old works weekends at his uncle's shop, is paid and goes to school.
  {
    name: "a child with an ordinary weekend job",
    answers: { age: "child", purpose: "labour", work: ["none"], act: ["none"], border: "no", consent: "yes" },
    outcome: "not_indicated",
  },
  // Bricks kiln: a family borrowed money; the debt grows faster than they can work it off; they cannot leave.
  {
    name: "debt bondage",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["unpaid", "fees"],
      act: ["harboured"],
      border: "no",
      means: ["debt", "confined"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
  },
  // "Loverboy": a boyfriend showers a 19-year-old with gifts, isolates her, then says she must sell sex for him.
  {
    name: "loverboy method",
    answers: {
      age: "adult",
      purpose: "sex",
      act: ["recruited", "harboured"],
      border: "no",
      means: ["deception", "power", "threat"],
      consent: "yes",
    },
    outcome: "likely_trafficking",
    reasons: ["consent_irrelevant"],
  },
  // A 14-year-old groomed online is persuaded to send images, then blackmailed into live sexual streams.
  {
    name: "online grooming leading to sexual exploitation of a child",
    answers: { age: "child", purpose: "sex", act: ["recruited"], border: "no", consent: "unsure" },
    outcome: "likely_trafficking",
  },
  // Children are driven each morning to street corners to beg; an adult collects the money every evening.
  {
    name: "child begging ring",
    answers: { age: "child", purpose: "begging", act: ["moved", "harboured"], border: "no", consent: "no" },
    outcome: "likely_trafficking",
  },
  // Adults with disabilities brought to a city and made to beg; the organiser keeps all the money.
  {
    name: "adult begging ring exploiting disability",
    answers: {
      age: "adult",
      purpose: "begging",
      act: ["recruited", "moved"],
      border: "no",
      means: ["vulnerability", "confined"],
      consent: "unsure",
    },
    outcome: "likely_trafficking",
  },
  // A teenager is made to carry drugs for a gang that houses him; he does not know his exact age.
  {
    name: "forced criminality, age unclear, no means seen",
    answers: {
      age: "unsure",
      purpose: "crime",
      act: ["harboured"],
      border: "no",
      means: ["none"],
      consent: "unsure",
    },
    outcome: "possible_trafficking",
    reasons: ["age_unclear"],
  },
  // A neighbour thinks a girl next door may be kept indoors, but knows nothing more.
  {
    name: "too little known",
    answers: {
      age: "unsure",
      purpose: "unsure",
      work: ["unsure"],
      act: ["unsure"],
      border: "unsure",
      means: ["unsure"],
    },
    outcome: "not_enough",
  },
  // Fishing boat crew deceived about pay, cannot leave the boat, but nobody knows who recruited them.
  {
    name: "forced labour at sea, act unclear",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["unpaid", "unsafe"],
      act: ["unsure"],
      border: "unsure",
      means: ["deception", "confined"],
    },
    outcome: "possible_trafficking",
    elements: { act: "unclear", purpose: "present" },
  },
  // A woman was deceived about a job and moved, but the caller does not know what happened after.
  {
    name: "deceptive recruitment, purpose unclear",
    answers: {
      age: "adult",
      purpose: "unsure",
      work: ["unsure"],
      act: ["recruited", "moved"],
      border: "no",
      means: ["deception"],
    },
    outcome: "possible_trafficking",
    elements: { purpose: "unclear" },
  },
  // Abducted across a border as a baby-sitter; the abduction itself is a means and an act.
  {
    name: "abduction across a border for domestic work",
    answers: {
      age: "adult",
      purpose: "domestic",
      work: ["unpaid"],
      act: ["unsure"],
      border: "yes",
      crossing: "forced",
      means: ["unsure"],
      consent: "no",
    },
    outcome: "likely_trafficking",
  },
  // Seasonal workers on a farm: hard work, fees to an agency, but paid and free to go; means "not sure".
  {
    name: "agency fees, coercion not known",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["fees", "hours"],
      act: ["recruited"],
      border: "no",
      means: ["unsure"],
    },
    outcome: "possible_trafficking",
    elements: { purpose: "unclear", means: "unclear" },
  },
  // A worker crossed on her own with a visa, works in a hotel, is paid and free: nothing here.
  {
    name: "legal migrant worker with no problems",
    answers: {
      age: "adult",
      purpose: "labour",
      work: ["none"],
      act: ["none"],
      border: "yes",
      crossing: "own",
      means: ["none"],
      consent: "yes",
    },
    outcome: "not_indicated",
  },
  // Nothing answered at all.
  { name: "no answers", answers: {}, outcome: "not_enough" },
];

describe("the screener's decision on written scenarios", () => {
  it("has at least 25 scenarios", () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(SCENARIOS)("$name", ({ answers, outcome, elements, reasons }) => {
    const result = assess(answers);
    expect(result.outcome).toBe(outcome);
    if (elements) expect(result.elements).toMatchObject(elements);
    for (const id of reasons ?? []) expect(result.reasons.map((r) => r.id)).toContain(id);
    expect(result.next).toContain("learn");
  });

  it("explains which means and purposes it found, as answer ids", () => {
    const result = assess(SCENARIOS[0]?.answers);
    expect(result.reasons.find((r) => r.id === "means_present")?.items).toEqual([
      "means.deception",
      "means.debt",
    ]);
    expect(result.reasons.find((r) => r.id === "purpose_present")?.items).toEqual(["purpose.sex"]);
  });

  it("points children to child protection and labour abuse to labour rights", () => {
    expect(assess({ age: "child", purpose: "begging", act: "moved" }).next).toContain("child_protection");
    expect(assess(SCENARIOS[5]?.answers).next).toContain("labour_rights");
    expect(assess(SCENARIOS[5]?.answers).next).not.toContain("child_protection");
  });
});

describe("reading answers", () => {
  it("ignores unknown questions and options, and answers to questions the path skips", () => {
    const answers = parseAnswers({
      age: "child",
      means: ["threat"],
      purpose: ["sex", "bogus"],
      evil: "<script>",
      crossing: "paid_helper",
    });
    expect(answers).toEqual({ age: ["child"], purpose: ["sex"] });
  });

  it("keeps one option for a single-choice question, and lets a real answer win over 'none'", () => {
    expect(parseAnswers({ age: ["adult", "child"], means: ["none", "debt"] })).toEqual({
      age: ["adult"],
      means: ["debt"],
    });
    expect(parseAnswers({ means: ["none", "unsure"] })).toEqual({ means: ["unsure"] });
  });

  it("skips the means question for a child and asks about the crossing only after a border", () => {
    const ids = (a: Answers) => askedQuestions(a).map((q) => q.id);
    expect(ids({ age: ["child"], purpose: ["sex"], border: ["no"] })).not.toContain("means");
    expect(ids({ age: ["adult"], purpose: ["sex"], border: ["no"] })).toContain("means");
    expect(ids({ border: ["no"], purpose: ["sex"] })).not.toContain("crossing");
    expect(ids({ border: ["yes"], crossing: ["paid_helper"], purpose: ["sex"] })).toContain("arrival");
    expect(ids({ purpose: ["sex"] })).not.toContain("work");
  });
});

describe("the screener's words", () => {
  it("has a message for every question, option, outcome, reason and next step", () => {
    const keys = [
      ...QUESTIONS.flatMap((q) => [`screener.q.${q.id}`, ...q.options.map((o) => `screener.q.${q.id}.${o}`)]),
      ...OUTCOMES.flatMap((o) => [`screener.outcome.${o}.title`, `screener.outcome.${o}.text`]),
      ...NEXT_STEPS.map((n) => `screener.next.${n}`),
    ];
    // Every reason any scenario or random input produces.
    const reasons = new Set<string>();
    fc.assert(
      fc.property(validAnswers(), (answers) => {
        for (const r of assess(answers).reasons) {
          reasons.add(`screener.reason.${r.id}`);
          for (const item of r.items ?? []) reasons.add(`screener.q.${item}`);
        }
      }),
      { numRuns: 3000 },
    );
    expect(reasons.size).toBeGreaterThan(14);
    const missing = [...keys, ...reasons].filter((k) => !(k in CATALOGUES.en));
    expect(missing).toEqual([]);
  });
});

function validAnswers() {
  return fc.record(
    Object.fromEntries(
      QUESTIONS.map((q) => [
        q.id,
        q.kind === "single" ? fc.constantFrom(...q.options) : fc.subarray([...q.options], { minLength: 1 }),
      ]),
    ),
    { requiredKeys: [] },
  );
}

const QUESTION = fc.constantFrom(...QUESTIONS);
const anyAnswers = fc.dictionary(
  fc.oneof(
    QUESTION.map((q) => q.id),
    fc.string(),
  ),
  fc.oneof(
    QUESTION.chain((q) => fc.subarray([...q.options])),
    fc.string(),
    fc.array(fc.string()),
    fc.anything(),
  ),
);
const MEANS =
  QUESTIONS.find((q) => q.id === "means")?.options.filter((o) => o !== "none" && o !== "unsure") ?? [];

describe("properties", () => {
  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(anyAnswers, fc.anything()), (input) => {
        const result = assess(input);
        expect(OUTCOME_RANK[result.outcome]).toBeTypeOf("number");
      }),
      { numRuns: 2000 },
    );
  });

  it("adding a means never lowers the outcome", () => {
    fc.assert(
      fc.property(validAnswers(), fc.constantFrom(...MEANS), (answers, extra) => {
        const before = assess(answers);
        const had = (answers as Record<string, unknown>).means;
        const means = [...(Array.isArray(had) ? had : []), extra];
        const after = assess({ ...answers, means });
        expect(OUTCOME_RANK[after.outcome]).toBeGreaterThanOrEqual(OUTCOME_RANK[before.outcome]);
      }),
      { numRuns: 5000 },
    );
  });
});
