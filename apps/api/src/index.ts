export { createApiServer, type ApiServerOptions } from "./server";
export { attachVoiceGateway, type VoiceGateway, type VoiceGatewayOptions } from "./voice/gateway";
export type { VoiceEngines } from "./voice/engines";
export { defaultVoiceLimits, type VoiceLimits } from "./voice/limits";
