// A deterministic synthetic help centre for search latency at scale: variants of the written
// articles whose words are varied (not copied) with a seeded PRNG, so term statistics look like a
// large real knowledge base (shared support vocabulary, plus product names and rare words).
import type { KnowledgeArticleInput } from "@parley/ai";

/** mulberry32: small, fast, seeded; the same seed gives the same corpus on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ka lo mi ren tas vel or in dra qu ix sel mon ta fer li zu bra nor pet ga vin sol tre".split(" ");

/** `count` articles derived from `seeds`: same Markdown shape, varied words, new product names. */
export function syntheticCorpus(seeds: readonly KnowledgeArticleInput[], count: number, seed: number): KnowledgeArticleInput[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const vocabulary = [...new Set(seeds.flatMap((a) => `${a.title} ${a.body}`.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
  const pseudoWord = (syllables: number) => Array.from({ length: syllables }, () => pick(SYLLABLES)).join("");
  const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  /** Replaces about a third of the words and every number; keeps Markdown and capitalisation. */
  const vary = (text: string, product: string) =>
    text.replace(/[A-Za-z]+|\d+/g, (word) => {
      if (/^\d+$/.test(word)) return String(1 + Math.floor(random() * 60));
      const roll = random();
      let next = word;
      if (roll < 0.22) next = pick(vocabulary);
      else if (roll < 0.3) next = pseudoWord(2 + Math.floor(random() * 2));
      else if (roll < 0.33) next = product;
      else return word;
      return /^[A-Z]/.test(word) ? capitalised(next) : next.toLowerCase();
    });

  const out: KnowledgeArticleInput[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(seeds);
    const product = capitalised(pseudoWord(2 + Math.floor(random() * 2)));
    out.push({
      id: `syn-${String(i + 1).padStart(5, "0")}`,
      title: `${vary(base.title, product)} (${product})`,
      body: vary(base.body, product),
    });
  }
  return out;
}
