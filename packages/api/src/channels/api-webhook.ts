import { verifyWebhookSignature, WebhookVerificationError } from "@parley/activities";
import { ApiMessageError, parseApiMessage } from "@parley/channels";
import type { ApiServices } from "../context";
import { openChannelSecret, type WebhookReply } from "./channel-secret";
import { receiveApiMessage } from "./api-inbound";
import { webhookFailure } from "./webhook-failure";

export interface ApiChannelRequest {
  publicId: string;
  /** The body exactly as received: the signature covers these bytes. */
  rawBody: string;
  /** X-Parley-Signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
  signature: string | undefined;
}

const jsonReply = (status: number, value: unknown): WebhookReply => ({ status, contentType: "application/json; charset=utf-8", body: JSON.stringify(value) });

/**
 * `POST /channels/api/<publicId>/messages` (public: authenticated only by X-Parley-Signature
 * with the channel's sealed secret, the outbound webhooks' scheme and 5-minute window). 404 for
 * an unknown channel, 401 for a missing, wrong or stale signature (nothing is read or stored),
 * 400 naming the wrong field, 200 with `{ conversationId, messageId, replies }`.
 */
export async function handleApiChannelMessage(services: ApiServices, request: ApiChannelRequest): Promise<WebhookReply> {
  const channel = await services.db.workspaceChannel.findFirst({
    where: { publicId: request.publicId, kind: "api" },
    select: { id: true, workspaceId: true, flowId: true, secretIv: true, secretTag: true, secretData: true },
  });
  if (!channel) return jsonReply(404, { error: "no such channel" });
  const secret = openChannelSecret(services.secretBox, channel);
  if (!secret) return jsonReply(401, { error: "this channel has no signing secret it can open; rotate it in Settings → Channels" });
  try {
    verifyWebhookSignature({ body: request.rawBody, signature: request.signature, secret });
  } catch (err) {
    if (err instanceof WebhookVerificationError) return jsonReply(401, { error: `X-Parley-Signature: ${err.message.replace("Parley-Signature", "X-Parley-Signature")}` });
    throw err;
  }
  let posted;
  try {
    posted = parseApiMessage(request.rawBody);
  } catch (err) {
    if (err instanceof ApiMessageError) return jsonReply(400, { error: err.message });
    throw err;
  }
  try {
    return jsonReply(200, await receiveApiMessage(services, channel, posted));
  } catch (err) {
    const failure = webhookFailure("api", err);
    return jsonReply(failure.status, { error: failure.body });
  }
}
