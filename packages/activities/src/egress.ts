import { createHash } from "node:crypto";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { Context } from "@temporalio/activity";
import ipaddr from "ipaddr.js";
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit, type Response as UndiciResponse } from "undici";

/**
 * The SSRF guard of every request a flow author can aim (HTTP request nodes, SLA webhooks).
 * Anyone who can publish a flow chooses these URLs, so without it they could make the worker
 * call its loopback services, the private network or the cloud metadata endpoint (credentials).
 *
 * Addresses are checked AFTER DNS resolution, inside the connection's own lookup: the address
 * checked is the address connected to, so a name that resolves to a public address for a check
 * and to 127.0.0.1 for the connection (DNS rebinding) cannot slip through. Every resolved address
 * must be allowed. Redirects are followed by hand, each hop checked again.
 */

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** All addresses of a host name (the default asks the system resolver, like any connection). */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface EgressDeps {
  /**
   * Non-public networks outbound HTTP may reach anyway: CIDRs (`10.20.0.0/16`, `127.0.0.1/32`,
   * `fd12::/64`), or `*` for every loopback, private, link-local… address except the cloud
   * metadata endpoints (those only by an explicit CIDR). Empty or absent: public addresses only.
   */
  httpAllowedNetworks?: readonly string[];
  /** Injected so tests can make a name resolve to a private address without a DNS server. */
  resolveHost?: ResolveHost;
}

/** A request the guard refused: a permanent outcome, never retried. */
export class EgressRefused extends Error {
  override name = "EgressRefused";
}

/** Appended to address refusals, so whoever reads the node's error knows what governs it. */
const NETWORK_HINT = "; only public addresses may be called (PARLEY_HTTP_ALLOWED_NETWORKS allows others)";

/** Cloud metadata endpoints: they hand out the machine's credentials. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);
const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

/** What ipaddr.js calls the ranges, in words for the refusal. */
const RANGE_NAMES: Record<string, string> = {
  loopback: "a loopback",
  private: "a private (RFC 1918)",
  carrierGradeNat: "a carrier-grade NAT (100.64.0.0/10)",
  linkLocal: "a link-local",
  uniqueLocal: "a unique-local (fc00::/7)",
  multicast: "a multicast",
  unspecified: "an unspecified",
  broadcast: "a broadcast",
  reserved: "a reserved",
};

export interface EgressPolicy {
  /** Why `address` may not be connected to, or null when it may. */
  refusal(address: string): string | null;
  /** Why a URL's host may not be called before any lookup (IP literals, metadata names), or null. */
  hostRefusal(hostname: string): string | null;
}

