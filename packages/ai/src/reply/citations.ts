import type { ScoredPassage } from "../knowledge/types";
import { citation } from "./extractive";
import type { Citation } from "./types";

export interface CitedText {
  /** The reply with its markers renumbered to `citations` ([n] = the n-th citation shown). */
  text: string;
  citations: Citation[];
  /** The passages the model cited, in citation order (for the confidence). */
  cited: ScoredPassage[];
}

/**
 * Maps the model's source markers ([1], [2][3], [1, 3]) back to the passages it was given. One
 * citation per article (two passages of one article are one source for the reader); markers are
 * renumbered to the citation list; markers that point at no source are removed, never shown.
 */
export function resolveCitations(text: string, passages: readonly ScoredPassage[]): CitedText {
  const citations: Citation[] = [];
  const cited: ScoredPassage[] = [];
  const numberOf = new Map<string, number>();
  const cite = (sourceNumber: number): number | null => {
    const passage = passages[sourceNumber - 1];
    if (!passage) return null;
    if (!numberOf.has(passage.articleId)) {
      citations.push(citation(passage));
      numberOf.set(passage.articleId, citations.length);
    }
    if (!cited.includes(passage)) cited.push(passage);
    return numberOf.get(passage.articleId)!;
  };
  const rewritten = text.replace(/\s*\[(\d+(?:\s*,\s*\d+)*)\]/g, (marker: string, list: string) => {
    const numbers = [...new Set(list.split(",").map((n) => cite(Number(n.trim()))).filter((n): n is number => n !== null))];
    const lead = marker.match(/^\s*/)![0];
    return numbers.length ? `${lead}${numbers.map((n) => `[${n}]`).join("")}` : "";
  });
  return { text: rewritten.replace(/(\[\d+\])(\1)+/g, "$1").trim(), citations, cited };
}
