import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { appRouter, type ApiContext } from "@parley/api";

export interface ApiServerOptions {
  context: ApiContext;
  /** Allowed browser origins; `["*"]` allows any. */
  corsOrigins?: string[];
  /** Plain HTTP routes besides tRPC (e.g. voice message uploads): each returns true when it took the request. */
  routes?: ((req: IncomingMessage, res: ServerResponse) => boolean)[];
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
  }
}

/**
 * The HTTP server: tRPC under /trpc, a health check at /health. Every request gets the same
 * context (shared database and Temporal clients); errors become JSON responses, never crashes.
 */
export function createApiServer({ context, corsOrigins = ["*"], routes = [] }: ApiServerOptions) {
  return createHTTPServer({
    basePath: "/trpc/",
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => context,
    middleware: (req, res, next) => {
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
      if (routes.some((route) => route(req, res))) return;
      if (!req.url?.startsWith("/trpc/")) {
        res.statusCode = 404;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: "not found: the API lives under /trpc", code: "NOT_FOUND" }));
        return;
      }
      next();
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[api] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}
