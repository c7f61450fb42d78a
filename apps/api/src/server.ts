import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPServer } from "@trpc/server/adapters/standalone";
import { toNodeHandler } from "better-auth/node";
import { appRouter, type ApiServices } from "@parley/api";
import type { RateLimiter } from "./rate-limits";
import { requestContext, CLIENT_IP_HEADER } from "./request-context";
import type { TrustProxy } from "./client-address";
import { markServiceUnavailable, retryAfterMeta } from "./unavailable";
import type { ApiMetrics } from "./metrics/api-metrics";
import { withRequestSpan } from "./tracing";
import { createRestRoute } from "./rest-route";
import { createWidgetRoute, isWidgetPath } from "./widget/widget-route";
import type { WidgetFileOptions } from "./widget/widget-files";

export interface ApiServerOptions {
  services: ApiServices;
  /**
   * Browser origins allowed to call without credentials (a customer's page holding a
   * conversation token); `["*"]` allows any. The services' trusted origins (the builder) may
   * also send the session cookie.
   */
  corsOrigins?: string[];
  /** Who may name the client's address in X-Forwarded-For (rate limits, audit, sign-in limits). */
  trustProxy?: TrustProxy;
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
  /** Prometheus metrics: every request is counted, and `GET /metrics` serves them (metrics/metrics-access.ts says to whom). */
  metrics?: ApiMetrics;
  /** Files customers send from the widget: the store's cipher and the size cap; without it the widget takes none. */
  widgetFiles?: WidgetFileOptions;
  /** A span per request (tracing is on: startTracing); off, nothing of OpenTelemetry runs per request. */
  traced?: boolean;
}

/** Largest request body accepted; a flow graph of 500 nodes fits well within it. */
const MAX_BODY_BYTES = 1_000_000;
/** Most calls in one tRPC batch (the builder's client batches at most as many): more is a 400. */
export const MAX_BATCH_CALLS = 50;

/**
 * Connections the kernel may hold for us while the event loop is busy. Node's default (511) is
 * too short for a burst of customers opening chats at once: past it the kernel drops the
 * handshake and clients see ECONNRESET (85 of 1,500 simultaneous starts in bench/load). The OS
 * still caps it at net.core.somaxconn.
 */
export const LISTEN_BACKLOG = 4096;

function applyCors(req: IncomingMessage, res: ServerResponse, origins: string[], trustedOrigins: string[]) {
  const origin = req.headers.origin;
  if (!origin) return;
  const trusted = trustedOrigins.includes(origin);
  if (trusted || origins.includes("*") || origins.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Vary", "Origin");
    // Only our own pages may send the session cookie along; others use tokens or keys.
    if (trusted) res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "content-type, trpc-accept, x-trpc-source, authorization, x-parley-conversation-token");
    res.setHeader("Access-Control-Max-Age", "600");
    // A browser client backs off by Retry-After on a 429 or 503 only if it may read it.
    res.setHeader("Access-Control-Expose-Headers", "retry-after");
  }
}

/**
 * The HTTP server: tRPC under /trpc, the REST API under /api/v1, the embeddable widget at /widget.js and /widget/v1, sign-in under /api/auth (Better Auth), a health check at
 * /health. Every request shares the services (database, Temporal, auth) and brings its own
 * credentials, which each procedure's policy checks; errors become JSON responses, never crashes.
 */
export function createApiServer({ services, corsOrigins = ["*"], trustProxy = () => false, routes = [], standaloneRoutes = [], rateLimiter, metrics, traced = false, widgetFiles }: ApiServerOptions) {
  const authHandler = toNodeHandler(services.auth);
  const signIn = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!req.url?.startsWith("/api/auth/")) return false;
    // Better Auth keys its sign-in limits and sessions by this header, which only we set.
    req.headers[CLIENT_IP_HEADER] = requestContext(services, req, trustProxy).request.ip ?? undefined;
    authHandler(req, res).catch((err: unknown) => {
      console.error("[api] sign-in route failed:", err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: "something went wrong on our side; try again later", code: "INTERNAL_SERVER_ERROR" }));
      }
    });
    return true;
  };
  const restApi = createRestRoute(services, trustProxy);
  const widget = createWidgetRoute(services, trustProxy, widgetFiles);
  const server = createHTTPServer({
    basePath: "/trpc/",
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: ({ req }) => requestContext(services, req, trustProxy),
    middleware: (req, res, next) => (traced ? withRequestSpan(req, res, () => handle(req, res, next)) : handle(req, res, next)),
    responseMeta: retryAfterMeta,
    onError({ error, path }) {
      markServiceUnavailable(error);
      if (error.code === "SERVICE_UNAVAILABLE") console.warn(`[api] ${path ?? "?"}: ${error.message}`);
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[api] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
  metrics?.watchServer(server);
  return server;

  function handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    metrics?.observe(req, res);
    if (metrics?.route(req, res)) return;
    if (standaloneRoutes.some((route) => route(req, res))) return;
    // The widget answers CORS per channel (its allowed origins), not with the API's list.
    if (isWidgetPath(req.url)) return limited(req, res, () => widget(req, res));
    applyCors(req, res, corsOrigins, services.trustedOrigins);
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
      if (signIn(req, res) || restApi(req, res) || routes.some((route) => route(req, res))) return;
      if (!req.url?.startsWith("/trpc/")) {
        res.statusCode = 404;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: "not found: the API lives under /trpc (REST under /api/v1, sign-in under /api/auth)", code: "NOT_FOUND" }));
        return;
      }
      next();
    };
    limited(req, res, route);
  }

  function limited(req: IncomingMessage, res: ServerResponse, route: () => void): void {
    if (!rateLimiter) return route();
    rateLimiter.admit(req, res).then(
      (admitted) => admitted && route(),
      (err: unknown) => {
        // The limiter itself failing must not take the API down with it: serve unlimited.
        console.error("[api] rate limiter failed:", err);
        route();
      },
    );
  }
}
