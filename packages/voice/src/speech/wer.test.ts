import { describe, expect, it } from "vitest";
import { corpusWordErrorRate, normalizeWords, wordErrorRate } from "./wer";

describe("word error rate", () => {
  it("ignores case and punctuation", () => {
    expect(normalizeWords("Hello, World! It's 5 o'clock.")).toEqual(["hello", "world", "it's", "5", "o'clock"]);
    expect(wordErrorRate("check my order", "Check my order.")).toBe(0);
  });

  it("counts substitutions, deletions and insertions over the reference length", () => {
    expect(wordErrorRate("check the status of my order", "check status of my older please")).toBeCloseTo(3 / 6);
    expect(wordErrorRate("a b c d", "")).toBe(1);
    expect(wordErrorRate("", "")).toBe(0);
    expect(wordErrorRate("", "noise")).toBe(1);
  });

  it("weights a corpus by words, not by sentences", () => {
    const pairs = [
      { reference: "one", hypothesis: "two" },
      { reference: "a b c d e f g h i", hypothesis: "a b c d e f g h i" },
    ];
    expect(corpusWordErrorRate(pairs)).toBeCloseTo(1 / 10);
  });
});
