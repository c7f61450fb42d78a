import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import {
  checkIntents,
  extractEntities,
  LexiconSentimentAnalyzer,
  localIntentRecognizer,
  localIntentEmbedder,
  SemanticIntentRecognizer,
  type Entity,
  type IntentRecognition,
  type IntentRecognizer,
  type IntentWarning,
  type SentimentAnalyzer,
  type SentimentResult,
} from "@parley/ai";
import { FailureType } from "./types";

export interface UnderstandingDeps {
  /**
   * Defaults to a local model trained from the router's examples on first use and cached (by
   * the intents' content) for the life of the worker: n-grams plus the local sentence encoder's
   * vectors when setup built it (`localIntentRecognizer`), so the builder's "Try it" box and the
   * conversations decide alike.
   */
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

const extractEntitiesInput = z.object({
  text: z.string().max(MAX_TEXT),
  /** The day relative dates count from: the workflow passes its own (deterministic) date. */
  referenceDate: z.iso.date(),
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
});
export type ExtractEntitiesInput = z.infer<typeof extractEntitiesInput>;

let publishChecker: SemanticIntentRecognizer | null | undefined;
/** The recognizer whose cross-validation the publish check reads: the routers' own model when the encoder is there. */
function semanticChecker(): SemanticIntentRecognizer | null {
  if (publishChecker === undefined) {
    // The routers' encoder (localIntentRecognizer uses the same), so the warnings judge their model.
    const embedder = localIntentEmbedder();
    publishChecker = embedder ? new SemanticIntentRecognizer(embedder) : null;
  }
  return publishChecker;
}

/**
 * Problems publishing should show about each intent router's examples (see checkIntents), judged
 * on the model the router will run (n-grams plus the sentence encoder when it is installed; the
 * n-gram model alone otherwise, or if the encoder fails).
 */
export async function intentRouterWarnings(nodes: readonly { id: string; kind: string; label?: string | undefined; config: unknown }[]): Promise<{ nodeId: string; label: string; warnings: IntentWarning[] }[]> {
  const out: { nodeId: string; label: string; warnings: IntentWarning[] }[] = [];
  for (const node of nodes) {
    if (node.kind !== "intent_router") continue;
    const parsed = recognizeIntentInput.shape.intents.safeParse((node.config as { intents?: unknown }).intents);
    if (!parsed.success) continue; // validation already reported it
    const model = await semanticChecker()?.model(parsed.data).catch(() => undefined);
    const warnings = checkIntents(parsed.data, model?.crossValidation);
    if (warnings.length > 0) out.push({ nodeId: node.id, label: node.label ?? node.id, warnings });
  }
  return out;
}

/** Parses an activity input; a bad one is a bug in the caller, so retrying cannot help. */
function parseInput<T>(schema: z.ZodType<T>, input: unknown, activity: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
  throw ApplicationFailure.nonRetryable(`${activity}: invalid input (${problems})`, FailureType.InvalidUnderstandingInput);
}

/** Language understanding for the intent router and sentiment gate nodes. */
export function createUnderstandingActivities({
  intentRecognizer = localIntentRecognizer(),
  sentimentAnalyzer = new LexiconSentimentAnalyzer(),
}: UnderstandingDeps = {}) {
  return {
    /** The customer's intent among the router's intents, or `fallback` below the threshold. */
    async recognizeIntent(input: RecognizeIntentInput): Promise<IntentRecognition> {
      const { text, intents, threshold } = parseInput(recognizeIntentInput, input, "recognizeIntent");
      return intentRecognizer.recognize(text, intents, { threshold });
    },

    /** Emails, phones, numbers, dates and order ids in the text, with spans and normalised values. */
    async extractEntities(input: ExtractEntitiesInput): Promise<Entity[]> {
      const { text, referenceDate, dateOrder } = parseInput(extractEntitiesInput, input, "extractEntities");
      return extractEntities(text, { referenceDate, ...(dateOrder ? { dateOrder } : {}) });
    },

    /** How the customer feels: a score in -1..1 with a label. */
    async analyzeSentiment(input: AnalyzeSentimentInput): Promise<SentimentResult> {
      const { text } = parseInput(analyzeSentimentInput, input, "analyzeSentiment");
      return sentimentAnalyzer.analyze(text);
    },
  };
}
