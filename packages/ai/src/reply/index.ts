export { extractiveReply, quote, citation } from './extractive';
export type { Citation, ConversationTurn, Reply, ReplyGenerator, ReplyRequest } from './types';
export { groundedChat, NO_ANSWER, type ChatMessage } from './grounded-prompt';
export { resolveCitations, type CitedText } from './citations';
