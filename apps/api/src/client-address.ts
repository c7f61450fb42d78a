import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/** Which peers may tell us the client's address through X-Forwarded-For. */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Parses `API_TRUST_PROXY`: empty trusts no one (the socket's peer is the client; a forged
 * X-Forwarded-For changes nothing); a number trusts that many proxy hops in front of the API; a
 * comma-separated list trusts those addresses and subnets (`loopback`, `uniquelocal`,
 * `10.0.0.0/8`…), the way Express's `trust proxy` does, through the same library.
 */
export function parseTrustProxy(setting: string): TrustProxy {
  const value = setting.trim();
  if (!value) return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(value.split(",").map((entry) => entry.trim()).filter(Boolean));
}

/** The client's address as far as the trusted proxies vouch for it. */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  return proxyAddr(req, trust);
}
