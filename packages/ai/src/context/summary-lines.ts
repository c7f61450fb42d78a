import type { SentimentResult } from "../sentiment/types";
import type { SentimentDirection } from "../sentiment/trend";

/**
 * The wording of the extractive handoff summary: variable names and sentiment scores as an agent
 * would say them. Kept apart from the summarizer so the rules can be read (and tested) in one place.
 */

/**
 * Variables the runtime or a node keeps for itself (their default names): they say nothing about
 * the customer, or another line says it better (the mood line, not the sentiment score).
 */
const INTERNAL_VARIABLES = new Set(["last_message", "intent_confidence", "sentiment", "ai_reply", "http_status", "http_error"]);
/** Words a variable name starts or ends with that an agent does not need ("contact_name" is the name). */
const SUBJECT_WORDS = new Set(["contact", "customer", "user", "client"]);
const KEY_WORDS = new Set(["id", "number", "no", "ref", "reference"]);

/** Whether a variable is bookkeeping rather than something known about the customer. */
export function isInternalVariable(name: string): boolean {
  return INTERNAL_VARIABLES.has(name) || /(^|_)confidence$|Confidence$/.test(name);
}

/** `contact_name` → "Name", `order_id` → "Order", `deliveryDate` → "Delivery date". */
export function humanizeVariable(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[_\s]+/)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
  if (words.length > 1 && SUBJECT_WORDS.has(words[0]!)) words.shift();
  if (words.length > 1 && KEY_WORDS.has(words.at(-1)!)) words.pop();
  const text = words.join(" ");
  return text ? text[0]!.toUpperCase() + text.slice(1) : name;
}

/** An intent name (`billing_question`) as words ("billing question"). */
export function humanizeIntent(intent: string): string {
  return intent.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase().trim();
}

/** Words for a sentiment score: agents act on "frustrated", not on -0.46. */
export function moodWords({ score }: Pick<SentimentResult, "score">, direction?: SentimentDirection | null): string {
  const mood = score <= -0.6 ? "very frustrated" : score <= -0.2 ? "frustrated" : score < 0.2 ? "calm" : score < 0.6 ? "content" : "happy";
  return direction === "improving" || direction === "worsening" ? `${mood} (${direction === "improving" ? "improving" : "getting worse"})` : mood;
}
