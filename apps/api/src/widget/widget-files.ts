import type { IncomingMessage, ServerResponse } from "node:http";
import { receiveWidgetFile, widgetFile, type ApiContext } from "@parley/api";
import type { AudioCipher } from "@parley/activities/voice";
import { replyJson } from "../json-reply";
import { sendAttachment } from "../attachments/attachment-route";

/** What the widget's file routes need: the store's cipher and the largest file taken. */
export interface WidgetFileOptions {
  cipher: AudioCipher;
  maxBytes: number;
}

export class UploadTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.floor(maxBytes / (1024 * 1024)) || 1} MB`);
  }
}

/**
 * The request body, up to `maxBytes`: a declared Content-Length past it is refused at once; a
 * body that grows past it is read to its end and dropped (so the client hears the 413 instead of
 * a reset), keeping nothing.
 */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadTooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else chunks.length = 0;
  }
  if (size > maxBytes) throw new UploadTooLarge(maxBytes);
  return Buffer.concat(chunks);
}

/**
 * `POST …/conversations/:id/attachments?name=&clientMessageId=`: the file is the raw body, its
 * declared type the Content-Type (checked against its content). Answers the send's turn with the
 * stored file.
 */
export async function uploadWidgetFile(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, conversationId: string, query: URLSearchParams, options: WidgetFileOptions) {
  const content = await readBody(req, options.maxBytes);
  const turn = await receiveWidgetFile(
    ctx,
    conversationId,
    { name: query.get("name") ?? undefined, clientMessageId: query.get("clientMessageId") ?? undefined, declaredType: req.headers["content-type"], content },
    (plain) => options.cipher.seal(plain),
  );
  replyJson(res, 200, turn);
}

/** `GET …/conversations/:id/attachments/:file`: one of the conversation's files, for its customer. */
export async function downloadWidgetFile(ctx: ApiContext, res: ServerResponse, conversationId: string, attachmentId: string, options: WidgetFileOptions) {
  const file = await widgetFile(ctx, conversationId, attachmentId);
  sendAttachment(res, file, options.cipher.open(file));
}
