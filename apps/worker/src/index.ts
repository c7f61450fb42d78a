export { createConversationWorker, type ConversationWorkerOptions } from "./worker";
export { aiActivityDeps, type AiActivityDeps } from "./ai-providers";
