import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from "@temporalio/client";
import { OpenTelemetryWorkflowClientInterceptor } from "@temporalio/interceptors-opentelemetry/lib/client";
import type { PayloadCodec } from "@parley/workflows/codec";

/**
 * Attempts per Temporal call while the server answers UNAVAILABLE: about 1.5 s of backoff, enough
 * to ride over a frontend restart's blip. The SDK's default (10 attempts, ~20 s) would hold a
 * customer's request for 20 s before the API could say 503.
 */
const RETRY_ATTEMPTS = 5;

/**
 * The API's connection to Temporal. Lazy, so the API starts and serves what does not need
 * Temporal (reads, /health) while Temporal is still down, answering 503 for the rest until it
 * is back; the channel reconnects by itself.
 */
export function connectTemporal(address: string): Connection {
  return Connection.lazy({
    address,
    connectTimeout: "2s",
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: RETRY_ATTEMPTS }))],
  });
}

/**
 * The API's Temporal client. Every payload it sends (conversation starts, messages, signals) is
 * encrypted by `payloadCodec`, and every result and query answer it reads is decrypted by it.
 */
export function temporalClient(options: { connection: Connection; namespace: string; payloadCodec: PayloadCodec; traced?: boolean }): Client {
  return new Client({
    connection: options.connection,
    namespace: options.namespace,
    dataConverter: { payloadCodecs: [options.payloadCodec] },
    // While tracing: starts, Updates and Signals carry the request's trace to the workflow in their headers.
    ...(options.traced ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } } : {}),
  });
}
