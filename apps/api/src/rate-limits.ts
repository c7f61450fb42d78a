/**
 * Per-client request budgets for the public HTTP routes (per API key for requests that carry one), counted by `rate-limiter-flexible`: in
 * this process's memory by default, in PostgreSQL when the app database is PostgreSQL so that every
 * API process draws from the same budget. A request over budget is answered 429 with Retry-After
 * before any procedure runs, so it changes nothing.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Pool } from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { clientAddress, type TrustProxy } from "./client-address";

/** What a request costs: cheap reads, conversation starts, customer messages, uploads. */
export type Budget = "reads" | "starts" | "sends" | "uploads";

/** Requests per client per minute for each budget; 0 turns that budget's limit off. */
export type RateBudgets = Record<Budget, number>;

/**
 * Generous for people, tight enough that one address cannot flood the workflows. An inbox tab
 * polls about 110 reads a minute, so 3,000 leaves room for a couple of dozen agents behind one
 * office NAT; a chat sends a message every few seconds. Tests and benchmarks build their servers
 * without a limiter.
 */
export const defaultRateBudgets: RateBudgets = { reads: 3000, starts: 120, sends: 600, uploads: 30 };

/** Procedures that cost more than a read; everything else under /trpc is a read. */
const budgetByProcedure: Record<string, Budget> = {
  "conversations.start": "starts",
  "conversations.startFromMessage": "starts",
  "conversations.send": "sends",
  "knowledge.documents.create": "uploads",
  "knowledge.documents.update": "uploads",
};
const VOICE_MESSAGE_PATH = /^\/voice\/messages\//;
const VOICE_CALL_PATH = /^\/voice\/calls\//;
const WINDOW_SECONDS = 60;
/** The table rate-limiter-flexible creates (if missing) in the app's PostgreSQL database. */
const POSTGRES_TABLE = "parley_rate_limits";

export interface RateLimitOptions {
  budgets: RateBudgets;
  trustProxy: TrustProxy;
  /** Count in PostgreSQL (shared by every API process) instead of this process's memory. */
  postgres?: Pool;
}

/** A request over budget: which budget, and when the client may try again. */
export interface RateLimited {
  budget: Budget;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** True when the request may go on; otherwise it has been answered 429 with Retry-After. */
  admit(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Counts the request; null when it may go on (for callers that answer themselves, e.g. WebSocket upgrades). */
  check(req: IncomingMessage): Promise<RateLimited | null>;
}

/** Builds the limiter; with PostgreSQL it resolves once the counters' table exists. */
export async function createRateLimiter(options: RateLimitOptions): Promise<RateLimiter> {
  const limiters = new Map<Budget, RateLimiterAbstract>();
  let tableReady = false;
  for (const budget of Object.keys(options.budgets) as Budget[]) {
    const points = options.budgets[budget];
    if (points <= 0) continue;
    const base = { keyPrefix: `parley-${budget}`, points, duration: WINDOW_SECONDS };
    if (!options.postgres) {
      limiters.set(budget, new RateLimiterMemory(base));
      continue;
    }
    const pool = options.postgres;
    limiters.set(
      budget,
      await new Promise<RateLimiterAbstract>((resolve, reject) => {
        const limiter: RateLimiterPostgres = new RateLimiterPostgres(
          {
            ...base,
            storeClient: pool,
            tableName: POSTGRES_TABLE,
            tableCreated: tableReady,
            clearExpiredByTimeout: !tableReady,
            // PostgreSQL unreachable: keep limiting per process rather than failing every request.
            insuranceLimiter: new RateLimiterMemory(base),
          },
          // Called from inside the constructor when the table exists already (every budget after
          // the first): answered on the next microtask, once `limiter` holds the instance.
          (err?: unknown) => queueMicrotask(() => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(limiter))),
        );
      }),
    );
    tableReady = true;
  }

