import { CONCEPTS, type LexiconLanguage } from "./clustering-lexicon.ts";
import { baseLanguage } from "./clustering-text.ts";
import { type ClusterInput, similarityMatrix, tfidfVectors, type Vectors } from "./clustering-vectors.ts";

export type { ClusterInput };

/**
 * Suggested groups of similar responses to one question, for the facilitator to accept, rename or reject.
 *
 * Method: each response becomes a TF-IDF vector of features (`clustering-text.ts`: NFKC, lower case,
 * stopwords, Snowball stems per language, and a team-written cross-language concept lexicon of words and
 * phrases so that "shelters", "refugios" and "foyers" meet); responses are compared by cosine similarity; then
 * agglomerative clustering with average linkage merges the most similar groups while their average
 * pairwise similarity is at least `threshold`. The merging uses the nearest-neighbour chain algorithm
 * (O(n²) time on the n × n matrix, exact for average linkage) and stops a group as soon as its best
 * neighbour falls below the threshold (average linkage can never raise it again). Groups of fewer than
 * `minClusterSize` responses are left unclustered. Memory is the n × n matrix of doubles (32 MB for
 * 2,000 responses): made for the responses to one question, not for a whole archive.
 *
 * Determinism: responses are first sorted by id (then language, then text), every tie in the merging is
 * broken by that order, so the same set of responses gives the same clusters and labels in any order.
 * Labels are the 2–3 heaviest features of the group (summed TF-IDF weight, ties by name) written as
 * words in the group's most common language: the concept's word for a lexicon concept, otherwise the
 * unstemmed word the responses used most.
 */

export interface ClusterOptions {
  /** Minimum average cosine similarity between two groups for them to merge (0–1). */
  readonly threshold?: number;
  /** Groups smaller than this are returned as unclustered. */
  readonly minClusterSize?: number;
  /** How many terms each cluster lists (its label uses the first 2 or 3). */
  readonly maxTerms?: number;
  /** Map words to the cross-language concepts (default true; false only to measure what it brings). */
  readonly useLexicon?: boolean;
}

export interface SuggestedCluster {
  /** Member response ids, sorted. */
  readonly ids: string[];
  readonly label: string;
  readonly terms: string[];
}

export interface ClusterSuggestion {
  /** Largest first, then by first id. */
  readonly clusters: SuggestedCluster[];
  /** Ids left alone, sorted. */
  readonly unclustered: string[];
}

/**
 * The best of the grid 0.02, 0.04 … 0.30 on the first half of the team's hand-made set alone (see
 * bench/circle-clusters.bench.ts, which reports the held-out half). TF-IDF cosines of short answers are
 * low, so a low floor: the facilitator rejects a wrong suggestion more easily than finding a missed one.
 */
export const DEFAULT_THRESHOLD = 0.06;

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Groups similar responses to one question; never throws on any text. */
export function suggestClusters(
  responses: readonly ClusterInput[],
  options: ClusterOptions = {},
): ClusterSuggestion {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const minSize = Math.max(2, options.minClusterSize ?? 2);
  const maxTerms = Math.max(2, options.maxTerms ?? 5);
  const sorted = [...responses].sort(
    (a, b) =>
      compareStrings(a.id, b.id) || compareStrings(a.language, b.language) || compareStrings(a.text, b.text),
  );
  const vectors = tfidfVectors(sorted, options.useLexicon ?? true);
  const groups = averageLinkage(
    similarityMatrix(vectors.vectors, vectors.featureNames.length),
    sorted.length,
    threshold,
  );
  const clusters: SuggestedCluster[] = [];
  const unclustered: string[] = [];
  for (const members of groups) {
    if (members.length < minSize) {
      for (const member of members) unclustered.push((sorted[member] as ClusterInput).id);
      continue;
    }
    const terms = clusterTerms(members, sorted, vectors, maxTerms);
    clusters.push({
      ids: members.map((member) => (sorted[member] as ClusterInput).id).sort(compareStrings),
      label: labelOf(terms.words, terms.weights),
      terms: terms.words,
    });
  }
  clusters.sort((a, b) => b.ids.length - a.ids.length || compareStrings(a.ids[0] ?? "", b.ids[0] ?? ""));
  return { clusters, unclustered: unclustered.sort(compareStrings) };
}

/**
 * Average-linkage agglomeration with a similarity floor, by the nearest-neighbour chain: follow each
 * group's most similar group until two groups are each other's nearest, merge them (Lance–Williams
 * update of the matrix in place), and retire a group whose best similarity is below the floor.
 * Returns every final group (singletons included) as member indices in ascending order.
 */
