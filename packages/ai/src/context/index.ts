export { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from "./tokens";
export { buildMemory, factsSection, DEFAULT_MEMORY_TOKENS, type ConversationMemory, type MemoryInput } from "./memory";
export {
  extractiveHandoffSummary,
  type HandoffSummarizer,
  type HandoffSummary,
  type HandoffSummaryRequest,
} from "./handoff-summary";
