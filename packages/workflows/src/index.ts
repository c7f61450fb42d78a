export * from "./contracts";
export * from "./background-contracts";
export * from "./simulation-contracts";
export * from "./team-queue-contracts";
// Type only: callers name the workflow function for typing, the worker bundles the code.
export type { conversation } from "./conversation";
export type { eraseContact, retentionSweep } from "./retention";
export type { teamQueue } from "./team-queue";
export type { webhookDelivery, WebhookDeliveryResult } from "./webhook-delivery";
export type { scheduledReport } from "./scheduled-report";
export type { channelDelivery, ChannelDeliveryResult } from "./channel-delivery";
export type { automationIdle } from "./automation-idle";
