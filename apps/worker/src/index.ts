export { createConversationWorker, type ConversationWorkerOptions } from "./worker";
