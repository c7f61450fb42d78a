import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { Db } from "@parley/db";

export interface WorkerMetricsOptions {
  db: Db;
  port: number;
  host: string;
  /** Bearer token a scraper must send; undefined: loopback scrapers that did not come through a proxy. */
  token: string | undefined;
  /** The Temporal SDK's own Prometheus exporter (Runtime telemetry options), appended to each scrape. */
  temporalMetricsUrl: string | undefined;
}

const digest = (value: string) => createHash("sha256").update(value).digest();
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** The API's rule (apps/api/src/metrics/metrics-access.ts): a token's bearer, or a direct loopback scraper. */
function mayScrape(req: IncomingMessage, expected: Buffer | undefined): boolean {
  if (expected) {
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
    return match !== null && timingSafeEqual(digest(match[1]!.trim()), expected);
  }
  const proxied = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.has(req.socket.remoteAddress ?? "");
}

/**
 * The worker's registry: process figures (`parley_worker_` CPU, memory, event loop lag, GC) and
 * each team's queue, the conversations handed off and not yet taken (read from the database at
 * scrape time, as the routing activity sees them; test conversations never queue).
 */
export function createWorkerRegistry(db: Db): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "parley_worker_" });
  new Gauge({
    name: "parley_team_queue_depth",
    help: "Conversations waiting in a team's queue for a person (handed off, not assigned)",
    labelNames: ["workspace", "team"],
    registers: [registry],
    async collect() {
      const queues = await db.conversation.groupBy({
        by: ["workspaceId", "team"],
        where: { status: "handoff", assigneeId: null, team: { not: null }, test: false },
        _count: { _all: true },
      });
      this.reset();
      for (const queue of queues) this.set({ workspace: queue.workspaceId, team: queue.team! }, queue._count._all);
    },
  });
  return registry;
}

/**
 * GET /metrics on its own port: the worker's registry, then the Temporal SDK's exposition (a
 * failed read of it is `parley_worker_temporal_metrics_up 0`, never a failed scrape).
 */
export async function startWorkerMetrics(options: WorkerMetricsOptions): Promise<Server> {
  const registry = createWorkerRegistry(options.db);
  const temporalUp = new Gauge({ name: "parley_worker_temporal_metrics_up", help: "1 when the Temporal SDK's metrics were read for this scrape", registers: [registry] });
  const expected = options.token === undefined ? undefined : digest(options.token);
  const temporalMetrics = async (): Promise<string> => {
    if (!options.temporalMetricsUrl) return "";
    try {
      const response = await fetch(options.temporalMetricsUrl, { signal: AbortSignal.timeout(2000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      temporalUp.set(1);
      return await response.text();
    } catch (err) {
      console.warn("[worker] reading the Temporal SDK's metrics failed:", err instanceof Error ? err.message : err);
      temporalUp.set(0);
      return "";
    }
  };
  const server = createServer((req, res) => {
    if ((req.url ?? "").split("?")[0] !== "/metrics" || req.method !== "GET") {
      res.statusCode = 404;
      res.end();
      return;
    }
    if (!mayScrape(req, expected)) {
      res.statusCode = 403;
      res.end("metrics are served to loopback scrapers, or with PARLEY_METRICS_TOKEN as a bearer token\n");
      return;
    }
    temporalMetrics()
      .then(async (temporal) => `${await registry.metrics()}\n${temporal}`)
      .then(
        (text) => {
          res.setHeader("content-type", registry.contentType);
          res.setHeader("cache-control", "no-store");
          res.end(text);
        },
        (err: unknown) => {
          console.error("[worker] collecting metrics failed:", err);
          res.statusCode = 500;
          res.end();
        },
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
