import { describe, expect, it } from "vitest";
import type { ConversationTurn } from "../reply/types";
import { buildMemory, factsSection } from "./memory";
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens";

const turns: ConversationTurn[] = Array.from({ length: 10 }, (_, i) => ({ author: i % 2 ? "bot" : "contact", text: `message number ${i} `.repeat(5).trim() }));
const turnCost = (turn: ConversationTurn) => estimateTokens(turn.text) + MESSAGE_OVERHEAD_TOKENS;

describe("estimateTokens", () => {
  it("counts about four characters a token, at least one per word", () => {
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("How do I reset my password?")).toBe(7);
    expect(estimateTokens("a b c d e f g h")).toBe(8);
  });
});

describe("buildMemory", () => {
  it("keeps the newest turns that fit the budget, oldest first", () => {
    const budget = turnCost(turns[9]!) + turnCost(turns[8]!) + turnCost(turns[7]!) + 1;
    const memory = buildMemory({ turns, budgetTokens: budget });
    expect(memory.turns).toEqual(turns.slice(7));
    expect(memory.droppedTurns).toBe(7);
    expect(memory.tokens).toBeLessThanOrEqual(budget);
  });

  it("always keeps the newest turn, cut to the budget", () => {
    const long: ConversationTurn = { author: "contact", text: `${"x".repeat(4000)} the question?` };
    const memory = buildMemory({ turns: [long], budgetTokens: 50 });
    expect(memory.turns).toHaveLength(1);
    expect(memory.turns[0]!.text.endsWith("the question?")).toBe(true);
    expect(memory.tokens).toBeLessThanOrEqual(50);
  });

  it("turns variables with a value into facts, leaving out last_message and empty ones, cutting long values", () => {
    const memory = buildMemory({
      variables: { plan: "Pro", seats: 3, last_message: "hi", email: null, tags: [], order: { id: "A1" }, notes: "n".repeat(500) },
      turns: [],
      budgetTokens: 2000,
    });
    expect(memory.facts.map((fact) => fact.name)).toEqual(["plan", "seats", "order", "notes"]);
    expect(memory.facts[2]!.value).toBe('{"id":"A1"}');
    expect(memory.facts[3]!.value).toHaveLength(200);
    expect(factsSection(memory)).toMatch(/^Known about this conversation:\n- plan: Pro\n- seats: 3\n/);
  });

  it("gives facts at most a quarter of the budget", () => {
    const variables = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`var${i}`, "some value here"]));
    const memory = buildMemory({ variables, turns, budgetTokens: 200 });
    expect(memory.facts.length).toBeGreaterThan(0);
    expect(memory.facts.length).toBeLessThan(100);
    expect(memory.turns.length).toBeGreaterThan(0);
    expect(memory.tokens).toBeLessThanOrEqual(200);
  });
});
