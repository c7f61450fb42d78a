export { createApiServer, LISTEN_BACKLOG, type ApiServerOptions } from "./server";
export { attachVoiceGateway, type VoiceGateway, type VoiceGatewayOptions } from "./voice/gateway";
export type { VoiceEngines } from "./voice/engines";
export { defaultVoiceLimits, type VoiceLimits } from "./voice/limits";
export { createRateLimiter, defaultRateBudgets, type Budget, type RateBudgets, type RateLimiter, type RateLimitOptions } from "./rate-limits";
export { parseTrustProxy, type TrustProxy } from "./client-address";
export { createCodecRoute, type CodecRouteOptions } from "./codec-route";
export { temporalClient } from "./temporal-connection";
export { createSmtpInbound, type SmtpInboundOptions } from "./email/smtp-inbound";
