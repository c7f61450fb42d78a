import { z } from "zod";
import { sentimentLabel, type SentimentAnalyzer, type SentimentResult } from "../sentiment/types";
import { understandingRequestOptions, type OpenAIConnection } from "./client";
import { InvalidModelOutputError } from "./errors";

const answerSchema = z.object({
  score: z.number().min(-1).max(1),
  evidence: z.array(z.object({ text: z.string().max(200), weight: z.number().min(-1).max(1) })).max(10),
});

/**
 * Sentiment by an OpenAI chat model with structured output (`response_format: json_schema`,
 * strict): a score in -1..1 and the phrases that moved it. The label comes from the score with
 * the same cut-offs as the local analyzer, so flows branch identically whichever engine answered.
 */
export class OpenAISentimentAnalyzer implements SentimentAnalyzer {
  readonly name: string;

  constructor(private readonly connection: OpenAIConnection) {
    this.name = `openai:${connection.config.model}`;
  }

  async analyze(text: string): Promise<SentimentResult> {
    if (!text.trim()) return { score: 0, label: "neutral", evidence: [] };
    const completion = await this.connection.client.chat.completions.create({
      model: this.connection.config.model,
      messages: [
        {
          role: "system",
          content:
            "Rate how the customer who wrote the next message to a support team feels: score from -1 (furious, desperate) through 0 (neutral, no feeling) to 1 (delighted). Evidence: the phrases that show it, each with a weight from -1 to 1.",
        },
        { role: "user", content: text },
      ],
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "sentiment",
          strict: true,
          schema: {
            type: "object",
            additionalProperties: false,
            required: ["score", "evidence"],
            properties: {
              score: { type: "number" },
              evidence: {
                type: "array",
                items: {
                  type: "object",
                  additionalProperties: false,
                  required: ["text", "weight"],
                  properties: { text: { type: "string" }, weight: { type: "number" } },
                },
              },
            },
          },
        },
      },
    }, understandingRequestOptions(this.connection.config));
    const content = completion.choices[0]?.message.content;
    if (!content) throw new InvalidModelOutputError("the model returned no sentiment");
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch {
      throw new InvalidModelOutputError(`the sentiment is not JSON: ${content.slice(0, 200)}`);
    }
    const parsed = answerSchema.safeParse(json);
    if (!parsed.success) throw new InvalidModelOutputError(`the sentiment does not fit the schema: ${parsed.error.issues[0]?.message}`);
    return { score: parsed.data.score, label: sentimentLabel(parsed.data.score), evidence: parsed.data.evidence };
  }
}
