import { terms } from '../knowledge/terms';

/** Share of the shorter message's terms the two share from which they ask the same thing. */
const SAME_QUESTION = 0.75;
/** Below this many terms a message is an acknowledgement ("yes", "ok thanks"), not a question. */
const MIN_TERMS = 3;

/**
 * How many of a customer's messages repeat an earlier one: a sign the bot or agent did not get
 * it the first time. The overlap of stemmed terms without stop words, over the shorter message's
 * (a repeat often adds to the first wording: "... this is awful"), so word order, case and small
 * rewordings do not hide a repeat.
 */
export function repeatedQuestions(messages: readonly string[]): number {
  const seen: Set<string>[] = [];
  let repeats = 0;
  for (const text of messages) {
    const words = new Set(terms(text));
    if (words.size < MIN_TERMS) continue;
    if (seen.some((earlier) => overlap(earlier, words) >= SAME_QUESTION)) repeats++;
    seen.push(words);
  }
  return repeats;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}
