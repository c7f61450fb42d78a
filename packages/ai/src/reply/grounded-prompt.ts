import { buildMemory, DEFAULT_MEMORY_TOKENS, factsSection } from "../context/memory";
import type { ScoredPassage } from "../knowledge/types";
import type { ReplyRequest } from "./types";

/**
 * What a chat model must answer, alone, when it cannot answer: easy to ask for, impossible to
 * confuse with a real reply, and checked before anything reaches the customer.
 */
export const NO_ANSWER = "NO_ANSWER";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

/**
 * The chat for a grounded reply: the node's instructions and the grounding rules as the system
 * message, the passages as numbered sources ("[1] Title › Heading"), the conversation memory
 * (facts from the flow's variables, then recent turns within `memoryTokens`) as the chat, and the
 * question last.
 */
export function groundedChat(request: ReplyRequest, memoryTokens = DEFAULT_MEMORY_TOKENS): ChatMessage[] {
  const memory = buildMemory({ variables: request.variables, turns: request.recentTurns, budgetTokens: memoryTokens });
  const rules = [
    "Reply to the customer's last message in a few sentences, in their language.",
    request.passages.length > 0
      ? "Sources from the help center are numbered below. Cite each source you use with its number in square brackets, e.g. [1]."
      : "",
    request.groundedOnly
      ? `Answer only with what the sources say. If they do not contain the answer, reply exactly ${NO_ANSWER} and nothing else.`
      : `If you cannot answer, reply exactly ${NO_ANSWER} and nothing else.`,
  ].filter(Boolean);
  const system = [request.instructions.trim(), rules.join(" "), sourcesSection(request.passages), factsSection(memory)]
    .filter(Boolean)
    .join("\n\n");

  const chat: ChatMessage[] = [{ role: "system", content: system }];
  for (const turn of memory.turns) chat.push({ role: turn.author === "contact" ? "user" : "assistant", content: turn.text });
  const last = memory.turns.at(-1);
  if (!last || last.author !== "contact" || last.text.trim() !== request.question.trim()) chat.push({ role: "user", content: request.question });
  return chat;
}

function sourcesSection(passages: readonly ScoredPassage[]): string {
  if (passages.length === 0) return "";
  const numbered = passages.map((passage, index) => {
    const heading = passage.heading && passage.heading !== passage.title ? ` › ${passage.heading}` : "";
    return `[${index + 1}] ${passage.title}${heading}\n${passage.text.trim()}`;
  });
  return `Sources:\n${numbered.join("\n\n")}`;
}
