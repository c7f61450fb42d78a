import { createRequire } from "node:module";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { Resource } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from "@temporalio/interceptors-opentelemetry/lib/worker";
import type { WorkerOptions } from "@temporalio/worker";

const require = createRequire(import.meta.url);

/** Bundled into the workflow code only while tracing is on: the SDK's workflow interceptors (context from headers to activities). */
export const TRACING_WORKFLOW_MODULES = [require.resolve("@temporalio/interceptors-opentelemetry/lib/workflow-interceptors")];

export interface Tracing {
  spanProcessor: SpanProcessor;
  resource: Resource;
  /** Exports what is buffered now. */
  flush(): Promise<void>;
  /** Exports what is still buffered and stops; call before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces exported over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, as the global
 * tracer provider with an AsyncLocalStorage context; undefined without an endpoint, and then
 * nothing of OpenTelemetry is set up or bundled: tracing costs nothing while it is off.
 */
export function startTracing(serviceName: string, endpoint: string | undefined): Tracing | undefined {
  if (!endpoint) return undefined;
  const resource = new Resource({ "service.name": serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, "")}/v1/traces` }));
  const provider = new BasicTracerProvider({ resource });
  provider.addSpanProcessor(spanProcessor);
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return { spanProcessor, resource, flush: () => provider.forceFlush(), shutdown: () => provider.shutdown() };
}

/**
 * What a worker adds while tracing: activity interceptors that continue the trace the workflow
 * put in each activity's headers, and the sink through which the workflow sandbox's spans leave.
 */
export function tracingWorkerOptions(tracing: Tracing): Pick<WorkerOptions, "interceptors" | "sinks"> {
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    },
    sinks: { exporter: makeWorkflowExporter(tracing.spanProcessor, tracing.resource) },
  };
}
