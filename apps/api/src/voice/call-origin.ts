import { originAllowed, storedOrigins, type ApiServices } from "@parley/api";

/**
 * Whether a page of `origin`, which the API's own CORS list does not name, may place a call in
 * this conversation: only a web widget's conversation, and only from an origin its channel
 * allows (as the widget's HTTP routes decide). Browsers apply no CORS to WebSockets, so the
 * gateway checks the Origin itself; the API-wide list cannot know every site a widget is on.
 * Asked after the conversation token was accepted for this conversation.
 */
export async function widgetPageMayCall(services: ApiServices, conversationId: string, origin: string): Promise<boolean> {
  const conversation = await services.db.conversation.findUnique({
    where: { id: conversationId },
    select: { workspaceChannel: { select: { kind: true, allowedOrigins: true } } },
  });
  const channel = conversation?.workspaceChannel;
  return channel?.kind === "web_widget" && originAllowed(storedOrigins(channel.allowedOrigins), origin, services.trustedOrigins);
}
