export { extractiveReply, quote, citation } from './extractive';
export type { Citation, ConversationTurn, Reply, ReplyGenerator, ReplyRequest } from './types';
