import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { averageLinkage, suggestClusters } from "./clustering.ts";
import { conceptOf, tokenize } from "./clustering-text.ts";

const r = (id: string, language: string, text: string) => ({ id, language, text });

const RESPONSES = [
  r("a1", "en", "We need more shelters for survivors, the only shelter is always full"),
  r("a2", "es", "Más refugios para sobrevivientes, el refugio de la ciudad siempre está lleno"),
  r("a3", "fr", "Plus de foyers pour les survivantes"),
  r("b1", "en", "Train teachers in schools to spot grooming"),
  r("b2", "fr", "Former les enseignants des écoles à repérer les signes"),
  r("b3", "es", "Capacitar a los maestros de las escuelas"),
  r("c1", "en", "Police corruption: officers take bribes from traffickers"),
  r("c2", "es", "La corrupción de la policía protege a los tratantes"),
  r("d1", "en", "Apply the Nordic model and go after the buyers"),
  r("e1", "fr", "Le climat change et les récoltes sont mauvaises"),
];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe("suggestClusters", () => {
  it("gives the same clusters, labels and order for the same responses in any order", () => {
    const first = suggestClusters(RESPONSES);
    for (let seed = 1; seed <= 20; seed++) expect(suggestClusters(shuffled(RESPONSES, seed))).toEqual(first);
  });

  it("breaks exact ties by id, whatever the order", () => {
    // "both" is exactly as close to "s" as to "p"; once joined to one, the other is too far (mean 0.35).
    const tie = [r("s", "en", "shelters"), r("p", "en", "police"), r("both", "en", "shelters police")];
    for (let seed = 1; seed <= 12; seed++)
      expect(suggestClusters(shuffled(tie, seed), { threshold: 0.4 })).toMatchObject({
        clusters: [{ ids: ["both", "p"] }],
        unclustered: ["s"],
      });
  });

  it("depends on the set of responses only, never on their order (property)", () => {
    const vocabulary = [
      "shelters",
      "refugios",
      "foyers",
      "police",
      "policía",
      "schools",
      "écoles",
      "women",
      "mujeres",
    ];
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.string({ minLength: 1, maxLength: 4 }),
            language: fc.constantFrom("en", "es", "fr"),
            text: fc.array(fc.constantFrom(...vocabulary), { maxLength: 6 }).map((words) => words.join(" ")),
          }),
          { selector: (response) => response.id, maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(0.06, 0.4, 0.6),
        (responses, seed, threshold) => {
          expect(suggestClusters(shuffled(responses, seed), { threshold })).toEqual(
            suggestClusters(responses, { threshold }),
          );
        },
      ),
    );
  });

  it("groups responses on the same subject across English, Spanish and French", () => {
    const { clusters } = suggestClusters(RESPONSES);
    const of = (id: string) => clusters.find((cluster) => cluster.ids.includes(id));
    expect(of("a1")?.ids).toEqual(["a1", "a2", "a3"]);
    expect(of("b1")?.ids).toEqual(["b1", "b2", "b3"]);
    expect(of("c1")?.ids).toEqual(["c1", "c2"]);
  });

  it("leaves unrelated responses unclustered", () => {
    const { clusters, unclustered } = suggestClusters(RESPONSES);
    expect(unclustered).toEqual(["d1", "e1"]);
    const unrelated = [
      r("x", "en", "Child marriage in rural districts"),
      r("y", "en", "Supply chains of garment factories"),
      r("z", "es", "Más datos sobre las líneas de ayuda"),
    ];
    expect(suggestClusters(unrelated)).toEqual({ clusters: [], unclustered: ["x", "y", "z"] });
    expect(clusters.every((cluster) => cluster.ids.length >= 2)).toBe(true);
  });

  it("labels a cluster with 2–3 words its responses used, in their most common language", () => {
    const { clusters } = suggestClusters([
      r("1", "es", "Más refugios para sobrevivientes"),
      r("2", "es", "Refugios y atención psicológica para las sobrevivientes"),
      r("3", "en", "More shelters for survivors"),
    ]);
    expect(clusters).toHaveLength(1);
    const [cluster] = clusters;
    expect(cluster?.terms.slice(0, 2).sort()).toEqual(["refugios", "sobrevivientes"]);
    expect(cluster?.label.split(", ").length).toBeGreaterThanOrEqual(2);
    expect(cluster?.label.split(", ").length).toBeLessThanOrEqual(3);
  });

  it("meets across languages only through the lexicon", () => {
    const pair = [
      r("1", "en", "More shelters for survivors"),
      r("2", "es", "Más refugios para sobrevivientes"),
    ];
    expect(suggestClusters(pair).clusters).toHaveLength(1);
    expect(suggestClusters(pair, { useLexicon: false }).clusters).toHaveLength(0);
  });

  it("respects the threshold and the minimum cluster size", () => {
    expect(suggestClusters(RESPONSES, { threshold: 1.01 }).clusters).toEqual([]);
    const big = suggestClusters(RESPONSES, { minClusterSize: 3 });
    expect(big.clusters.every((cluster) => cluster.ids.length >= 3)).toBe(true);
    expect(big.unclustered).toContain("c1");
  });

  it("never throws on empty, garbage, emoji, Arabic or mixed input, and accounts for every id", () => {
    const extra = [
      r("e", "en", ""),
      r("f", "xx", "🙂🙂🙂 🎉 ### ***"),
      r("g", "ar", "يجب حماية الناجيات من الاتجار بالبشر وتوفير المأوى"),
      r("h", "ar", "حماية الناجيات من الاتجار"),
      r("i", "", "shelters y refugios pour les survivantes \u0000\uD800"),
    ];
    const result = suggestClusters([...RESPONSES, ...extra]);
    const all = [...result.clusters.flatMap((cluster) => cluster.ids), ...result.unclustered].sort();
    expect(all).toEqual([...RESPONSES, ...extra].map((response) => response.id).sort());
    expect(result.clusters.some((cluster) => cluster.ids.includes("g") && cluster.ids.includes("h"))).toBe(
      true,
    );
    expect(suggestClusters([])).toEqual({ clusters: [], unclustered: [] });

    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.string({ maxLength: 6 }),
            language: fc.constantFrom("en", "es", "fr", "ar", "", "zz", "es-MX", "\uD800"),
            text: fc.oneof(
              fc.string({ unit: "binary", maxLength: 80 }),
              fc.string({ unit: "grapheme", maxLength: 80 }),
            ),
          }),
          { maxLength: 12 },
        ),
        (responses) => {
          const out = suggestClusters(responses);
          const ids = [...out.clusters.flatMap((cluster) => cluster.ids), ...out.unclustered];
          expect(ids.length).toBe(responses.length);
          for (const cluster of out.clusters) expect(typeof cluster.label).toBe("string");
        },
      ),
    );
  });
});

