import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import {
  ExampleOverlapRecognizer,
  LexiconSentimentAnalyzer,
  type IntentRecognition,
  type IntentRecognizer,
  type SentimentAnalyzer,
  type SentimentResult,
} from "@parley/ai";
import { FailureTypes } from "./types";

export interface UnderstandingDeps {
  /** Defaults to the local example-overlap baseline; a trained model plugs in here later. */
  intentRecognizer?: IntentRecognizer;
  /** Defaults to the local lexicon baseline. */
  sentimentAnalyzer?: SentimentAnalyzer;
}

const MAX_TEXT = 4000;

const recognizeIntentInput = z.object({
  text: z.string().max(MAX_TEXT),
  intents: z
    .array(z.object({ name: z.string().min(1).max(40), examples: z.array(z.string().max(300)).max(50) }))
    .min(1)
    .max(30),
  threshold: z.number().min(0).max(1),
});
export type RecognizeIntentInput = z.infer<typeof recognizeIntentInput>;

const analyzeSentimentInput = z.object({ text: z.string().max(MAX_TEXT) });
export type AnalyzeSentimentInput = z.infer<typeof analyzeSentimentInput>;

/** Parses an activity input; a bad one is a bug in the caller, so retrying cannot help. */
function parseInput<T>(schema: z.ZodType<T>, input: unknown, activity: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
  throw ApplicationFailure.nonRetryable(`${activity}: invalid input (${problems})`, FailureTypes.InvalidUnderstandingInput);
}

/** Language understanding for the intent router and sentiment gate nodes. */
export function createUnderstandingActivities({
  intentRecognizer = new ExampleOverlapRecognizer(),
  sentimentAnalyzer = new LexiconSentimentAnalyzer(),
}: UnderstandingDeps = {}) {
  return {
    /** The customer's intent among the router's intents, or `fallback` below the threshold. */
    async recognizeIntent(input: RecognizeIntentInput): Promise<IntentRecognition> {
      const { text, intents, threshold } = parseInput(recognizeIntentInput, input, "recognizeIntent");
      return intentRecognizer.recognize(text, intents, { threshold });
    },

    /** How the customer feels: a score in -1..1 with a label. */
    async analyzeSentiment(input: AnalyzeSentimentInput): Promise<SentimentResult> {
      const { text } = parseInput(analyzeSentimentInput, input, "analyzeSentiment");
      return sentimentAnalyzer.analyze(text);
    },
  };
}
