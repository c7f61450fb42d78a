import { z } from "zod";
import { FALLBACK_INTENT, type IntentRecognition, type IntentRecognizer, type IntentScore, type IntentSpec, type RecognizeOptions } from "../intent/types";
import { understandingRequestOptions, type OpenAIConnection } from "./client";
import { InvalidModelOutputError } from "./errors";

const TOOL = "classify_intent";

/** What the model must return through the tool call (validated again here: never trust it). */
const classification = z.object({
  intent: z.string(),
  confidence: z.number().min(0).max(1),
  alternatives: z.array(z.object({ intent: z.string(), confidence: z.number().min(0).max(1) })).max(30),
});

/**
 * Intent recognition by an OpenAI chat model through function calling: the router's intents
 * (names and examples) are in the prompt, and a strict tool schema whose `intent` is an enum of
 * those names plus `fallback` forces an answer the router can use. The model's own confidence is
 * compared with the router's threshold, as with the local recognizer. Output that fails
 * validation throws `InvalidModelOutputError`, so `withFallback` hands the message to the local
 * model.
 */
export class OpenAIIntentRecognizer implements IntentRecognizer {
  readonly name: string;

  constructor(private readonly connection: OpenAIConnection) {
    this.name = `openai:${connection.config.model}`;
  }

  async recognize(text: string, intents: readonly IntentSpec[], options: RecognizeOptions): Promise<IntentRecognition> {
    const names = intents.map((intent) => intent.name);
    if (!text.trim() || names.length === 0) {
      return { intent: FALLBACK_INTENT, confidence: 0, ranking: names.map((intent) => ({ intent, score: 0 })) };
    }
    const allowed = [...names, FALLBACK_INTENT];
    const completion = await this.connection.client.chat.completions.create({
      model: this.connection.config.model,
      messages: [
        { role: "system", content: systemPrompt(intents) },
        { role: "user", content: text },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: TOOL,
            description: "Report which intent the customer's message expresses.",
            strict: true,
            parameters: {
              type: "object",
              additionalProperties: false,
              required: ["intent", "confidence", "alternatives"],
              properties: {
                intent: { type: "string", enum: allowed },
                confidence: { type: "number", description: "Probability (0 to 1) that `intent` is right." },
                alternatives: {
                  type: "array",
                  description: "Other plausible intents with their probabilities.",
                  items: {
                    type: "object",
                    additionalProperties: false,
                    required: ["intent", "confidence"],
                    properties: { intent: { type: "string", enum: allowed }, confidence: { type: "number" } },
                  },
                },
              },
            },
          },
        },
      ],
      tool_choice: { type: "function", function: { name: TOOL } },
    }, understandingRequestOptions(this.connection.config));
    const call = completion.choices[0]?.message.tool_calls?.find((tool) => tool.type === "function" && tool.function.name === TOOL);
    if (!call || call.type !== "function") throw new InvalidModelOutputError(`the model did not call ${TOOL}`);
    return toRecognition(parseArguments(call.function.arguments), names, options.threshold);
  }
}

function systemPrompt(intents: readonly IntentSpec[]): string {
  const list = intents
    .map((intent) => `- ${intent.name}${intent.examples.length ? `: ${intent.examples.map((example) => JSON.stringify(example)).join(", ")}` : ""}`)
    .join("\n");
  return [
    "You classify a customer's message to a support team into one of these intents (name: example phrases).",
    list,
    `Call ${TOOL}. Use "${FALLBACK_INTENT}" when no intent fits. Confidences are probabilities from 0 to 1.`,
  ].join("\n");
}

function parseArguments(raw: string): z.infer<typeof classification> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new InvalidModelOutputError(`${TOOL} arguments are not JSON: ${raw.slice(0, 200)}`);
  }
  const parsed = classification.safeParse(json);
  if (!parsed.success) throw new InvalidModelOutputError(`${TOOL} arguments do not fit the schema: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

/** The model's answer in the recognizer's shape: every intent ranked, `fallback` under the threshold. */
function toRecognition(answer: z.infer<typeof classification>, names: readonly string[], threshold: number): IntentRecognition {
  const known = new Set(names);
  if (answer.intent !== FALLBACK_INTENT && !known.has(answer.intent)) {
    throw new InvalidModelOutputError(`the model answered an unknown intent "${answer.intent}"`);
  }
  const scores = new Map<string, number>();
  for (const alternative of answer.alternatives) {
    if (known.has(alternative.intent)) scores.set(alternative.intent, Math.max(scores.get(alternative.intent) ?? 0, alternative.confidence));
  }
  if (answer.intent !== FALLBACK_INTENT) scores.set(answer.intent, answer.confidence);
  // Stable sort: ties keep the router's order, as the local recognizer does.
  const ranking: IntentScore[] = names.map((intent) => ({ intent, score: scores.get(intent) ?? 0 })).sort((a, b) => b.score - a.score);
  const best = ranking[0]!;
  if (answer.intent === FALLBACK_INTENT || answer.confidence < threshold) {
    return { intent: FALLBACK_INTENT, confidence: answer.intent === FALLBACK_INTENT ? best.score : answer.confidence, ranking };
  }
  return { intent: answer.intent, confidence: answer.confidence, ranking };
}
