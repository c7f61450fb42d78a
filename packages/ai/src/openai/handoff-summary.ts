import { buildMemory, factsSection } from "../context/memory";
import type { HandoffSummarizer, HandoffSummary, HandoffSummaryRequest } from "../context/handoff-summary";
import type { OpenAIConnection } from "./client";
import { InvalidModelOutputError } from "./errors";

/** The conversation a summary reads: larger than a reply's memory, the agent needs the story. */
const SUMMARY_MEMORY_TOKENS = 3000;

/**
 * A handoff summary written by an OpenAI chat model from the conversation memory. Wrap it with
 * `withFallback` and `extractiveHandoffSummary`, as the worker does: an agent always gets one.
 */
export class OpenAIHandoffSummarizer implements HandoffSummarizer {
  readonly name: string;

  constructor(private readonly connection: OpenAIConnection) {
    this.name = `openai:${connection.config.model}`;
  }

  async summarize(request: HandoffSummaryRequest): Promise<HandoffSummary> {
    const memory = buildMemory({ variables: request.variables, turns: request.turns, budgetTokens: SUMMARY_MEMORY_TOKENS });
    const transcript = memory.turns.map((turn) => `${turn.author === "contact" ? "Customer" : turn.author === "bot" ? "Bot" : "Agent"}: ${turn.text}`);
    const mood = request.sentiment ? `Measured mood: ${request.sentiment.label} (${request.sentiment.score.toFixed(2)})${request.trend ? `, ${request.trend}` : ""}.` : "";
    const completion = await this.connection.client.chat.completions.create({
      model: this.connection.config.model,
      messages: [
        {
          role: "system",
          content:
            "A support bot is handing this conversation to a human agent. In at most 5 short lines, tell the agent: what the customer wants, the key facts, how they feel, and what the bot already tried. No greeting, no advice.",
        },
        { role: "user", content: [factsSection(memory), mood, `Conversation:\n${transcript.join("\n")}`].filter(Boolean).join("\n\n") },
      ],
    });
    const text = completion.choices[0]?.message.content?.trim();
    if (!text) throw new InvalidModelOutputError("the model returned an empty summary");
    return { text, by: this.name };
  }
}
