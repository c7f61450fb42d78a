/**
 * Compares what a recorded conversation did with what the draft did on the same customer inputs:
 * the path (node ids in the order they ran) and the bot's replies, each up to its first divergence.
 * Pure, so the verdict rules are unit-tested without Temporal.
 */

/** What one conversation did: the nodes it ran, in order, and the bot's replies, in order. */
export interface ConversationRun {
  path: string[];
  replies: string[];
}

/** The first step (1-based) where the draft went elsewhere; null on a side means that run had stopped. */
export interface PathDivergence {
  step: number;
  was: string | null;
  now: string | null;
}

/** The first bot reply (1-based) whose text differs; null on a side means there was no such reply. */
export interface ReplyDivergence {
  index: number;
  was: string | null;
  now: string | null;
}

export type ReplayVerdict = "same" | "path" | "reply";

export interface Comparison {
  verdict: ReplayVerdict;
  path: PathDivergence | null;
  reply: ReplyDivergence | null;
}

function firstDifference(was: string[], now: string[]): number {
  const length = Math.max(was.length, now.length);
  for (let i = 0; i < length; i++) if (was[i] !== now[i]) return i;
  return -1;
}

/** A path difference is the cause of any reply difference after it, so it names the verdict. */
export function compareRuns(original: ConversationRun, replayed: ConversationRun): Comparison {
  const step = firstDifference(original.path, replayed.path);
  const reply = firstDifference(original.replies, replayed.replies);
  const path = step < 0 ? null : { step: step + 1, was: original.path[step] ?? null, now: replayed.path[step] ?? null };
  const replyDivergence = reply < 0 ? null : { index: reply + 1, was: original.replies[reply] ?? null, now: replayed.replies[reply] ?? null };
  return { verdict: path ? "path" : replyDivergence ? "reply" : "same", path, reply: replyDivergence };
}
