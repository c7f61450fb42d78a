import type { IncomingMessage } from "node:http";
import { SEES_ALL_CONVERSATIONS, userCaller, type ApiServices } from "@parley/api";
import type { TrustProxy } from "./client-address";
import { requestContext } from "./request-context";

/** What a request's session cookie says about reading payloads: nobody, a person who may, one who may not. */
export type CodecSessionVerdict = { kind: "none" } | { kind: "allowed"; userId: string; email: string; workspaceId: string } | { kind: "forbidden"; reason: string };

/**
 * Decrypted payloads are conversations, of any workspace's: only people whose role sees every
 * conversation (owner, admin, supervisor) may read them. An agent or analyst, or someone
 * without an active workspace, is refused.
 */
export function codecSessionCheck(services: ApiServices, trustProxy: TrustProxy) {
  return async (req: IncomingMessage): Promise<CodecSessionVerdict> => {
    const person = await userCaller(requestContext(services, req, trustProxy));
    if (!person) return { kind: "none" };
    if (person.kind !== "user") return { kind: "forbidden", reason: "you are not an active member of any workspace" };
    if (!SEES_ALL_CONVERSATIONS.has(person.role)) return { kind: "forbidden", reason: `your role (${person.role}) does not see every conversation` };
    return { kind: "allowed", userId: person.userId, email: person.email, workspaceId: person.workspaceId };
  };
}
