import type { ChannelKind } from "@parley/db";

/** A channel row as a delivery reads it (its config and sealed secret). */
export interface DeliveryChannel {
  id: string;
  workspaceId: string;
  kind: ChannelKind;
  /** The public id in the channel's webhook URL (status callbacks point there). */
  publicId: string;
  config: unknown;
  secretIv: Uint8Array | null;
  secretTag: Uint8Array | null;
  secretData: Uint8Array | null;
}

export interface DeliveryMessage {
  id: string;
  conversationId: string;
  text: string;
  meta: unknown;
  createdAt: Date;
}
