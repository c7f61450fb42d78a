import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { appRouter, type ApiContext } from "@parley/api";
import type { RateLimiter } from "./rate-limits";
import { markServiceUnavailable, retryAfterMeta } from "./unavailable";

export interface ApiServerOptions {
  context: ApiContext;
  /** Allowed browser origins; `["*"]` allows any. */
  corsOrigins?: string[];
  /** Plain HTTP routes besides tRPC (e.g. voice message uploads): each returns true when it took the request. */
  routes?: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
  /**
   * Routes tried before everything else, because they answer CORS and preflights for origins of
   * their own (the codec endpoint, which the Temporal UI calls): not rate limited, so each must
   * refuse a caller without its credential at once.
   */
  standaloneRoutes?: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
  /** Per-client request budgets (429 past them); none: unlimited, as tests and benchmarks want. */
  rateLimiter?: RateLimiter;
}

/** Largest request body accepted; a flow graph of 500 nodes fits well within it. */
const MAX_BODY_BYTES = 1_000_000;
/** Most calls in one tRPC batch (the builder's client batches at most as many): more is a 400. */
export const MAX_BATCH_CALLS = 50;

function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[]) {
  const origin = req.headers.origin;
  if (!origin) return;
  if (origins.includes("*") || origins.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "content-type, trpc-accept, x-trpc-source");
    res.setHeader("Access-Control-Max-Age", "600");
    // A browser client backs off by Retry-After on a 429 or 503 only if it may read it.
    res.setHeader("Access-Control-Expose-Headers", "retry-after");
  }
}

/**
 * The HTTP server: tRPC under /trpc, a health check at /health. Every request gets the same
 * context (shared database and Temporal clients); errors become JSON responses, never crashes.
 */
export function createApiServer({ context, corsOrigins = ["*"], routes = [], standaloneRoutes = [], rateLimiter }: ApiServerOptions) {
  return createHTTPServer({
    basePath: "/trpc/",
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => context,
    middleware: (req, res, next) => {
      if (standaloneRoutes.some((route) => route(req, res))) return;
      applyCors(req, res, corsOrigins);
      if (req.method === "OPTIONS") {
        res.statusCode = 204;
        res.end();
        return;
      }
      if (req.url === "/health") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      const route = () => {
        if (routes.some((route) => route(req, res))) return;
        if (!req.url?.startsWith("/trpc/")) {
          res.statusCode = 404;
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ error: "not found: the API lives under /trpc", code: "NOT_FOUND" }));
          return;
        }
        next();
      };
      if (!rateLimiter) return route();
      rateLimiter.admit(req, res).then(
        (admitted) => admitted && route(),
        (err: unknown) => {
          // The limiter itself failing must not take the API down with it: serve unlimited.
          console.error("[api] rate limiter failed:", err);
          route();
        },
      );
    },
    responseMeta: retryAfterMeta,
    onError({ error, path }) {
      markServiceUnavailable(error);
      if (error.code === "SERVICE_UNAVAILABLE") console.warn(`[api] ${path ?? "?"}: ${error.message}`);
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[api] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}
