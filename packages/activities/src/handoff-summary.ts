import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import {
  extractiveHandoffSummary,
  LexiconSentimentAnalyzer,
  sentimentLabel,
  sentimentTrend,
  type HandoffSummarizer,
  type HandoffSummary,
  type SentimentAnalyzer,
} from "@parley/ai";
import { FailureType } from "./types";

export interface HandoffSummaryDeps {
  /** Who writes the summary; defaults to the extractive one (no model, no key). */
  handoffSummarizer?: HandoffSummarizer;
  /** The mood line; the same analyzer as the sentiment gate's (default: the local lexicon). */
  sentimentAnalyzer?: SentimentAnalyzer;
}

const summarizeHandoffInput = z.object({
  turns: z.array(z.object({ author: z.enum(["contact", "bot", "agent"]), text: z.string().max(20_000) })).max(100),
  variables: z.record(z.string(), z.unknown()),
});
export type SummarizeHandoffInput = z.infer<typeof summarizeHandoffInput>;

/** Customer messages read for the mood line and its trend: the latest ones say how they feel now. */
const MOOD_MESSAGES = 5;
const MAX_MOOD_TEXT = 4000;

/** The summary an agent reads when a handoff node puts the conversation in a team's queue. */
export function createHandoffSummaryActivities({
  handoffSummarizer = extractiveHandoffSummary,
  sentimentAnalyzer = new LexiconSentimentAnalyzer(),
}: HandoffSummaryDeps = {}) {
  return {
    async summarizeHandoff(input: SummarizeHandoffInput): Promise<HandoffSummary> {
      const parsed = summarizeHandoffInput.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
        throw ApplicationFailure.nonRetryable(`summarizeHandoff: invalid input (${problems})`, FailureType.InvalidUnderstandingInput);
      }
      const { turns, variables } = parsed.data;
      const said = turns.filter((turn) => turn.author === "contact" && turn.text.trim()).slice(-MOOD_MESSAGES);
      // The mood is a nice-to-have: a failing analyzer leaves it out rather than failing the summary.
      // Each message is scored on its own so the agent also learns which way the mood is going.
      const scores = await Promise.all(said.map((turn) => sentimentAnalyzer.analyze(turn.text.slice(-MAX_MOOD_TEXT)))).catch(() => null);
      if (!scores || scores.length === 0) return handoffSummarizer.summarize({ turns, variables, sentiment: null });
      const trend = sentimentTrend(scores.map((score) => score.score));
      const sentiment = { score: trend.current, label: sentimentLabel(trend.current) };
      return handoffSummarizer.summarize({ turns, variables, sentiment, trend: scores.length > 1 ? trend.direction : null });
    },
  };
}
