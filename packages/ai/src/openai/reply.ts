import { resolveCitations } from "../reply/citations";
import { groundedChat, NO_ANSWER } from "../reply/grounded-prompt";
import type { Reply, ReplyGenerator, ReplyRequest } from "../reply/types";
import type { OpenAIConnection } from "./client";

export interface OpenAIReplyOptions {
  /** Token budget of the conversation memory in the prompt (default `DEFAULT_MEMORY_TOKENS`). */
  memoryTokens?: number;
  /** Called with each streamed piece of text (progress reporting, live typing indicators). */
  onDelta?: (delta: string) => void;
}

/**
 * Confidence of an answer that cites no source where citing was not required (no grounding
 * asked): the model answered from the instructions alone, and nothing measures how well. At the
 * node's default threshold (0.5) it is said; a stricter node hands off instead.
 */
export const UNCITED_CONFIDENCE = 0.5;

/** A stream may run this many request timeouts in total before it is abandoned. */
const STREAM_TIMEOUT_FACTOR = 3;

/**
 * Replies written by an OpenAI chat model, streamed, grounded on the knowledge passages (see
 * `groundedChat`). Guardrails, each turning into `confident: false` (the flow hands off):
 * - the model answered `NO_ANSWER` (told to when the sources do not contain the answer);
 * - `groundedOnly` and the answer cites no source it was given;
 * - the confidence is under the node's `minConfidence`. Confidence of a cited answer is the best
 *   search score among the passages it cites: the answer is as trustworthy as what it quotes.
 * The streamed text is consumed here; the activity returns the final text only.
 */
export class OpenAIReplyGenerator implements ReplyGenerator {
  readonly name: string;

  constructor(
    private readonly connection: OpenAIConnection,
    private readonly options: OpenAIReplyOptions = {},
  ) {
    this.name = `openai:${connection.config.model}`;
  }

  async generate(request: ReplyRequest): Promise<Reply> {
    const unsure = (confidence: number, reason: string): Reply => ({ confident: false, confidence, reason, generator: this.name });
    const { client, config } = this.connection;
    const stream = await client.chat.completions.create(
      { model: config.model, messages: groundedChat(request, this.options.memoryTokens), stream: true },
      { signal: AbortSignal.timeout(config.timeoutMs * STREAM_TIMEOUT_FACTOR) },
    );
    let text = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta?.content;
      if (delta) {
        text += delta;
        this.options.onDelta?.(delta);
      }
      if (choice?.finish_reason) finish = choice.finish_reason;
    }

    text = text.trim();
    if (finish === "content_filter") return unsure(0, "the model's content filter stopped the answer");
    if (!text) return unsure(0, "the model returned an empty answer");
    if (text.includes(NO_ANSWER)) {
      return unsure(0, request.groundedOnly ? "the sources do not contain the answer" : "the model could not answer");
    }
    const { text: cleaned, citations, cited } = resolveCitations(text, request.passages);
    if (cited.length === 0 && request.groundedOnly) return unsure(0, "the answer cites none of the sources");
    const confidence = cited.length > 0 ? Math.max(...cited.map((passage) => passage.score)) : UNCITED_CONFIDENCE;
    if (confidence < request.minConfidence) {
      return unsure(confidence, `confidence ${confidence.toFixed(2)} is under ${request.minConfidence}`);
    }
    return { confident: true, text: cleaned, confidence, citations, generator: this.name };
  }
}
