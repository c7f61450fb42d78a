import type { SentimentResult } from "../sentiment/types";
import type { ConversationTurn } from "../reply/types";
import type { SentimentDirection } from "../sentiment/trend";
import { buildMemory } from "./memory";
import { humanizeIntent, humanizeVariable, isInternalVariable, moodWords } from "./summary-lines";

export interface HandoffSummaryRequest {
  /** The conversation so far, oldest first. */
  turns: readonly ConversationTurn[];
  /** The flow's variables (answers, slots, intent). */
  variables?: Readonly<Record<string, unknown>>;
  /** How the customer feels over their messages, if known. */
  sentiment?: Pick<SentimentResult, "score" | "label"> | null;
  /** Whether their mood is improving or getting worse over their latest messages, if known. */
  trend?: SentimentDirection | null;
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
/** A knowledge answer is quoted only far enough for the agent to recognise it. */
const ANSWER_QUOTE_CHARS = 80;
/** Messages shorter than this many words ("hi", "hello there") do not state a goal. */
const MIN_GOAL_WORDS = 3;
/** The variables the intent router and the knowledge answer write by default: read as what the bot tried. */
const INTENT_VARIABLE = "intent";
const KNOWLEDGE_VARIABLE = "kb_answer";
/** The intent router's answer when nothing matched. */
const FALLBACK_INTENT = "fallback";

/**
 * The summary without a model, as short bullet lines: what the customer wants (their first
 * message that says something, and the latest one if it differs), what is known about them
 * (the flow's variables with readable names, bookkeeping left out), how they feel in words, and
 * what the bot tried (the intent it recognised, its help-centre answer, what it said last).
 * Every line is quoted or copied, never invented.
 */
export const extractiveHandoffSummary: HandoffSummarizer = {
  name: "extractive",
  async summarize({ turns, variables = {}, sentiment, trend }: HandoffSummaryRequest): Promise<HandoffSummary> {
    const fromContact = turns.filter((turn) => turn.author === "contact" && turn.text.trim());
    const goal = fromContact.find((turn) => wordCount(turn.text) >= MIN_GOAL_WORDS) ?? fromContact[0];
    const latest = fromContact.at(-1);

    const lines: string[] = [];
    lines.push(goal ? `Wants: "${cut(goal.text)}"` : "The customer has not written anything yet.");
    if (latest && latest !== goal) lines.push(`Latest message: "${cut(latest.text)}"`);
    // An answer that repeats a message quoted above ("topic" = the goal) would say it twice.
    const quoted = new Set([goal, latest].filter((turn) => turn !== undefined).map((turn) => cut(turn.text)));
    const known = knownFacts(variables).filter((fact) => !quoted.has(cut(fact.value)));
    if (known.length > 0) lines.push(`Known: ${known.map((fact) => `${fact.name}: ${fact.value}`).join(" · ")}`);
    if (sentiment) lines.push(`Feels: ${moodWords(sentiment, trend)}`);
    lines.push(...botAttempts(turns, variables));
    return { text: lines.map((line) => `• ${line}`).join("\n"), by: "extractive" };
  },
};

/** "Name: Ivan Invoice", "Order: 1234": the variables that describe the customer, with a value. */
function knownFacts(variables: Readonly<Record<string, unknown>>): { name: string; value: string }[] {
  const aboutCustomer = Object.fromEntries(
    Object.entries(variables).filter(([name]) => !isInternalVariable(name) && name !== INTENT_VARIABLE && name !== KNOWLEDGE_VARIABLE),
  );
  const { facts } = buildMemory({ variables: aboutCustomer, turns: [], budgetTokens: FACT_TOKENS / 0.25 });
  return facts.map((fact) => ({ name: humanizeVariable(fact.name), value: fact.value }));
}

/** What the bot tried before handing off: the intent, the help-centre lookup, its last message. */
function botAttempts(turns: readonly ConversationTurn[], variables: Readonly<Record<string, unknown>>): string[] {
  const lines: string[] = [];
  const intent = variables[INTENT_VARIABLE];
  if (intent === FALLBACK_INTENT) lines.push("Bot did not recognise the request");
  else if (typeof intent === "string" && intent.trim()) lines.push(`Bot recognised: ${humanizeIntent(intent)}`);
  // The knowledge answer clears its variable before searching: present but empty means nothing was found.
  if (KNOWLEDGE_VARIABLE in variables) {
    const answer = variables[KNOWLEDGE_VARIABLE];
    lines.push(typeof answer === "string" && answer.trim() ? `Help centre answered: "${cut(answer, ANSWER_QUOTE_CHARS)}"` : "Help centre: no answer found");
  }
  const fromBot = turns.filter((turn) => turn.author === "bot");
  if (fromBot.length > 0) lines.push(`Bot sent ${fromBot.length} message${fromBot.length === 1 ? "" : "s"}; last: "${cut(fromBot.at(-1)!.text)}"`);
  return lines;
}

function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function cut(text: string, limit = QUOTE_CHARS): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}
