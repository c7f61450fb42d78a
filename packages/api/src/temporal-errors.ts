import { TRPCError } from "@trpc/server";
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from "@temporalio/client";
import { FailureType } from "@parley/workflows/contracts";
import { isTransientUpdateFailure } from "@parley/workflows/client";

const codeByFailureType: Record<string, TRPCError["code"]> = {
  [FailureType.ConversationEnded]: "PRECONDITION_FAILED",
  [FailureType.InvalidMessage]: "BAD_REQUEST",
  [FailureType.FlowVersionNotFound]: "NOT_FOUND",
  [FailureType.FlowVersionNotPublished]: "PRECONDITION_FAILED",
  [FailureType.InvalidFlow]: "PRECONDITION_FAILED",
  [FailureType.NoSpeech]: "UNPROCESSABLE_CONTENT",
  // A client message id resent with other words: the first message stands.
  [FailureType.MessageIdReused]: "CONFLICT",
  // The API stored the recording itself: not being able to read or transcribe it is our failure.
  [FailureType.RecordingUnavailable]: "INTERNAL_SERVER_ERROR",
};

/** gRPC statuses that mean "Temporal is not there or too busy right now", not "the request is wrong". */
const GRPC_UNAVAILABLE = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  14, // UNAVAILABLE (connection refused, server restarting)
]);

/**
 * Prisma's codes for a database that cannot answer now: P1001 unreachable, P1002 connect timeout,
 * P1008 operation timed out (SQLite's busy lock past busy_timeout), P1017 connection closed,
 * P2024 no pooled connection in time, P2034 write conflict or deadlock (Prisma: "please retry").
 */
const PRISMA_UNAVAILABLE = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2034"]);
/** The driver adapter's own error kinds for the same situations (Prisma 6 driver adapters). */
const ADAPTER_UNAVAILABLE = new Set(["DatabaseNotReachable", "SocketTimeout", "ConnectionClosed", "TooManyConnections", "TransactionWriteConflict"]);

/** Seconds a client should wait before retrying after a 503: long enough for a restart to finish. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export type UnavailableService = "temporal" | "database";

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let cause: unknown = err; cause && typeof cause === "object" && chain.length < 10; cause = (cause as { cause?: unknown }).cause) {
    chain.push(cause);
  }
  return chain;
}

function isDatabaseUnavailable(cause: unknown): boolean {
  if (!cause || typeof cause !== "object") return false;
  // Duck-typed so the check holds for both generated clients (SQLite and PostgreSQL).
  const { code, errorCode, meta, message } = cause as { code?: unknown; errorCode?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } }; message?: unknown };
  if (typeof code === "string" && PRISMA_UNAVAILABLE.has(code)) return true;
  if (typeof errorCode === "string" && PRISMA_UNAVAILABLE.has(errorCode)) return true;
  // Prisma wraps the adapter's error in meta; a raw statement on the adapter (packages/db's
  // raw reads and writes) throws the DriverAdapterError itself, whose cause carries the kind.
  const kind = meta?.driverAdapterError?.cause?.kind ?? (cause as { kind?: unknown }).kind;
  if (typeof kind === "string" && ADAPTER_UNAVAILABLE.has(kind)) return true;
  return typeof message === "string" && /database is locked|SQLITE_BUSY/.test(message);
}

/**
 * An Update-with-Start the server could not carry out as a whole: its status is the failing
 * operation's. FAILED_PRECONDITION (the update refused for now: too many in flight, the new
 * workflow's first task failing) and ABORTED are a busy runtime, not a bad request; a start
 * refused for its id (ALREADY_EXISTS) or its arguments (INVALID_ARGUMENT) stays what it is.
 */
const MULTI_OPERATION_TRANSIENT = new Set([
  9, // FAILED_PRECONDITION
  10, // ABORTED
]);

function isTemporalUnavailable(cause: unknown): boolean {
  if (cause instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  // A send that kept meeting "Workflow Task in failed state" (a worker died mid-task) or an
  // undelivered update until its deadline: the runtime is recovering, the client may retry.
  if (isTransientUpdateFailure(cause)) return true;
  if (isGrpcServiceError(cause)) {
    if (MULTI_OPERATION_TRANSIENT.has(cause.code) && /update-with-start could not be executed/i.test(cause.details ?? cause.message)) return true;
    return GRPC_UNAVAILABLE.has(cause.code);
  }
  return cause instanceof Error && (cause as { code?: unknown }).code === "ECONNREFUSED";
}

/** Which backing service an error says is down or overloaded (anywhere in its cause chain), if any. */
export function unavailableService(err: unknown): UnavailableService | undefined {
  for (const cause of causes(err)) {
    if (isTemporalUnavailable(cause)) return "temporal";
    if (isDatabaseUnavailable(cause)) return "database";
  }
  return undefined;
}

const unavailableMessages: Record<UnavailableService, string> = {
  temporal: "the conversation runtime is unavailable right now; try again shortly",
  database: "the database is busy or unavailable right now; try again shortly",
};

/** A 503 for a backing service that is down: the client may retry after Retry-After, nothing was lost. */
export function serviceUnavailableError(service: UnavailableService, cause?: unknown): TRPCError {
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailableMessages[service], cause });
}

function applicationFailureIn(err: unknown): ApplicationFailure | undefined {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return cause;
  }
  return undefined;
}

/**
 * Turns what Temporal (or the database) says about a conversation into an API error: business
 * failures keep their meaning (4xx), a finished workflow means the conversation is over, a
 * backing service that cannot answer is a 503 worth retrying, anything else is a 500.
 */
export function toTrpcError(err: unknown): TRPCError {
  if (err instanceof TRPCError) return err;
  const failure = applicationFailureIn(err);
  if (failure?.type && codeByFailureType[failure.type]) {
    return new TRPCError({ code: codeByFailureType[failure.type]!, message: failure.message, cause: failure });
  }
  if (err instanceof WorkflowNotFoundError) {
    return new TRPCError({ code: "PRECONDITION_FAILED", message: "the conversation has ended", cause: err });
  }
  if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
    return new TRPCError({ code: "PRECONDITION_FAILED", message: "the conversation has ended", cause: err });
  }
  const service = unavailableService(err);
  if (service) return serviceUnavailableError(service, err);
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "the conversation runtime did not answer; try again",
    cause: err,
  });
}
