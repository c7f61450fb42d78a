import { createEscalationActivities, type EscalationDeps } from "./escalation";
import { createKnowledgeActivities, type KnowledgeDeps } from "./knowledge";
import { createHandoffSummaryActivities, type HandoffSummaryDeps } from "./handoff-summary";
import { createPersistenceActivities, type PersistenceDeps } from "./persistence";
import { createUnderstandingActivities, type UnderstandingDeps } from "./understanding";
import { createIntegrationActivities, type IntegrationDeps } from "./integrations";
import { createSubflowActivities, type SubflowDeps } from "./subflows";
import { customActivities, customActivityHandlers, type AnyCustomActivity } from "./custom";
import { createVoiceActivities, type VoiceDeps } from "./voice/voice-activities";
import { createRetentionActivities, type RetentionDeps } from "./retention";
import { createAutomationActivities } from "./automation";
import { createSlaPolicyActivities } from "./sla-policies";
import { createSecretResolver } from "./secrets";
import { createRoutingActivities, type RoutingDeps } from "./routing";
import { createWebhookActivities, type WebhookDeliveryDeps } from "./webhooks";
import { createScheduledReportActivities, type ScheduledReportDeps } from "./scheduled-reports";
import { createChannelDeliveryActivities, type ChannelDeliveryDeps } from "./channels";

export interface CustomActivityDeps {
  /** The developers' activities to register (default: the catalog in custom/index.ts). */
  customActivities?: readonly AnyCustomActivity[];
}

export type ActivityDeps = PersistenceDeps &
  EscalationDeps &
  KnowledgeDeps &
  HandoffSummaryDeps &
  UnderstandingDeps &
  IntegrationDeps &
  SubflowDeps &
  VoiceDeps &
  RetentionDeps &
  RoutingDeps &
  WebhookDeliveryDeps &
  ChannelDeliveryDeps &
  ScheduledReportDeps &
  CustomActivityDeps;

/**
 * Every Parley activity, built from injected dependencies so tests pass a real local database
 * instead of mocking modules. The worker registers the returned object as-is.
 */
export function createActivities(deps: ActivityDeps) {
  const builtIns = {
    ...createPersistenceActivities(deps),
    ...createEscalationActivities(deps),
    ...createUnderstandingActivities(deps),
    ...createKnowledgeActivities(deps),
    ...createHandoffSummaryActivities(deps),
    ...createIntegrationActivities(deps),
    ...createSubflowActivities(deps),
    ...createVoiceActivities(deps),
    ...createRetentionActivities(deps),
    ...createRoutingActivities(deps),
    ...createWebhookActivities(deps),
    ...createChannelDeliveryActivities(deps),
    ...createAutomationActivities(deps),
    ...createSlaPolicyActivities(deps),
    ...createScheduledReportActivities(deps),
  };
  // Custom activities are registered under their own names (= activity types in Temporal's UI).
  // Workflows call them by a name taken from the flow, through an untyped proxy, so they are
  // left out of the `Activities` type.
  const custom = customActivityHandlers(deps.customActivities ?? customActivities, Object.keys(builtIns), createSecretResolver(deps));
  return Object.assign(builtIns, custom) as typeof builtIns;
}

export type Activities = ReturnType<typeof createActivities>;
export * from "./types";
export { createPersistenceActivities } from "./persistence";
export type { AnalyzeSentimentInput, RecognizeIntentInput } from "./understanding";
export type { HttpRequestInput, HttpRequestResult } from "./integrations";
export { createEgressPolicy, type EgressDeps, type ResolveHost } from "./egress";
export * from "./webhooks";
export { OrphanReconciler, ORPHAN_GRACE_MS, type OrphanReconcilerOptions } from "./orphan-conversations";
export * from "./channels";
export type { LoadSubflowInput, LoadedSubflow } from "./subflows";
export type { ScheduledReportInput, ScheduledReportResult } from "./scheduled-reports";
export type { ReportMailConfig } from "./report-email";
export type { SummarizeHandoffInput } from "./handoff-summary";
export type { IdleMarkInput } from "./automation";
export type { EnqueueHandoffInput, NewOffer, RoutingCandidate, SettledOffer, TeamRoutingView } from "./routing";
export { createKnowledgeStore, contentHash, CHUNKER_VERSION, type DocumentFields, type KnowledgeStore } from "./knowledge-store";
export { KnowledgeIndexCache, type RefreshStats } from "./knowledge-index-cache";
export { toPassage } from "./knowledge";
export { ANSWERABLE_MIN_SCORE, KnowledgeIngestError, ingestDocumentInWorker, searchHybrid, type DocumentSource, type Embedder } from "@parley/ai";
export { createUnderstandingActivities, intentRouterWarnings, type ExtractEntitiesInput } from "./understanding";
export { sentimentTrend, type SentimentTrend } from "@parley/ai";
export { PollingLoop } from "./polling-loop";
