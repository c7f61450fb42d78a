export { twilioConfigSchema, twilioMedium, phoneOfAddress, type TwilioConfig } from "./config";
export { twilioSignature, verifyTwilioSignature } from "./signature";
export { parseTwilioWebhook, TwilioWebhookError, type TwilioWebhook, type TwilioMedia, type TwilioDeliveryStatus } from "./inbound";
export { renderTwilio, TWILIO_MAX_BODY } from "./render";
export { sendTwilioMessage, twilioAuthHeaders, type TwilioSend } from "./outbound";
