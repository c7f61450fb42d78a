export { CHANNEL_KINDS, parseChannelConfig, channelSecretName, type ChannelConfig } from "./registry";
export { cleanOptions, outboundTextOf, pickOption, type OutboundText } from "./output";
export * from "./web-widget";
export * from "./email";
export * from "./twilio";
export * from "./whatsapp";
export * from "./api";
export { replyHint, plainText, splitText } from "./text-parts";
export { ProviderError, providerError, networkError, MediaTooLargeError, fetchMedia, retryAfterMs, DEFAULT_PROVIDER_URLS, type ProviderUrls, type FetchedMedia } from "./provider-http";
