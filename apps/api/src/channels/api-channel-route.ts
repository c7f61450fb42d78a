import type { IncomingMessage, ServerResponse } from "node:http";
import { handleApiChannelMessage, type ApiServices } from "@parley/api";
import { answer, header, readBody } from "./webhook-http";

const ROUTE = /^\/channels\/api\/([A-Za-z0-9_-]{1,64})\/messages\/?(?:\?.*)?$/;

/** Where an integration posts its messages, as shown on the channel's settings page. */
export const apiChannelPath = (publicId: string) => `/channels/api/${publicId}/messages`;

/**
 * `POST /channels/api/:publicId/messages`: a custom integration's messages. Public route: each
 * request is authenticated by X-Parley-Signature with the channel's sealed secret (packages/api
 * checks it before anything is parsed or stored); the workspace is the channel's.
 */
export function createApiChannelRoute(services: ApiServices) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const match = ROUTE.exec(req.url ?? "");
    if (!match) return false;
    if (req.method !== "POST") {
      res.writeHead(405, { "content-type": "application/json", allow: "POST" }).end(JSON.stringify({ error: "POST only" }));
      return true;
    }
    answer(
      res,
      readBody(req).then((body) => handleApiChannelMessage(services, { publicId: match[1]!, rawBody: body.toString("utf8"), signature: header(req, "x-parley-signature") })),
    );
    return true;
  };
}
