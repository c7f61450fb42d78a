import { TRPCError } from "@trpc/server";
import { ApplicationFailure, WorkflowNotFoundError } from "@temporalio/client";
import { FailureType } from "@parley/workflows/contracts";

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

function applicationFailureIn(err: unknown): ApplicationFailure | undefined {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return cause;
  }
  return undefined;
}

/**
 * Turns what Temporal says about a conversation into an API error: business failures keep their
 * meaning (4xx), a finished workflow means the conversation is over, anything else is a 5xx that
 * the client may retry.
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
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "the conversation runtime did not answer; try again",
    cause: err,
  });
}
