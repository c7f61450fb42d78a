import { MANAGERS, WRITE_KEYS, type Principal } from "./principals";

/** The plain HTTP and WebSocket routes, with the same meaning. */
export const ROUTES: Record<string, Principal[]> = {
  "POST /voice/messages/:conversationId": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "WS /voice/calls/:conversationId": ["customer", ...MANAGERS, ...WRITE_KEYS],
  "WS /voice/calls/:conversationId/listen": ["owner", "admin", "supervisor"],
  /**
   * Temporal's codec endpoint opens payloads for roles that see every conversation. Its keys are
   * the deployment's, not a workspace's (the Temporal UI it serves is an operator's view of every
   * workspace), so any workspace's owner, admin or supervisor may use it: per-workspace payload
   * keys would be what narrows this.
   */
  "POST /codec/decode": ["owner", "admin", "supervisor", "otherWorkspaceAdmin"],
};
