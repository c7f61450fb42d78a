import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { ApiContext } from "../context";
import { CONVERSATION_TOKEN_HEADER } from "../auth/caller";
import { allowsChannel, channelNotAllowed, contactSchema, openConversation, publishedFlows } from "../routers/conversation-start";
import { parseChannelConfig, webWidgetOnline, type WebWidgetConfig } from "@parley/channels";
import { visitorIdSchema } from "../contacts/schemas";
import { originAllowed, storedOrigins } from "./origins";

/**
 * What the embeddable widget may do without signing in, each call naming its channel by the
 * public id of the snippet: read the channel's look, open a conversation on its flow, and (with
 * the conversation token it got) go on talking. apps/api serves these under /widget/v1 with CORS
 * for the channel's allowed origins; every refusal is a TRPCError whose code is the HTTP status.
 */

/** The public id in a snippet: letters, digits, _ and -. */
export const widgetPublicIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export interface WidgetChannel {
  id: string;
  workspaceId: string;
  flowId: string | null;
  allowedOrigins: string[];
  config: WebWidgetConfig;
}

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "no such widget channel" });

/** The channel of `publicId` when it exists (404) and the calling page's origin may use it (403). */
export async function widgetChannel(ctx: ApiContext, publicId: string): Promise<WidgetChannel> {
  if (!widgetPublicIdSchema.safeParse(publicId).success) throw notFound();
  const row = await ctx.db.workspaceChannel.findUnique({
    where: { publicId },
    select: { id: true, workspaceId: true, kind: true, flowId: true, allowedOrigins: true, config: true },
  });
  if (!row || row.kind !== "web_widget") throw notFound();
  const allowedOrigins = storedOrigins(row.allowedOrigins);
  if (!originAllowed(allowedOrigins, ctx.request.headers.get("origin"), ctx.trustedOrigins)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "this page's origin may not use this widget; add it to the channel's allowed origins" });
  }
  return { id: row.id, workspaceId: row.workspaceId, flowId: row.flowId, allowedOrigins, config: parseChannelConfig("web_widget", row.config) };
}

/** What the widget draws: the theme, and whether someone is in (business hours) right now. */
export function widgetSettings(channel: WidgetChannel, now = new Date()) {
  const { businessHours: _hours, continueByEmailChannelId: _byEmail, continueBySmsChannelId: _bySms, ...look } = channel.config;
  const online = webWidgetOnline(channel.config, now);
  return { ...look, online };
}

/** The pre-chat form's name and email, and the visitor id the widget keeps in the browser (one contact across visits). */
export const widgetStartSchema = z.object({ contact: contactSchema.pick({ name: true, email: true }).optional(), visitorId: visitorIdSchema.optional() }).strict();

/**
 * Opens a conversation on the channel's flow (its latest published version) on the web channel;
 * the answer carries the customer's token for it, which the widget keeps for reloads.
 */
export async function startWidgetConversation(ctx: ApiContext, channel: WidgetChannel, body: unknown) {
  const input = widgetStartSchema.safeParse(body ?? {});
  if (!input.success) throw new TRPCError({ code: "BAD_REQUEST", message: z.prettifyError(input.error) });
  const inWorkspace = { ...ctx, workspaceId: channel.workspaceId };
  const [published] = channel.flowId ? await publishedFlows(inWorkspace, channel.flowId) : [];
  if (!published) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this widget's flow is not published" });
  if (!allowsChannel(published, "web")) throw channelNotAllowed(published, "web");
  const { conversationId, opening } = await openConversation(inWorkspace, published, "web", { ...input.data.contact, visitorId: input.data.visitorId }, channel.id);
  const { token, expiresAt } = await ctx.tokens.issue({ conversationId, workspaceId: channel.workspaceId });
  return { conversationId, status: opening.status, replies: opening.replies, token, tokenExpiresAt: expiresAt.toISOString() };
}

/**
 * The request's conversation token must be for a conversation of the channel's workspace: a
 * token from elsewhere does not ride on this channel's allowed origins.
 */
export async function checkWidgetToken(ctx: ApiContext, channel: WidgetChannel): Promise<void> {
  const token = ctx.request.headers.get(CONVERSATION_TOKEN_HEADER);
  const claims = token ? await ctx.tokens.verify(token) : null;
  if (!claims) throw new TRPCError({ code: "UNAUTHORIZED", message: "the conversation token is missing, not valid or expired; start a new conversation" });
  if (claims.workspaceId !== channel.workspaceId) throw new TRPCError({ code: "FORBIDDEN", message: "this conversation token is not for this widget" });
}