export function createEgressPolicy(allowedNetworks: readonly string[] = []): EgressPolicy {
  const allowAll = allowedNetworks.some((entry) => entry.trim() === "*");
  const cidrs = allowedNetworks.filter((entry) => entry.trim() !== "*").map((entry) => parseCidr(entry));
  const explicitlyAllowed = (ip: ipaddr.IPv4 | ipaddr.IPv6) => cidrs.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));

  const refusal = (address: string): string | null => {
    if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
    // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it stands for.
    const ip = ipaddr.process(address);
    const plain = ip.toString();
    if (explicitlyAllowed(ip)) return null;
    if (METADATA_ADDRESSES.has(plain)) return `${plain} is a cloud metadata address`;
    const range = ip.range();
    if (range === "unicast" || allowAll) return null;
    return `${plain} is ${RANGE_NAMES[range] ?? `a non-public (${range})`} address`;
  };

  return {
    refusal,
    hostRefusal(hostname) {
      const host = hostname.toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
      if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata host`;
      return isIP(host) ? refusal(host) : null;
    },
  };
}

function parseCidr(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const text = entry.trim();
  try {
    if (text.includes("/")) return ipaddr.parseCIDR(text);
    const ip = ipaddr.parse(text);
    return [ip, ip.kind() === "ipv4" ? 32 : 128];
  } catch {
    throw new Error(`not a network: "${text}" (write a CIDR such as 10.0.0.0/8, an address, or *)`);
  }
}

const systemResolve: ResolveHost = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/**
 * A connection lookup that resolves every address of the name and refuses the connection unless
 * all are allowed; the socket then connects to exactly the addresses checked.
 */
function guardedLookup(policy: EgressPolicy, resolve: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
        for (const { address } of addresses) {
          const reason = policy.refusal(address);
          if (reason) return callback(new EgressRefused(`${hostname} resolves to ${reason.replace(/^\S+ is /, `${address}, `)}${NETWORK_HINT}`), "", 4);
        }
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        if (options.all) return (callback as unknown as (err: null, all: ResolvedAddress[]) => void)(null, wanted);
        const first = wanted[0] ?? addresses[0]!;
        callback(null, first.address, first.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, "", 4),
    );
  };
}

export interface GuardedFetchOptions {
  /** Checked for every hop (redirects included), e.g. the host allow-list. Returns a refusal or null. */
  checkUrl?: (url: URL) => string | null;
  maxRedirects?: number;
}

export type GuardedFetch = (url: URL, init: UndiciRequestInit, options?: GuardedFetchOptions) => Promise<UndiciResponse>;

export const MAX_REDIRECTS = 5;

/**
 * fetch through the guard: only http(s), every hop's host checked (IP literals here, names at
 * connect time), redirects followed by hand up to `maxRedirects`. A 303 (and a 301/302 of a
 * POST) continues as a GET without body, as browsers do; credentials are dropped when a
 * redirect leaves the origin. Throws EgressRefused for a refused hop.
 */
export function createGuardedFetch({ httpAllowedNetworks, resolveHost }: EgressDeps = {}): GuardedFetch {
  const policy = createEgressPolicy(httpAllowedNetworks);
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy, resolveHost ?? systemResolve) } });

  return async (start, init, { checkUrl, maxRedirects = MAX_REDIRECTS } = {}) => {
    let url = start;
    let request: UndiciRequestInit = { ...init, redirect: "manual", dispatcher };
    for (let hop = 0; ; hop++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new EgressRefused(`only http and https URLs can be called, not ${url.protocol}`);
      const notListed = checkUrl?.(url);
      if (notListed) throw new EgressRefused(notListed);
      const refused = policy.hostRefusal(url.hostname);
      if (refused) throw new EgressRefused(`${refused}${NETWORK_HINT}`);
      const response = await undiciFetch(url, request);
      const location = response.headers.get("location");
      if (![301, 302, 303, 307, 308].includes(response.status) || location === null) return response;
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new EgressRefused(`more than ${maxRedirects} redirects`);
      const next = new URL(location, url);
      const method = (request.method ?? "GET").toUpperCase();
      const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST");
      request = {
        ...request,
        method: toGet ? "GET" : method,
        body: toGet ? null : request.body,
        headers: redirectHeaders(request.headers, { dropBody: toGet, crossOrigin: next.origin !== url.origin }),
      };
      url = next;
    }
  };
}

function redirectHeaders(headers: UndiciRequestInit["headers"], { dropBody, crossOrigin }: { dropBody: boolean; crossOrigin: boolean }): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, string>)) {
    const lower = name.toLowerCase();
    if (dropBody && (lower === "content-type" || lower === "content-length")) continue;
    if (crossOrigin && (lower === "authorization" || lower === "cookie" || lower === "proxy-authorization")) continue;
    result[name] = value;
  }
  return result;
}

/** The EgressRefused behind a failed fetch (undici wraps connect errors as `fetch failed` + cause). */
export function egressRefusal(err: unknown): EgressRefused | null {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof EgressRefused) return current;
  }
  return null;
}

/**
 * The `Idempotency-Key` of this activity's request: the same on every retry of one activity
 * (workflow run + activity id), different for the next node run or escalation. Receivers that
 * honour it apply a retried POST once.
 */
export function activityIdempotencyKey(scope: string): string {
  const { workflowExecution, activityId } = Context.current().info;
  const parts = [scope, workflowExecution?.workflowId ?? "", workflowExecution?.runId ?? "", activityId];
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 32);
}
