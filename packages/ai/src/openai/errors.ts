import OpenAI from "openai";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/error";

/**
 * Why a call to the model did not give a usable answer, for logs and for the note an agent sees.
 * `auth` and `bad_request` are configuration problems (retrying will not fix them); the others
 * are transient or the model's fault.
 */
export type OpenAIFailureKind = "auth" | "rate_limit" | "timeout" | "server" | "network" | "bad_request" | "invalid_output" | "aborted";

/** A model answer that does not fit the expected shape (bad JSON, missing tool call, unknown intent). */
export class InvalidModelOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidModelOutputError";
  }
}

export function classifyOpenAIError(err: unknown): OpenAIFailureKind {
  if (err instanceof InvalidModelOutputError) return "invalid_output";
  if (err instanceof OpenAI.APIConnectionTimeoutError) return "timeout";
  if (err instanceof OpenAI.APIUserAbortError) return "aborted";
  if (err instanceof OpenAI.APIConnectionError) return "network";
  if (err instanceof OpenAI.AuthenticationError || err instanceof OpenAI.PermissionDeniedError) return "auth";
  if (err instanceof OpenAI.RateLimitError) return "rate_limit";
  if (err instanceof OpenAI.APIError) {
    if (err.status !== undefined && err.status >= 500) return "server";
    return "bad_request";
  }
  if (err instanceof LengthFinishReasonError || err instanceof ContentFilterFinishReasonError) return "invalid_output";
  if (err instanceof SyntaxError) return "invalid_output";
  return "server";
}
