import { cleanOptions } from "@parley/channels";
import type { ApiServices } from "../context";

/** Seals an attachment's bytes at rest (apps/api passes the audio cipher: the same AES-256-GCM store). */
export type SealBytes = (plain: Uint8Array) => { iv: Uint8Array; tag: Uint8Array; data: Uint8Array };

/** A file a customer sent on any channel (an email attachment, an MMS or WhatsApp media file). */
export interface InboundFile {
  fileName: string;
  contentType: string;
  content: Uint8Array;
}

/** The options the bot's last message offered, for answers by number or label. */
export async function offeredOptions(services: ApiServices, conversationId: string): Promise<string[]> {
  const last = await services.db.message.findFirst({ where: { conversationId, author: { not: "contact" } }, orderBy: { seq: "desc" }, select: { meta: true } });
  const meta = (last?.meta ?? {}) as { quickReplies?: unknown[] };
  return cleanOptions(Array.isArray(meta.quickReplies) ? meta.quickReplies : []);
}

/** Stores a message's files sealed, linked to the customer message once the workflow recorded it. */
export async function storeAttachments(services: ApiServices, conversationId: string, messageId: string | null, files: readonly InboundFile[], seal: SealBytes): Promise<void> {
  for (const file of files) {
    const sealed = seal(file.content);
    await services.db.messageAttachment.create({
      data: {
        conversationId,
        messageId,
        fileName: file.fileName,
        contentType: file.contentType.slice(0, 200),
        bytes: file.content.byteLength,
        iv: Buffer.from(sealed.iv),
        tag: Buffer.from(sealed.tag),
        data: Buffer.from(sealed.data),
      },
      select: { id: true },
    });
  }
}
