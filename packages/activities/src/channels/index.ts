export { createChannelDeliveryActivities, type ChannelDeliveryDeps, type DeliverChannelInput, type DeliverChannelResult } from "./delivery";
export { ChannelDispatcher, channelDeliveryId, DEFAULT_CHANNEL_DISPATCH_POLL_MS, DEFAULT_CHANNEL_SETTLE_MS, type ChannelDispatcherOptions } from "./dispatcher";
export { deliveryMessageId } from "./email";
export type { DeliveryContext, Delivered } from "./delivery-context";
