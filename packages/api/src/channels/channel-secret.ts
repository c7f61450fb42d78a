import type { SecretBox } from "@parley/db";
import { channelSecretName } from "@parley/channels";

/** A channel row's sealed credential. */
export interface SealedChannel {
  id: string;
  workspaceId: string;
  secretIv: Uint8Array | null;
  secretTag: Uint8Array | null;
  secretData: Uint8Array | null;
}

/** The channel's credential in clear, or null when it has none or it does not open (wrong key, altered row). */
export function openChannelSecret(secretBox: SecretBox | undefined, channel: SealedChannel): string | null {
  if (!secretBox || !channel.secretIv || !channel.secretTag || !channel.secretData) return null;
  try {
    return secretBox.open(channel.workspaceId, channelSecretName(channel.id), { iv: channel.secretIv, tag: channel.secretTag, data: channel.secretData });
  } catch {
    return null;
  }
}

/** The answer a webhook route writes. */
export interface WebhookReply {
  status: number;
  contentType: string;
  body: string;
}

export const textReply = (status: number, body: string): WebhookReply => ({ status, contentType: "text/plain; charset=utf-8", body });

/** A file name for a media file that came without one: `image-1.jpeg`. */
export function mediaFileName(contentType: string, index: number): string {
  const [type, subtype] = contentType.toLowerCase().split(";")[0]!.trim().split("/");
  const ext = (subtype ?? "bin").replace(/[^a-z0-9]/g, "").slice(0, 10) || "bin";
  return `${(type ?? "file").replace(/[^a-z]/g, "") || "file"}-${index + 1}.${ext}`;
}
