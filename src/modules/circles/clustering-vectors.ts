import { type Token, tokenize } from "./clustering-text.ts";

/** A response as the clustering sees it. */
export interface ClusterInput {
  readonly id: string;
  readonly text: string;
  readonly language: string;
}

/** A sparse, L2-normalised TF-IDF vector: parallel arrays of feature indices (ascending) and weights. */
export interface SparseVector {
  readonly features: Uint32Array;
  readonly weights: Float64Array;
}

export interface Vectors {
  /** Feature names by index (a concept `@shelter` or a stem). */
  readonly featureNames: readonly string[];
  readonly vectors: readonly SparseVector[];
  readonly tokens: readonly (readonly Token[])[];
}

/**
 * TF-IDF vectors of the texts, in the order given: sublinear term frequency (1 + ln tf), smoothed idf
 * (ln((1 + n) / (1 + df)) + 1), L2-normalised. Features are numbered in order of first appearance, so the
 * same ordered input always gives the same vectors.
 */
export function tfidfVectors(inputs: readonly ClusterInput[], useLexicon = true): Vectors {
  const cache = new Map<string, Token | null>();
  const index = new Map<string, number>();
  const featureNames: string[] = [];
  const tokens = inputs.map((input) => tokenize(input.text, input.language, cache, useLexicon));
  const counts = tokens.map((list) => {
    const count = new Map<number, number>();
    for (const token of list) {
      let feature = index.get(token.feature);
      if (feature === undefined) {
        feature = featureNames.length;
        index.set(token.feature, feature);
        featureNames.push(token.feature);
      }
      count.set(feature, (count.get(feature) ?? 0) + 1);
    }
    return count;
  });
  const df = new Uint32Array(featureNames.length);
  for (const count of counts) for (const feature of count.keys()) df[feature] = (df[feature] ?? 0) + 1;
  const n = inputs.length;
  const vectors = counts.map((count) => {
    const features = Uint32Array.from([...count.keys()].sort((a, b) => a - b));
    const weights = new Float64Array(features.length);
    let norm = 0;
    features.forEach((feature, i) => {
      const weight =
        (1 + Math.log(count.get(feature) ?? 1)) * (Math.log((1 + n) / (1 + (df[feature] ?? 0))) + 1);
      weights[i] = weight;
      norm += weight * weight;
    });
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
    return { features, weights };
  });
  return { featureNames, vectors, tokens };
}

/**
 * The full cosine similarity matrix (row-major, n × n, diagonal 0), computed through an inverted index so
 * that only pairs sharing a feature cost anything. Memory is 8n² bytes: 32 MB for 2,000 responses.
 */
export function similarityMatrix(vectors: readonly SparseVector[], featureCount: number): Float64Array {
  const n = vectors.length;
  const matrix = new Float64Array(n * n);
  const postingDocs: number[][] = Array.from({ length: featureCount }, () => []);
  const postingWeights: number[][] = Array.from({ length: featureCount }, () => []);
  for (let doc = 0; doc < n; doc++) {
    const { features, weights } = vectors[doc] as SparseVector;
    for (let i = 0; i < features.length; i++) {
      const feature = features[i] as number;
      const weight = weights[i] as number;
      const docs = postingDocs[feature] as number[];
      const others = postingWeights[feature] as number[];
      // Every earlier document with this feature: add this feature's share of their dot product.
      for (let k = 0; k < docs.length; k++) {
        const cell = (docs[k] as number) * n + doc;
        matrix[cell] = (matrix[cell] as number) + weight * (others[k] as number);
      }
      docs.push(doc);
      others.push(weight);
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) matrix[b * n + a] = matrix[a * n + b] as number;
  return matrix;
}
