/**
 * Intent recognition: which of a flow's intents a customer's message expresses. The flow's intent
 * router passes its intents (name + example phrases) with every call, so a recognizer needs no
 * training step or stored state; an implementation may cache what it derives from them.
 */

export interface IntentSpec {
  /** Identifier, unique within the call (the router's port is `intent:<name>`). */
  name: string;
  /** Typical phrases a customer would write for this intent. */
  examples: readonly string[];
}

export interface IntentScore {
  intent: string;
  /** Similarity in 0..1 (1: the text is one of the examples, word for word). */
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
