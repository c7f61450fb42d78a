export { apiConfigSchema, type ApiChannelConfig } from "./config";
export { apiInboundSchema, parseApiMessage, ApiMessageError, type ApiInboundMessage } from "./inbound";
export { apiOutboundMessage, apiThreadRef, apiMessageRef, API_SIGNATURE_HEADER, type ApiOutboundMessage } from "./outbound";
