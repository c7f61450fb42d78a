export { createDb, databaseKindOf, readRows, writeTransaction, type Db } from "./client";
export { UnstorableTextError } from "./raw-writes";
export { databaseKind, type DatabaseKind } from "./adapter";
export { dbEnv } from "./env";
export { checkKey, loadOrCreateKeyFile } from "./key-file";
export { createSecretBox, loadSecretsKey, SecretIntegrityError, type SealedSecret, type SecretBox } from "./secret-box";
export { databaseUrlProblem, isProduction, productionConfigProblems, refuseProductionDefaults, type ProductionSetting } from "./production-config";
export { asJson } from "./json";
export * from "./webhooks";
export { effectivePresence, persistAutoAway, touchActivity, DEFAULT_AUTO_AWAY_MS, ACTIVITY_RESOLUTION_MS, PRESENCES, type PresenceFacts } from "./presence";
export { dbErrorInfo, type DbErrorInfo, type DbErrorKind } from "./errors";
export { migrateDatabase } from "./migrate";
export { seedDemo, DEMO_WORKSPACE_SLUG, type DemoSeed } from "./seed-demo";
export { DEMO_KNOWLEDGE_BASE } from "./seed-knowledge";
export * from "./generated/sqlite/enums";
export type {
  Workspace,
  User,
  Flow,
  FlowVersion,
  Contact,
  Conversation,
  Message,
  KnowledgeBase,
  KnowledgeDocument,
  KnowledgeChunk,
  ChangeEvent,
  WebhookEvent,
  WebhookSubscription,
  WebhookDelivery,
} from "./generated/sqlite/client";
export { Prisma } from "./generated/sqlite/client";
