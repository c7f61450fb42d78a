export { createWebhookActivities, endpointSecrets, retryAfterMs, DELIVERY_TIMEOUT_MS, type DeliverWebhookInput, type DeliverWebhookResult, type WebhookDeliveryDeps } from "./delivery";
export { WebhookDispatcher, webhookDeliveryWorkflowId, DEFAULT_DISPATCH_POLL_MS, type WebhookDispatcherOptions } from "./dispatcher";
export { buildWebhookPayload, type WebhookPayload } from "./payloads";
export {
  signWebhook,
  signedHeaders,
  verifyWebhookSignature,
  WebhookVerificationError,
  DEFAULT_TOLERANCE_SECONDS,
  WEBHOOK_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type VerifyWebhookInput,
} from "./signature";