  async function check(req: IncomingMessage): Promise<RateLimited | null> {
    const costs = costOf(req);
    if (costs.size === 0) return null;
    const key = limitKey(req, options.trustProxy);
    for (const [budget, points] of costs) {
      const limiter = limiters.get(budget);
      if (!limiter) continue;
      try {
        await limiter.consume(key, points);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { budget, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    }
    return null;
  }

  return {
    check,
    async admit(req, res) {
      const limited = await check(req);
      if (limited) refuse(req, res, limited.budget, limited.retryAfterSeconds);
      return !limited;
    },
  };
}

/** The budgets a request draws on, with how much (a tRPC batch costs one per call). */
function costOf(req: IncomingMessage): Map<Budget, number> {
  const costs = new Map<Budget, number>();
  const path = (req.url ?? "").split("?")[0] ?? "";
  if (VOICE_MESSAGE_PATH.test(path)) return costs.set("uploads", 1);
  // Opening a call or a listen-in socket costs a conversation lookup, like a read.
  if (VOICE_CALL_PATH.test(path)) return costs.set("reads", 1);
  if (path.startsWith("/api/v1/")) return costs.set(restBudget(req.method ?? "GET", path), 1);
  if (path === "/widget.js" || path === "/widget/pcm-capture.worklet.js") return costs.set("reads", 1);
  if (path.startsWith("/widget/v1/")) return costs.set(widgetBudget(req.method ?? "GET", path), 1);
  if (!path.startsWith("/trpc/")) return costs;
  for (const procedure of path.slice("/trpc/".length).split(",")) {
    const budget = budgetByProcedure[decodeURIComponent(procedure)] ?? "reads";
    costs.set(budget, (costs.get(budget) ?? 0) + 1);
  }
  return costs;
}

/** REST operations: opening a conversation is a start, a customer's message a send, the rest reads. */
function restBudget(method: string, path: string): Budget {
  if (method !== "POST") return "reads";
  if (path === "/api/v1/conversations" || path === "/api/v1/conversations/inbound") return "starts";
  return /^\/api\/v1\/conversations\/[^/]+\/messages$/.test(path) ? "sends" : "reads";
}

/** The widget's calls: opening a conversation is a start, a customer's message a send, a file an upload. */
function widgetBudget(method: string, path: string): Budget {
  if (method !== "POST") return "reads";
  if (/^\/widget\/v1\/channels\/[^/]+\/conversations$/.test(path)) return "starts";
  if (/\/attachments$/.test(path)) return "uploads";
  return /\/messages$/.test(path) ? "sends" : "reads";
}

/**
 * Whose budget a request draws on: an API key's own (an integration's traffic, wherever it
 * comes from; stored as a hash, never the key), otherwise the client's address.
 */
function limitKey(req: IncomingMessage, trustProxy: TrustProxy): string {
  const bearer = /^Bearer\s+(\S{1,200})$/i.exec(req.headers.authorization ?? "")?.[1];
  if (bearer) return `key:${createHash("sha256").update(bearer).digest("base64url").slice(0, 22)}`;
  return clientAddress(req, trustProxy);
}

/** 429 in the shape a tRPC client reads (one error per call of a batch), or plain JSON for other routes. */
function refuse(req: IncomingMessage, res: ServerResponse, budget: Budget, retryAfterSeconds: number): void {
  const message = `too many requests (${budget}); try again in ${retryAfterSeconds} s`;
  const url = new URL(req.url ?? "/", "http://api");
  let body: unknown = { error: message };
  if (url.pathname.startsWith("/trpc/")) {
    const paths = url.pathname.slice("/trpc/".length).split(",").map(decodeURIComponent);
    const errors = paths.map((path) => ({ error: { message, code: -32029, data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, path } } }));
    body = url.searchParams.get("batch") === "1" ? errors : errors[0];
  }
  res.statusCode = 429;
  res.setHeader("retry-after", String(retryAfterSeconds));
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}
