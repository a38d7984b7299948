/**
 * Cluster suggestions for conversation circles (`src/modules/circles/clustering.ts`):
 *
 * 1. Quality: the adjusted Rand index of the suggestion against the team's reference grouping of
 *    `bench/data/circle-responses.json` (team-written synthetic responses to one question). The default
 *    threshold is the one that scores best on the first half of the set (r01–r38) alone; the second half
 *    is scored as held out, and the whole set as well. The same run without the concept lexicon shows
 *    what the lexicon brings.
 * 2. Time: suggestions for 500–4,000 responses made by recombining and perturbing the set (halves of two
 *    answers of the same group and language, dropped words, typos, filler openings), beside the bare cost
 *    of the cosine similarity matrix the clustering needs.
 *
 * Run: npm run bench:circles-clusters (writes the `circle-clusters` section of bench/RESULTS.md).
 */
import fs from "node:fs";
import path from "node:path";
import { adjustedRandIndex, labelsFromClusters } from "../src/modules/circles/ari.ts";
import { DEFAULT_THRESHOLD, suggestClusters } from "../src/modules/circles/clustering.ts";
import { CONCEPTS } from "../src/modules/circles/clustering-lexicon.ts";
import { similarityMatrix, tfidfVectors } from "../src/modules/circles/clustering-vectors.ts";
import { BENCH_DIR, machineInfo, markdownTable, writeSection } from "./results-file.ts";

interface Labelled {
  readonly id: string;
  readonly language: string;
  readonly text: string;
  readonly group: string;
}

const load = (file: string): readonly Labelled[] =>
  JSON.parse(fs.readFileSync(path.join(BENCH_DIR, "data", file), "utf8"));
const SET = load("circle-responses.json");
/**
 * Two more questions, each written after the method was fixed; each was first scored out of sample (the
 * figures are kept in OUT_OF_SAMPLE), and "together" was then used to widen the lexicon.
 */
const QUESTIONS = [
  {
    file: "circle-responses.json",
    question: "What needs to be addressed on trafficking in women and girls this year?",
    use: "threshold chosen on its first half; lexicon written beside it",
  },
  {
    file: "circle-responses-together.json",
    question: "How can we work together in the coming year?",
    use: "written after the method was fixed; then used to add the ways-of-working concepts",
  },
  {
    file: "circle-responses-prepare.json",
    question: "How do we prepare for the next session of the Commission on the Status of Women?",
    use: "written after those concepts were added; then used to add a few phrases",
  },
] as const;
/** First scores of the later questions, before anything was changed with them in view (commit, ARI). */
const OUT_OF_SAMPLE = [
  { file: "circle-responses-together.json", commit: "72df60a", ari: 0.399 },
  { file: "circle-responses-prepare.json", commit: "310e6a0", ari: 0.206 },
] as const;
const DEV = SET.filter((response) => response.id <= "r38");
const HELD_OUT = SET.filter((response) => response.id > "r38");

function ari(part: readonly Labelled[], threshold: number, useLexicon = true) {
  const suggestion = suggestClusters(part, { threshold, useLexicon });
  const predicted = labelsFromClusters(
    part.map((response) => response.id),
    suggestion.clusters,
  );
  return {
    ari: adjustedRandIndex(
      part.map((response) => response.group),
      predicted,
    ),
    clusters: suggestion.clusters.length,
    unclustered: suggestion.unclustered.length,
  };
}

// 1. Quality.
const grid = Array.from({ length: 15 }, (_, i) => Math.round((i + 1) * 2) / 100);
const sweep = grid.map((threshold) => ({
  threshold,
  dev: ari(DEV, threshold),
  heldOut: ari(HELD_OUT, threshold),
  all: ari(SET, threshold),
}));
const bestOnDev = sweep.reduce((best, row) => (row.dev.ari > best.dev.ari ? row : best));
const atDefault = {
  dev: ari(DEV, DEFAULT_THRESHOLD),
  heldOut: ari(HELD_OUT, DEFAULT_THRESHOLD),
  all: ari(SET, DEFAULT_THRESHOLD),
};
const noLexicon = {
  heldOut: ari(HELD_OUT, DEFAULT_THRESHOLD, false),
  all: ari(SET, DEFAULT_THRESHOLD, false),
};
const perQuestion = QUESTIONS.map((entry) => {
  const responses = load(entry.file);
  const count = (language: string) => responses.filter((response) => response.language === language).length;
  return {
    ...entry,
    responses: responses.length,
    languages: `${count("en")} / ${count("es")} / ${count("fr")}`,
    groups: new Set(responses.map((response) => response.group)).size,
    lexicon: ari(responses, DEFAULT_THRESHOLD),
    stems: ari(responses, DEFAULT_THRESHOLD, false),
  };
});
const groups = new Set(SET.map((response) => response.group)).size;
const languages = ["en", "es", "fr"].map(
  (language) => `${SET.filter((response) => response.language === language).length} ${language}`,
);
const sample = suggestClusters(SET).clusters.slice(0, 6);