export function averageLinkage(matrix: Float64Array, n: number, threshold: number): number[][] {
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const active = new Uint8Array(n).fill(1);
  const done: number[][] = [];
  let next = 0; // lowest index that may still be active
  const chain: number[] = [];
  for (;;) {
    if (chain.length === 0) {
      while (next < n && !active[next]) next++;
      if (next >= n) break;
      chain.push(next);
    }
    const a = chain[chain.length - 1] as number;
    const previous = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    let best = -1;
    let bestSimilarity = Number.NEGATIVE_INFINITY;
    const row = a * n;
    for (let c = 0; c < n; c++) {
      if (c === a || !active[c]) continue;
      const similarity = matrix[row + c] as number;
      if (similarity > bestSimilarity) {
        best = c;
        bestSimilarity = similarity;
      }
    }
    // On a tie, staying on the chain is what keeps the algorithm from cycling.
    if (previous >= 0 && (matrix[row + previous] as number) === bestSimilarity) best = previous;
    if (best < 0 || bestSimilarity < threshold) {
      active[a] = 0;
      done.push(members[a] as number[]);
      chain.pop();
      continue;
    }
    if (best !== previous) {
      chain.push(best);
      continue;
    }
    chain.pop();
    chain.pop();
    const keep = Math.min(a, best);
    const drop = Math.max(a, best);
    const sizeKeep = (members[keep] as number[]).length;
    const sizeDrop = (members[drop] as number[]).length;
    for (let c = 0; c < n; c++) {
      if (!active[c] || c === keep || c === drop) continue;
      const merged =
        (sizeKeep * (matrix[keep * n + c] as number) + sizeDrop * (matrix[drop * n + c] as number)) /
        (sizeKeep + sizeDrop);
      matrix[keep * n + c] = merged;
      matrix[c * n + keep] = merged;
    }
    members[keep] = [...(members[keep] as number[]), ...(members[drop] as number[])].sort((x, y) => x - y);
    active[drop] = 0;
  }
  return done.sort((x, y) => (x[0] as number) - (y[0] as number));
}

/** The cluster's heaviest features as words, with their weights (descending). */
function clusterTerms(
  members: readonly number[],
  inputs: readonly ClusterInput[],
  vectors: Vectors,
  maxTerms: number,
): { words: string[]; weights: number[] } {
  const language = commonLanguage(
    members.map((member) => baseLanguage((inputs[member] as ClusterInput).language)),
  );
  const weight = new Map<number, number>();
  for (const member of members) {
    const { features, weights } = vectors.vectors[member] as Vectors["vectors"][number];
    features.forEach((feature, i) => {
      weight.set(feature, (weight.get(feature) ?? 0) + (weights[i] ?? 0));
    });
  }
  const top = [...weight.entries()]
    .sort(
      (a, b) =>
        b[1] - a[1] || compareStrings(vectors.featureNames[a[0]] ?? "", vectors.featureNames[b[0]] ?? ""),
    )
    .slice(0, maxTerms);
  const words: string[] = [];
  const weights: number[] = [];
  for (const [feature, total] of top) {
    const word = surfaceOf(vectors.featureNames[feature] ?? "", members, inputs, vectors, language);
    if (word && !words.includes(word)) {
      words.push(word);
      weights.push(total);
    }
  }
  return { words, weights };
}

/**
 * A concept's own word in the label's language ("schools" reads better than whichever of "pupil",
 * "teachers" or "school" happened to be used most); for other features the word written most often,
 * preferring the label's language.
 */
function surfaceOf(
  feature: string,
  members: readonly number[],
  inputs: readonly ClusterInput[],
  vectors: Vectors,
  language: string,
): string {
  const inLanguage = new Map<string, number>();
  const anywhere = new Map<string, number>();
  for (const member of members) {
    const own = baseLanguage((inputs[member] as ClusterInput).language) === language;
    for (const token of vectors.tokens[member] ?? []) {
      if (token.feature !== feature) continue;
      anywhere.set(token.surface, (anywhere.get(token.surface) ?? 0) + 1);
      if (own) inLanguage.set(token.surface, (inLanguage.get(token.surface) ?? 0) + 1);
    }
  }
  const pick = (counts: Map<string, number>) =>
    [...counts.entries()].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0]?.[0];
  const concept = feature.startsWith("@") ? CONCEPTS.find((c) => `@${c.id}` === feature) : undefined;
  const conceptWord = concept?.label[language as LexiconLanguage];
  return conceptWord ?? pick(inLanguage) ?? pick(anywhere) ?? feature;
}

function commonLanguage(languages: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const language of languages) counts.set(language, (counts.get(language) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0]?.[0] ?? "";
}

/** Two terms, or three when the third still weighs at least half the first. */
function labelOf(words: readonly string[], weights: readonly number[]): string {
  const third = weights[2] ?? 0;
  const count = third >= (weights[0] ?? 0) / 2 ? 3 : 2;
  return words.slice(0, count).join(", ");
}
