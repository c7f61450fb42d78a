import { stem, tokenize, type Token } from '../text/tokens';
import {
  CONTRASTS,
  INTENSIFIERS,
  NEGATED_COMPLAINTS,
  NEGATIONS,
  SENTIMENT_PHRASES,
  SENTIMENT_SYMBOLS,
  SENTIMENT_WORDS,
} from './lexicon';
import { sentimentLabel, type SentimentAnalyzer, type SentimentResult } from './types';

/**
 * A simple, honest baseline: a hand-written support-domain lexicon (lexicon.ts) and a few rules,
 * no training. It reads words, not meaning: sarcasm ("great, broken again") and complaints in
 * words it does not know score wrong. A later issue replaces it behind `SentimentAnalyzer` with
 * a trained model (or OpenAI when a key is configured).
 *
 * Rules, applied to each lexicon word or phrase found:
 * - negation: "not", "never", "no" … up to three words before, in the same clause, flips it —
 *   except that a few neutral verbs become complaints ("doesn't work", "never arrived");
 * - intensifiers just before it scale it ("very slow", "a bit slow");
 * - a SHOUTED word (in a message that is not all capitals) counts 1.5 times;
 * - after "but"/"however" the clause weighs 1.5 times, before it half ("thanks, but …");
 * then emoticons add their weight, exclamation marks (up to three) amplify the total, and a
 * message written all in capitals is amplified and leans negative. The sum is squashed into
 * -1..1 with tanh, so one strong word is about ±0.75 and more evidence approaches ±1.
 */
export class LexiconSentimentAnalyzer implements SentimentAnalyzer {
  async analyze(text: string): Promise<SentimentResult> {
    return scoreSentiment(text);
  }
}

const MAX_PHRASE_WORDS = Math.max(...Object.keys(SENTIMENT_PHRASES).map((phrase) => phrase.split(' ').length));
const NEGATION_WINDOW = 3;

/** Lexicon words by their stem (first listed wins), for inflections the lexicon does not list. */
const STEMMED_WORDS = new Map<string, number>();
for (const [word, weight] of Object.entries(SENTIMENT_WORDS)) {
  const key = stem(word);
  if (!STEMMED_WORDS.has(key)) STEMMED_WORDS.set(key, weight);
}

function wordWeight(word: string): number | undefined {
  if (Object.hasOwn(SENTIMENT_WORDS, word)) return SENTIMENT_WORDS[word];
  return STEMMED_WORDS.get(stem(word));
}

export function scoreSentiment(text: string): SentimentResult {
  const tokens = tokenize(text);
  const letters = text.match(/\p{L}/gu) ?? [];
  const capitals = text.match(/\p{Lu}/gu) ?? [];
  const shouting = letters.length >= 8 && tokens.length >= 3 && capitals.length / letters.length > 0.8;
  const lastContrast = tokens.findLastIndex((token) => CONTRASTS.has(token.word));

  const evidence: SentimentResult['evidence'] = [];
  let sum = 0;
  for (let i = 0; i < tokens.length; ) {
    const found = lexiconAt(tokens, i);
    if (!found) {
      i++;
      continue;
    }
    const { span, base } = found;
    const word = tokens[i]!.word;
    const text = tokens.slice(i, i + span).map((token) => token.word).join(' ');
    // An intensifier right before another sentiment word only scales that word ("super slow").
    if (span === 1 && Object.hasOwn(INTENSIFIERS, word) && i + 1 < tokens.length && lexiconAt(tokens, i + 1, true)) {
      i++;
      continue;
    }
    const before = precedingInClause(tokens, i);
    let weight = base;
    const negated = span === 1 && before.some((token) => NEGATIONS.has(token.word));
    if (negated) {
      const complaint = Object.hasOwn(NEGATED_COMPLAINTS, word) ? NEGATED_COMPLAINTS[word]! : undefined;
      // "not bad" is mildly good, "not great" fairly bad: negation weakens as it flips.
      weight = complaint ?? (base > 0 ? -0.8 * base : -0.5 * base);
    }
    // "very slow", "a bit slow", "not very helpful"; and over a negation: "really not working".
    const [previous, second] = [before.at(-1)?.word, before.at(-2)?.word];
    if (previous !== undefined && Object.hasOwn(INTENSIFIERS, previous)) weight *= INTENSIFIERS[previous]!;
    else if (second !== undefined && Object.hasOwn(INTENSIFIERS, second) && NEGATIONS.has(previous!)) weight *= INTENSIFIERS[second]!;
    if (!shouting && isShouted(tokens[i]!)) weight *= 1.5;
    if (lastContrast >= 0) weight *= i > lastContrast ? 1.5 : 0.5;
    if (weight !== 0) {
      evidence.push({ text, weight: round(weight) });
      sum += weight;
    }
    i += span;
  }

  for (const [pattern, weight] of SENTIMENT_SYMBOLS) {
    for (const match of text.matchAll(pattern)) {
      evidence.push({ text: match[0].trim(), weight });
      sum += weight;
    }
  }
  if (shouting) {
    evidence.push({ text: 'ALL CAPITALS', weight: -1 });
    sum = sum * 1.3 - 1;
  }
  const exclamations = Math.min(3, (text.match(/!/g) ?? []).length);
  sum *= 1 + 0.15 * exclamations;

  const score = round(Math.tanh(sum / 3));
  return { score, label: sentimentLabel(score), evidence };
}

/** The phrase or word at `i` (longest phrase first), with its lexicon weight. */
function lexiconAt(tokens: readonly Token[], i: number, wordsOnly = false): { span: number; base: number } | undefined {
  if (!wordsOnly) {
    for (let span = Math.min(MAX_PHRASE_WORDS, tokens.length - i); span >= 2; span--) {
      const slice = tokens.slice(i, i + span);
      if (slice.some((token) => token.clause !== slice[0]!.clause)) continue;
      const phrase = slice.map((token) => token.word).join(' ');
      if (Object.hasOwn(SENTIMENT_PHRASES, phrase)) return { span, base: SENTIMENT_PHRASES[phrase]! };
    }
  }
  const word = tokens[i]!.word;
  const weight = wordWeight(word);
  if (weight !== undefined) return { span: 1, base: weight };
  // Neutral alone, but it may be negated ("doesn't work"): a candidate with no weight of its own.
  if (Object.hasOwn(NEGATED_COMPLAINTS, word)) return { span: 1, base: 0 };
  return undefined;
}

/** Up to NEGATION_WINDOW tokens before `i` in the same clause, nearest last. */
function precedingInClause(tokens: readonly Token[], i: number): Token[] {
  const clause = tokens[i]!.clause;
  return tokens.slice(Math.max(0, i - NEGATION_WINDOW), i).filter((token) => token.clause === clause);
}

function isShouted(token: Token): boolean {
  return token.raw.length >= 2 && /\p{L}/u.test(token.raw) && token.raw === token.raw.toUpperCase() && token.raw !== 'I';
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
