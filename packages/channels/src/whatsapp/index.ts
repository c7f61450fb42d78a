export { whatsappConfigSchema, whatsappCredentialsSchema, parseWhatsappCredentials, WHATSAPP_WINDOW_MS, type WhatsappConfig, type WhatsappCredentials } from "./config";
export { whatsappSignature, verifyWhatsappSignature, whatsappVerification } from "./signature";
export { parseWhatsappWebhook, WhatsappWebhookError, type WhatsappInboundMessage, type WhatsappStatus } from "./inbound";
export { renderWhatsapp, templatePayload, optionId, optionNumberOf, WHATSAPP_LIMITS, type WhatsappPayload } from "./render";
export { sendWhatsappMessage, fetchWhatsappMedia, OUTSIDE_WINDOW_ERROR, type WhatsappApi } from "./outbound";
