import type { IncomingMessage } from "node:http";
import type { ApiContext, ApiServices } from "@parley/api";
import { clientAddress, type TrustProxy } from "./client-address";

/** Set by the server (never trusted from the client) for Better Auth's limits and sessions. */
export const CLIENT_IP_HEADER = "x-parley-client-ip";

/**
 * A request's context: the shared services and the request's own headers (its credentials),
 * method and client address. Who the caller is, the procedure's policy decides from these.
 */
export function requestContext(
  services: ApiServices,
  req: IncomingMessage,
  trustProxy: TrustProxy,
  extra: { method?: string; headers?: Record<string, string> } = {},
): ApiContext {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === CLIENT_IP_HEADER || value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  for (const [name, value] of Object.entries(extra.headers ?? {})) headers.set(name, value);
  return { ...services, request: { headers, method: extra.method ?? req.method ?? "GET", ip: clientAddressOrNull(req, trustProxy) } };
}

function clientAddressOrNull(req: IncomingMessage, trustProxy: TrustProxy): string | null {
  try {
    return clientAddress(req, trustProxy) || null;
  } catch {
    return null;
  }
}
