/**
 * A token estimate without a tokenizer: OpenAI's rule of thumb is ~4 characters of English per
 * token, and words are rarely shorter than one token, so the larger of `characters / 4` and the
 * word count, plus 4 per message for the chat format's framing. It errs high for English and
 * may err low for scripts without spaces; budgets are kept well under the context window, so a
 * wrong guess costs a few turns of memory, never a rejected request.
 */
export function estimateTokens(text: string): number {
  const words = text.match(/\S+/g)?.length ?? 0;
  return Math.max(Math.ceil(text.length / 4), words);
}

/** Framing tokens the chat format adds around each message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;