// 2. Time, on generated responses.
function generate(count: number, seed: number): Labelled[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const openings: Record<string, readonly string[]> = {
    en: ["I think", "Honestly,", "For us,", "In my community", "Above all"],
    es: ["Creo que", "Para nosotras,", "Sobre todo", "En mi comunidad", "La verdad,"],
    fr: ["Je pense que", "Pour nous,", "Surtout", "Dans mon quartier", "À mon avis,"],
  };
  const out: Labelled[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(SET);
    const partner = pick(SET.filter((r) => r.group === base.group && r.language === base.language));
    const a = base.text.split(/\s+/);
    const b = partner.text.split(/\s+/);
    let words = [...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))];
    words = words.filter(() => random() > 0.12);
    words = words.map((word) =>
      random() < 0.05 && word.length > 4 ? `${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}` : word,
    );
    if (random() < 0.4) words.unshift(pick(openings[base.language] ?? [""]));
    out.push({
      id: `g${String(i).padStart(5, "0")}`,
      language: base.language,
      text: words.join(" "),
      group: base.group,
    });
  }
  return out;
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
function time(run: () => void, rounds: number): { wall: number; cpu: number } {
  run(); // warm-up
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    run();
    walls.push(performance.now() - start);
    cpus.push(cpuMs(cpu));
  }
  const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
  return { wall: median(walls), cpu: median(cpus) };
}

const timings = [500, 1000, 2000, 4000].map((count) => {
  const responses = generate(count, count);
  const rounds = count >= 4000 ? 3 : 5;
  const vectors = tfidfVectors(responses);
  const vectorsTime = time(() => tfidfVectors(responses), rounds);
  const matrixTime = time(() => similarityMatrix(vectors.vectors, vectors.featureNames.length), rounds);
  const fullTime = time(() => suggestClusters(responses), rounds);
  const suggestion = suggestClusters(responses);
  const quality = adjustedRandIndex(
    responses.map((response) => response.group),
    labelsFromClusters(
      responses.map((response) => response.id),
      suggestion.clusters,
    ),
  );
  return { count, vectorsTime, matrixTime, fullTime, suggestion, quality };
});

