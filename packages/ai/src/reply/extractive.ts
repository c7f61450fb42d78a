import { terms } from '../knowledge/terms';
import type { ScoredPassage } from '../knowledge/types';
import type { Citation, Reply, ReplyGenerator, ReplyRequest } from './types';

/** At most this many sentences are quoted, so the reply stays a chat message. */
const MAX_SENTENCES = 3;

/**
 * The reply generator used when no language model is configured: it quotes the sentences of the
 * best knowledge passage that share the most terms with the question. It writes nothing of its
 * own, so it cannot follow `instructions` (tone, persona) and cannot answer without a knowledge
 * base: then, or when the best passage scores under `minConfidence`, it is not confident and the
 * flow hands off. Its confidence is the passage's search score.
 */
export const extractiveReply: ReplyGenerator = {
  name: 'extractive',
  async generate(request: ReplyRequest): Promise<Reply> {
    const best = request.passages[0];
    if (!best) {
      return { confident: false, confidence: 0, reason: 'No knowledge to ground a reply on', generator: 'extractive' };
    }
    if (best.score < request.minConfidence) {
      return {
        confident: false,
        confidence: best.score,
        reason: `Best knowledge match "${best.title}" scored ${best.score}, under ${request.minConfidence}`,
        generator: 'extractive',
      };
    }
    return {
      confident: true,
      text: quote(best, request.question),
      confidence: best.score,
      citations: [citation(best)],
      generator: 'extractive',
    };
  },
};

/** The passage's sentences that overlap the question most, in their original order. */
export function quote(passage: ScoredPassage, question: string): string {
  const sentences = splitSentences(passage.text);
  if (sentences.length <= MAX_SENTENCES) return sentences.join(' ');
  const wanted = new Set(terms(question));
  const ranked = sentences
    .map((text, index) => ({ text, index, overlap: terms(text).filter((term) => wanted.has(term)).length }))
    .sort((a, b) => b.overlap - a.overlap || a.index - b.index)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.index - b.index);
  return ranked.map((sentence) => sentence.text).join(' ');
}

/** Sentences of a paragraph, list items counted as sentences; Markdown emphasis removed. */
function splitSentences(text: string): string[] {
  return text
    .replace(/[*_`]+/g, '')
    .split(/\n+/)
    .map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter(Boolean)
    .flatMap((line) => line.split(/(?<=[.!?])\s+/))
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export function citation(passage: ScoredPassage): Citation {
  return { articleId: passage.articleId, title: passage.title, ...(passage.url ? { url: passage.url } : {}) };
}
