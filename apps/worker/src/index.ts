export { createConversationWorker, workerClient, type ConversationWorkerOptions } from "./worker";
export { ensureRetentionSchedule, type RetentionScheduleOptions } from "./retention-schedule";
export { aiActivityDeps, type AiActivityDeps } from "./ai-providers";
export { startTracing, type Tracing } from "./tracing";
export { loadWorkflowBundle, sharedWorkflowModules } from "./workflow-bundle";
export { withWorkflowStackTraces } from "./workflow-stack-traces";