// Report.
const f3 = (x: number) => x.toFixed(3);
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const at2000 = timings.find((row) => row.count === 2000);
const markdown = `## Circles: cluster suggestions

Run ${new Date().toISOString()} by \`npm run bench:circles-clusters\` (\`bench/circle-clusters.bench.ts\`). ${machineInfo()}.

Method (see the doc comment of \`src/modules/circles/clustering.ts\`): NFKC, lower case, stopwords-iso, Snowball stems per
language, a team-written cross-language concept lexicon (\`clustering-lexicon.ts\`, ${CONCEPTS.length} concepts), TF-IDF, cosine similarity,
average-linkage agglomeration (nearest-neighbour chain) stopped at a similarity threshold; singletons stay unclustered.

### Quality on the hand-made set

\`bench/data/circle-responses.json\`: ${SET.length} team-written synthetic responses (${languages.join(", ")}) to "What needs to be
addressed on trafficking in women and girls this year?", with the team's reference grouping in ${groups} groups. Adjusted Rand
index (\`src/modules/circles/ari.ts\`) of the suggestion against that grouping; each unclustered response counts as a group of its own.

- **Default threshold ${DEFAULT_THRESHOLD}** (the best on the first half alone, r01–r38, is ${bestOnDev.threshold}): ARI **${f3(atDefault.all.ari)}** on all ${SET.length} responses (${atDefault.all.clusters} clusters, ${atDefault.all.unclustered} unclustered), **${f3(atDefault.heldOut.ari)}** on the held-out half r39–r76 clustered alone, ${f3(atDefault.dev.ari)} on the first half. Target ≥ 0.6 on this set: ${atDefault.all.ari >= 0.6 && atDefault.heldOut.ari >= 0.6 ? "MET" : "NOT MET"}; on a question never seen, not met (below).
- Without the concept lexicon (stems only), same threshold: ${f3(noLexicon.all.ari)} on all, ${f3(noLexicon.heldOut.ari)} on the held-out half.
- **Three questions** (all three sets team-written the same way; en / es / fr counts), at the default threshold:

${markdownTable(
  [
    "question",
    "file",
    "responses",
    "en / es / fr",
    "groups",
    "how the set was used",
    "ARI",
    "ARI without lexicon",
    "clusters",
    "unclustered",
  ],
  perQuestion.map((row) => [
    row.question,
    "`" + row.file + "`",
    String(row.responses),
    row.languages,
    String(row.groups),
    row.use,
    f3(row.lexicon.ari),
    f3(row.stems.ari),
    String(row.lexicon.clusters),
    String(row.lexicon.unclustered),
  ]),
)}

- **Out of sample**, the honest figures: ${OUT_OF_SAMPLE.map((entry) => "`" + entry.file + "` scored **" + entry.ari.toFixed(3) + "** when first run (commit " + entry.commit + ")").join("; ")}.
  The method leans on the lexicon to let languages meet (without it the ARI falls to about 0.1): it does well where answers name
  the field's subjects or practices it knows, and poorly on wording it has never seen (the third question's New York, visas,
  side events, delegations). Those figures, not the tuned ones, are what to expect from a new question; each widening of the
  lexicon helps the questions it was written with in view.
- What was tuned: the threshold only, chosen as the best of the grid below on the first half of the first set alone; weights,
  stopwords and linkage were never tried against any set. The lexicon was written for the field before the first set, changed in
  three places while writing it (a \`training\` concept added, "punish" moved from arrests to prosecution, "agency" dropped as
  ambiguous), then widened with ways-of-working concepts (meetings, referral, advocacy, participation, the Commission, exchange,
  media, planning, follow-up) after the second set had been scored, and given phrases read before their words ("en ligne" is
  online where "ligne" alone is a phone line; "law enforcement", "casa de acogida", "New York", "agreed conclusions"...) after
  the third had been scored. One idea was tried on the first two sets and dropped: extra
  features of the first 4, 5 or 6 letters of every stem, to catch cognates such as campaña / campagne / campaign; they lowered
  the ARI on both.

${markdownTable(
  ["threshold", "ARI first half", "ARI held-out half", "ARI all", "clusters (all)", "unclustered (all)"],
  sweep.map((row) => [
    `${row.threshold === DEFAULT_THRESHOLD ? "**" : ""}${row.threshold.toFixed(2)}${row.threshold === DEFAULT_THRESHOLD ? "**" : ""}`,
    f3(row.dev.ari),
    f3(row.heldOut.ari),
    f3(row.all.ari),
    String(row.all.clusters),
    String(row.all.unclustered),
  ]),
)}

The six largest suggested clusters on the whole set (label · size): ${sample.map((cluster) => `"${cluster.label}" · ${cluster.ids.length}`).join("; ")}.

### Time

Generated responses (recombined and perturbed from the set, see the script); median of 5 runs (3 at 4,000) after a warm-up, wall
and CPU time. "TF-IDF" tokenises, stems and weights; "similarity matrix" is the bare n × n cosine matrix from ready vectors (the
floor of any method that compares all pairs); "suggestClusters" is the whole call (sort, TF-IDF, matrix, clustering, labels).
The ARI column scores the generated set against the group of the response each text came from (an easy test: the texts are
recombined from the same answers; it shows that perturbations do not scatter the groups).

${markdownTable(
  [
    "responses",
    "TF-IDF ms",
    "similarity matrix ms",
    "suggestClusters ms",
    "suggestClusters CPU ms",
    "clusters",
    "unclustered",
    "ARI",
  ],
  timings.map((row) => [
    row.count.toLocaleString("en"),
    ms(row.vectorsTime.wall),
    ms(row.matrixTime.wall),
    ms(row.fullTime.wall),
    ms(row.fullTime.cpu),
    String(row.suggestion.clusters.length),
    String(row.suggestion.unclustered.length),
    f3(row.quality),
  ]),
)}

- Target: 2,000 responses in under 2 s: ${at2000 && at2000.fullTime.wall < 2000 ? "MET" : "NOT MET"} (${at2000 ? ms(at2000.fullTime.wall) : "?"} ms).
- Memory: the matrix is n² doubles (32 MB at 2,000, 128 MB at 4,000); a question with tens of thousands of responses would need a
  sparser method.
`;

writeSection("circle-clusters", markdown);
if (bestOnDev.threshold !== DEFAULT_THRESHOLD)
  console.warn(
    `DEFAULT_THRESHOLD is ${DEFAULT_THRESHOLD} but the first half now prefers ${bestOnDev.threshold}`,
  );
console.log(markdown);
