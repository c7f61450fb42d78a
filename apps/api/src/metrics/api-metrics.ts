import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { metricsAccess } from "./metrics-access";
import { routeFamily } from "./route-family";

export interface ApiMetrics {
  readonly registry: Registry;
  /** Counts a request by family, method and status once its response is finished (or cut). */
  observe(req: IncomingMessage, res: ServerResponse): void;
  /** `GET /metrics` in Prometheus' text format, for whoever `metricsAccess` lets in; true when it took the request. */
  route(req: IncomingMessage, res: ServerResponse): boolean;
  /** Open HTTP connections of the server (WebSocket calls and listen-ins included: they are upgraded connections). */
  watchServer(server: Server): void;
}

/** Latency buckets from a cache hit to a slow Temporal Update (seconds). */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The API's Prometheus metrics: process figures (CPU, memory, event loop lag, handles), requests
 * by route family and status, open connections; the voice gateway adds its own to the same
 * registry (voice-metrics.ts). One registry per server, so tests can run several side by side.
 */
export function createApiMetrics({ token }: { token: string | undefined }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "parley_api_" });
  const labelNames = ["family", "method", "status"] as const;
  const requests = new Counter({ name: "parley_http_requests_total", help: "HTTP requests answered, by route family, method and status", labelNames, registers: [registry] });
  const duration = new Histogram({
    name: "parley_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route family, method and status",
    labelNames,
    buckets: REQUEST_BUCKETS,
    registers: [registry],
  });
  const servers: Server[] = [];
  new Gauge({
    name: "parley_http_open_connections",
    help: "Open HTTP connections, upgraded WebSockets (voice calls, listen-ins) included",
    registers: [registry],
    async collect() {
      const counts = await Promise.all(servers.map((server) => new Promise<number>((resolve) => server.getConnections((err, count) => resolve(err ? 0 : count)))));
      this.set(counts.reduce((sum, count) => sum + count, 0));
    },
  });
  const allowed = metricsAccess(token);

  return {
    registry,
    observe(req, res) {
      const started = process.hrtime.bigint();
      const family = routeFamily(req.url);
      const method = req.method === "GET" || req.method === "POST" || req.method === "OPTIONS" ? req.method : "other";
      // `close` fires for finished and for cut responses alike, exactly once.
      res.once("close", () => {
        const labels = { family, method, status: String(res.statusCode) };
        requests.inc(labels);
        duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      });
    },
    route(req, res) {
      if ((req.url ?? "").split("?")[0] !== "/metrics") return false;
      if (!allowed(req)) {
        res.statusCode = 403;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: "metrics are served to loopback scrapers, or with PARLEY_METRICS_TOKEN as a bearer token", code: "FORBIDDEN" }));
        return true;
      }
      if (req.method !== "GET") {
        res.statusCode = 405;
        res.setHeader("allow", "GET");
        res.end();
        return true;
      }
      registry.metrics().then(
        (text) => {
          res.setHeader("content-type", registry.contentType);
          res.setHeader("cache-control", "no-store");
          res.end(text);
        },
        (err: unknown) => {
          console.error("[api] collecting metrics failed:", err);
          res.statusCode = 500;
          res.end();
        },
      );
      return true;
    },
    watchServer(server) {
      servers.push(server);
    },
  };
}
