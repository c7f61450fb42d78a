// The module the worker bundles (workflowsPath): every exported function is a workflow type.
export { conversation } from "./conversation";
export { eraseContact, retentionSweep } from "./retention";
export { teamQueue } from "./team-queue";
export { webhookDelivery } from "./webhook-delivery";
export { channelDelivery } from "./channel-delivery";
export { automationIdle } from "./automation-idle";
export { scheduledReport } from "./scheduled-report";
