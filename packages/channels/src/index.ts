export { CHANNEL_KINDS, parseChannelConfig, channelSecretName, type ChannelConfig } from "./registry";
export { cleanOptions, outboundTextOf, pickOption, type OutboundText } from "./output";
export * from "./web-widget";
export * from "./email";
