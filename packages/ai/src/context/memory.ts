import type { ConversationTurn } from "../reply/types";
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens";

/** What a model is told about the conversation so far. */
export interface ConversationMemory {
  /** Known facts: the flow's variables (answers to asks, extracted slots, intent), as text. */
  facts: { name: string; value: string }[];
  /** The most recent turns that fit the budget, oldest first. */
  turns: ConversationTurn[];
  /** How many older turns were left out for the budget. */
  droppedTurns: number;
  /** Estimated tokens of facts + turns (see `estimateTokens`). */
  tokens: number;
}

export interface MemoryInput {
  variables?: Readonly<Record<string, unknown>>;
  turns: readonly ConversationTurn[];
  /** Token budget for facts and turns together. */
  budgetTokens: number;
}

/** Default memory budget: a few thousand tokens leaves room for sources and the answer in any current model. */
export const DEFAULT_MEMORY_TOKENS = 2000;
/** Facts get at most this share of the budget, so a flow with many variables keeps its recent turns. */
const FACTS_SHARE = 0.25;
/** One fact's value is cut here: a variable holding a whole document is not a fact. */
const MAX_FACT_CHARS = 200;
/** Built-in variables that repeat what the turns already say. */
const REDUNDANT_VARIABLES = new Set(["last_message"]);

/**
 * Conversation memory within a token budget: the flow's variables that have a value (answers to
 * ask nodes, extracted slots, the recognised intent) as facts, then the newest turns that still
 * fit, newest kept first. The newest turn is always kept (it is what the customer just said),
 * cut if it alone is over the budget.
 */
export function buildMemory({ variables = {}, turns, budgetTokens }: MemoryInput): ConversationMemory {
  const facts: ConversationMemory["facts"] = [];
  let factTokens = 0;
  for (const [name, raw] of Object.entries(variables)) {
    if (REDUNDANT_VARIABLES.has(name)) continue;
    const value = factValue(raw);
    if (value === null) continue;
    const cost = estimateTokens(`${name}: ${value}`);
    if (factTokens + cost > budgetTokens * FACTS_SHARE) break;
    facts.push({ name, value });
    factTokens += cost;
  }

  const kept: ConversationTurn[] = [];
  let turnTokens = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const cost = estimateTokens(turn.text) + MESSAGE_OVERHEAD_TOKENS;
    if (factTokens + turnTokens + cost > budgetTokens) {
      if (kept.length === 0) {
        const room = Math.max(0, budgetTokens - factTokens - MESSAGE_OVERHEAD_TOKENS) * 4;
        kept.unshift({ author: turn.author, text: turn.text.slice(-room) });
        turnTokens += estimateTokens(kept[0]!.text) + MESSAGE_OVERHEAD_TOKENS;
      }
      break;
    }
    kept.unshift(turn);
    turnTokens += cost;
  }
  return { facts, turns: kept, droppedTurns: turns.length - kept.length, tokens: factTokens + turnTokens };
}

/** A variable's value as prompt text, or null when it says nothing (unset, empty). */
function factValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === "string" ? value.trim() : JSON.stringify(value);
  if (!text || text === "[]" || text === "{}") return null;
  return text.length > MAX_FACT_CHARS ? `${text.slice(0, MAX_FACT_CHARS - 1)}…` : text;
}

/** The facts as a prompt section ("" when there are none). */
export function factsSection(memory: ConversationMemory): string {
  if (memory.facts.length === 0) return "";
  return `Known about this conversation:\n${memory.facts.map((fact) => `- ${fact.name}: ${fact.value}`).join("\n")}`;
}
