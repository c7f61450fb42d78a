/**
 * Intent recognition: which of a flow's intents a customer's message expresses. The flow's intent
 * router passes its intents (name + example phrases) with every call, so a recognizer needs no
 * separate training step or stored state; an implementation trains or derives what it needs from
 * them and may cache it (TrainedIntentRecognizer keys its models by the intents' content).
 */

export interface IntentSpec {
  /** Identifier, unique within the call (the router's port is `intent:<name>`). */
  name: string;
  /** Typical phrases a customer would write for this intent. */
  examples: readonly string[];
}

export interface IntentScore {
  intent: string;
  /**
   * How likely the text is this intent, 0..1. For the default `TrainedIntentRecognizer` a
   * calibrated probability (the scores of a call sum to at most 1, the rest being "none of
   * these"); other implementations document their own scale.
   */
  score: number;
}

/** The name returned when no intent reaches the threshold. Never a valid intent name in a flow. */
export const FALLBACK_INTENT = 'fallback';

export interface IntentRecognition {
  /** The best intent, or `fallback` when its confidence is below the threshold (or no text). */
  intent: string;
  /** The best intent's score in 0..1, also when it fell back: how close the best guess was. */
  confidence: number;
  /** Every intent, best first (ties keep the given order). */
  ranking: IntentScore[];
}

export interface RecognizeOptions {
  /** Minimum confidence (0..1) for an intent to be returned instead of `fallback`. */
  threshold: number;
}

export interface IntentRecognizer {
  recognize(text: string, intents: readonly IntentSpec[], options: RecognizeOptions): Promise<IntentRecognition>;
}
