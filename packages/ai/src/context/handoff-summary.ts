import type { SentimentResult } from "../sentiment/types";
import type { ConversationTurn } from "../reply/types";
import { buildMemory } from "./memory";

export interface HandoffSummaryRequest {
  /** The conversation so far, oldest first. */
  turns: readonly ConversationTurn[];
  /** The flow's variables (answers, slots, intent). */
  variables?: Readonly<Record<string, unknown>>;
  /** How the customer feels over their messages, if known. */
  sentiment?: Pick<SentimentResult, "score" | "label"> | null;
}

export interface HandoffSummary {
  /** A few lines for the agent who picks the conversation up. */
  text: string;
  /** Which summarizer wrote it (`extractive`, `openai:<model>`). */
  by: string;
}

/** Writes what an agent needs to take over a conversation without reading all of it. */
export interface HandoffSummarizer {
  readonly name: string;
  summarize(request: HandoffSummaryRequest): Promise<HandoffSummary>;
}

/** Budget for the facts shown to the agent: a summary, not a dump of every variable. */
const FACT_TOKENS = 400;
const QUOTE_CHARS = 160;
/** Messages shorter than this many words ("hi", "hello there") do not state a goal. */
const MIN_GOAL_WORDS = 3;

/**
 * The summary without a model: the customer's goal (their first message that says something,
 * and the latest one if it differs), the facts the flow collected, their mood, and what the bot
 * said last. Every line is quoted or copied, never invented.
 */
export const extractiveHandoffSummary: HandoffSummarizer = {
  name: "extractive",
  async summarize({ turns, variables = {}, sentiment }: HandoffSummaryRequest): Promise<HandoffSummary> {
    const fromContact = turns.filter((turn) => turn.author === "contact" && turn.text.trim());
    const fromBot = turns.filter((turn) => turn.author === "bot");
    const goal = fromContact.find((turn) => wordCount(turn.text) >= MIN_GOAL_WORDS) ?? fromContact[0];
    const latest = fromContact.at(-1);
    const { facts } = buildMemory({ variables, turns: [], budgetTokens: FACT_TOKENS / 0.25 });

    const lines: string[] = [];
    lines.push(goal ? `Customer's goal: "${cut(goal.text)}"` : "The customer has not written anything yet.");
    if (latest && latest !== goal) lines.push(`Latest message: "${cut(latest.text)}"`);
    if (facts.length > 0) lines.push(`Known: ${facts.map((fact) => `${fact.name} = ${fact.value}`).join("; ")}`);
    if (sentiment) lines.push(`Mood: ${sentiment.label} (${sentiment.score.toFixed(2)})`);
    if (fromBot.length > 0) lines.push(`The bot sent ${fromBot.length} message${fromBot.length === 1 ? "" : "s"}; last: "${cut(fromBot.at(-1)!.text)}"`);
    return { text: lines.join("\n"), by: "extractive" };
  },
};

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat;
}
