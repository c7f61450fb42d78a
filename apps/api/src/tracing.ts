import type { IncomingMessage, ServerResponse } from "node:http";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { routeFamily } from "./metrics/route-family";

export interface Tracing {
  /** Exports what is still buffered; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces exported over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, as the global
 * tracer provider with an AsyncLocalStorage context; undefined without an endpoint, and then
 * nothing of OpenTelemetry is set up: tracing costs nothing while it is off. (The worker's
 * twin, apps/worker/src/tracing.ts, also bundles the workflow interceptors.)
 */
export function startTracing(serviceName: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  const resource = new Resource({ "service.name": serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, "")}/v1/traces` }));
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(spanProcessor);
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return { shutdown: () => provider.shutdown() };
}

const tracer = () => trace.getTracer("@parley/api-server");

/**
 * Runs `handle` inside a server span for the request (`POST trpc:conversations`, by route family
 * like the metrics), ended with the response: the Temporal client's interceptor then carries this
 * trace into the workflow, and from there into its activities.
 */
export function withRequestSpan(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
  const span = tracer().startSpan(`${req.method ?? "GET"} ${routeFamily(req.url)}`, {
    kind: SpanKind.SERVER,
    attributes: { "http.request.method": req.method ?? "GET", "url.path": (req.url ?? "/").split("?")[0] },
  });
  res.once("close", () => {
    span.setAttribute("http.response.status_code", res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(context.active(), span), handle);
}
