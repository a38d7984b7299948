import { describe, expect, it } from "vitest";
import { CONCEPTS, type LexiconLanguage } from "./clustering-lexicon.ts";
import { stripAccents } from "./clustering-text.ts";

const LANGUAGES: readonly LexiconLanguage[] = ["en", "es", "fr"];

describe("the clustering lexicon", () => {
  it("gives every concept a label and words in English, Spanish and French", () => {
    for (const concept of CONCEPTS)
      for (const language of LANGUAGES) {
        expect(concept.label[language], `${concept.id} ${language}`).not.toBe("");
        expect(concept.words[language].length, `${concept.id} ${language}`).toBeGreaterThan(0);
      }
    expect(new Set(CONCEPTS.map((concept) => concept.id)).size).toBe(CONCEPTS.length);
  });

  it("writes entries as the tokenizer compares them: lower case, no accents, prefixes of 3 letters or more", () => {
    for (const concept of CONCEPTS)
      for (const language of LANGUAGES)
        for (const entry of concept.words[language]) {
          const word = entry.replace(/\*$/, "");
          expect(word, `${concept.id} ${language}`).toBe(stripAccents(word.toLowerCase()));
          expect(word, `${concept.id} ${language}`).toMatch(/^[a-z]{2,}( [a-z]+){0,3}$/);
          if (entry.endsWith("*")) expect(word.length, entry).toBeGreaterThanOrEqual(3);
        }
  });

  it("never gives one entry to two concepts in the same language", () => {
    for (const language of LANGUAGES) {
      const owner = new Map<string, string>();
      for (const concept of CONCEPTS)
        for (const entry of concept.words[language]) {
          const previous = owner.get(entry);
          expect(
            previous === undefined || previous === concept.id,
            `${language} "${entry}": ${previous} and ${concept.id}`,
          ).toBe(true);
          owner.set(entry, concept.id);
        }
    }
  });
});