describe("clustering text", () => {
  it("maps the field's words to one concept in each language", () => {
    for (const [word, language] of [
      ["school", "en"],
      ["escuelas", "es"],
      ["ecole", "fr"],
      ["teachers", "en"],
    ] as const)
      expect(conceptOf(word, language)).toBe("education");
    expect(conceptOf("policia", "es")).toBe("law_enforcement");
    expect(conceptOf("politica", "es")).toBe("law");
    expect(conceptOf("refugios", "es")).toBe("shelter");
    expect(conceptOf("foyers", "fr")).toBe("shelter");
    // English "former" (earlier) is a stopword there, not the French verb "former" (to train).
    expect(conceptOf("former", "en")).toBeUndefined();
    expect(conceptOf("former", "fr")).toBe("training");
  });

  it("reads the lexicon's phrases before their words", () => {
    const features = (text: string, language: string) =>
      tokenize(text, language).map((token) => token.feature);
    expect(features("les annonces en ligne", "fr")).toEqual(["annonc", "@online"]);
    expect(features("une ligne d'écoute gratuite", "fr")).toEqual(["@hotline", "gratuit"]);
    expect(features("la ligne", "fr")).toEqual(["@hotline"]);
    expect(features("Law enforcement", "en")).toEqual(["@law_enforcement"]);
    expect(features("les forces de l'ordre", "fr")).toEqual(["@law_enforcement"]);
    expect(tokenize("casas de acogida", "es")).toEqual([
      { feature: "@shelter", surface: "casas de acogida" },
    ]);
  });

  it("drops stopwords, splits French elisions and stems the rest", () => {
    expect(tokenize("L'école et les écoles", "fr").map((token) => token.feature)).toEqual([
      "@education",
      "@education",
    ]);
    const stems = tokenize("Traffickers recruiting girls", "en").map((token) => token.feature);
    expect(stems).toEqual(["traffick", "@recruitment", "girl"]);
  });
});

describe("averageLinkage", () => {
  it("merges by average similarity and stops below the threshold", () => {
    // 0–1 are close, 2 is close to 0 but not to 1: average linkage joins 2 only if the mean is high enough.
    const similarity = [
      [0, 0.9, 0.5, 0],
      [0.9, 0, 0.1, 0],
      [0.5, 0.1, 0, 0],
      [0, 0, 0, 0],
    ];
    const matrix = () => Float64Array.from(similarity.flat());
    expect(averageLinkage(matrix(), 4, 0.25)).toEqual([[0, 1, 2], [3]]);
    expect(averageLinkage(matrix(), 4, 0.35)).toEqual([[0, 1], [2], [3]]);
    expect(averageLinkage(matrix(), 4, 0.95)).toEqual([[0], [1], [2], [3]]);
  });
});
