import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "@parley/workflows/contracts";
import type { ApiContext } from "../context";
import { appRouter } from "../router";
import { createCallerFactory } from "../trpc";
import { storeAttachments, type SealBytes } from "./inbound-common";
import { acceptedFileType } from "./file-sniff";

/**
 * Files a customer sends from the embeddable widget (the paperclip). The conversation is the
 * one the customer's token is for: `conversations.state` refuses any other (403) before a byte is
 * looked at. The file goes in as other channels' files do: a customer message through
 * `conversations.send` (the widget's text path, with the client's message id, so a retried upload
 * is one message), then the bytes sealed in the same table, linked to that message. A refusal
 * (400 malformed, 415 not an accepted kind) stores nothing; so does a send the workflow refuses.
 */

const createCaller = createCallerFactory(appRouter);

/** Query of an upload: the file's name and the client's message id (the idempotency key). */
export const widgetUploadSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "name the file (?name=)")
    .max(200)
    // Only the last path part of what a browser or a script may send; no control characters.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .transform((name) => name.split(/[\\/]/).pop()!.replace(/[\x00-\x1f\x7f]/g, "").trim())
    .refine((name) => name.length > 0, "the file name is empty"),
  clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "clientMessageId: use 1-64 letters, digits, - or _"),
});

export interface WidgetUpload {
  name: unknown;
  clientMessageId: unknown;
  declaredType: string | undefined;
  content: Uint8Array;
}

export interface StoredFile {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
}

const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

/** Stores the customer's file and sends the message that carries it; answers like a text send, with the file. */
export async function receiveWidgetFile(ctx: ApiContext, conversationId: string, upload: WidgetUpload, seal: SealBytes) {
  const caller = createCaller(ctx);
  // The token's own conversation, live: nothing below runs for anyone else's.
  const state = await caller.conversations.state({ conversationId });
  const input = widgetUploadSchema.safeParse({ name: upload.name, clientMessageId: upload.clientMessageId });
  if (!input.success) throw badRequest(z.prettifyError(input.error));
  if (upload.content.byteLength === 0) throw badRequest("the file is empty");
  const contentType = acceptedFileType(upload.declaredType, upload.content);
  if (!contentType) {
    throw new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "send a picture (PNG, JPEG, GIF, WebP), a PDF or a plain text file" });
  }
  if (state.status !== "active" && state.status !== "handoff") throw new TRPCError({ code: "CONFLICT", message: `the conversation is ${state.status}` });
  const { name: fileName, clientMessageId } = input.data;
  // The words agents and the flow see, as for an email or an MMS that came without text.
  const text = `[sent ${fileName}]`.slice(0, MAX_MESSAGE_LENGTH);
  const turn = await caller.conversations.send({ conversationId, text, clientMessageId });
  const accepted = (turn as { accepted?: { id: string } }).accepted;
  const messageId = accepted?.id ?? null;
  // A retried upload (same message id) finds its file stored already.
  const existing = messageId ? await ctx.db.messageAttachment.findMany({ where: { conversationId, messageId }, select: FILE_FIELDS }) : [];
  if (existing.length === 0) await storeAttachments(ctx, conversationId, messageId, [{ fileName, contentType, content: upload.content }], seal);
  const files = messageId ? await ctx.db.messageAttachment.findMany({ where: { conversationId, messageId }, select: FILE_FIELDS }) : [];
  return { ...turn, attachments: files };
}

const FILE_FIELDS = { id: true, fileName: true, contentType: true, bytes: true } as const;

/** One of the conversation's files for its customer (their own uploads): the row to open, or 404. */
export async function widgetFile(ctx: ApiContext, conversationId: string, attachmentId: string) {
  await createCaller(ctx).conversations.state({ conversationId });
  const file = await ctx.db.messageAttachment.findFirst({
    where: { id: attachmentId, conversationId },
    select: { ...FILE_FIELDS, iv: true, tag: true, data: true },
  });
  if (!file) throw new TRPCError({ code: "NOT_FOUND", message: `attachment ${attachmentId} not found` });
  return file;
}
