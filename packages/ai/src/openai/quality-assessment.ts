import { QUALITY_RUBRIC, type QualityAssessment, type QualityAssessmentRequest, type QualityAssessor } from "../quality/assessment";
import type { OpenAIConnection } from "./client";
import { InvalidModelOutputError } from "./errors";

/** The conversation a model reads: its latest turns, each cut, so a long one costs a bounded prompt. */
const MAX_TURNS = 60;
const TURN_CHARS = 500;
/** An assessment is a paragraph for a supervisor, not an essay. */
const MAX_ASSESSMENT_CHARS = 2000;

const AUTHOR = { contact: "Customer", bot: "Bot", agent: "Agent", system: "System" } as const;

/**
 * A written assessment of a finished conversation by an OpenAI chat model, following the rubric
 * (understanding, accuracy, resolution, tone, effort) and told the signal-based score and its
 * reasons, so the words explain the number rather than contradict it.
 */
export class OpenAIQualityAssessor implements QualityAssessor {
  readonly name: string;

  constructor(private readonly connection: OpenAIConnection) {
    this.name = `openai:${connection.config.model}`;
  }

  async assess(request: QualityAssessmentRequest): Promise<QualityAssessment> {
    const transcript = request.turns.slice(-MAX_TURNS).map((turn) => `${AUTHOR[turn.author]}: ${turn.text.slice(0, TURN_CHARS)}`);
    const reasons = request.score.factors.map((factor) => `${factor.detail} (${factor.impact > 0 ? "+" : ""}${factor.impact})`).join("; ");
    const rating = request.csat ? `Customer rating: ${request.csat.score} of ${request.csat.scale}${request.csat.comment ? `, commenting: "${request.csat.comment}"` : ""}.` : "The customer gave no rating.";
    const completion = await this.connection.client.chat.completions.create({
      model: this.connection.config.model,
      messages: [
        {
          role: "system",
          content: [
            "You review finished customer support conversations for a supervisor. Assess the conversation against this rubric, one short line per point, then one line with the single most useful improvement:",
            ...QUALITY_RUBRIC.map((point) => `- ${point}`),
            "Plain text, no greeting, at most 7 lines. Judge only from the conversation.",
          ].join("\n"),
        },
        {
          role: "user",
          content: [`Signal score: ${request.score.score}/100 (${request.score.grade})${reasons ? `: ${reasons}` : ""}.`, rating, `Conversation:\n${transcript.join("\n")}`].join("\n\n"),
        },
      ],
    });
    const text = completion.choices[0]?.message.content?.trim();
    if (!text) throw new InvalidModelOutputError("the model returned an empty assessment");
    return { text: text.slice(0, MAX_ASSESSMENT_CHARS), by: this.name };
  }
}
