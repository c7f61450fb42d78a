import sdk from "microsoft-cognitiveservices-speech-sdk";
import { SpeechProviderError, type SpeechErrorKind } from "../types";

export const AZURE_ENGINE = "azure";

type CodeName = Exclude<keyof typeof sdk.CancellationErrorCode, number>;

/** What each of the SDK's cancellation codes means for Parley. */
const kindByCode = {
  NoError: "engine",
  AuthenticationFailure: "auth",
  BadRequestParameters: "bad-request",
  TooManyRequests: "quota",
  // The SDK's own wording: "a free subscription that ran out of quota".
  Forbidden: "quota",
  ConnectionFailure: "network",
  ServiceTimeout: "network",
  ServiceError: "engine",
  RuntimeError: "engine",
} as const satisfies Record<CodeName, SpeechErrorKind>;

/**
 * A refused WebSocket handshake reaches us as ConnectionFailure with the HTTP status in the
 * details ("Unexpected server response: 401"): the status says more than the code.
 */
const kindByHttpStatus: Record<number, SpeechErrorKind> = { 400: "bad-request", 401: "auth", 403: "auth", 429: "quota" };

export function classifyCancellation(code: sdk.CancellationErrorCode, details: string | undefined): SpeechProviderError {
  const name = (sdk.CancellationErrorCode[code] ?? "RuntimeError") as CodeName;
  let kind: SpeechErrorKind = kindByCode[name] ?? "engine";
  const status = /(?:Unexpected server response|StatusCode):?\s*(\d{3})\b/i.exec(details ?? "")?.[1];
  if (kind === "network" && status && kindByHttpStatus[Number(status)]) kind = kindByHttpStatus[Number(status)]!;
  return new SpeechProviderError(kind, `Azure Speech: ${name}${details ? ` (${details.trim()})` : ""}`, { engine: AZURE_ENGINE });
}

/** Errors thrown (not cancelled) by the SDK, e.g. a rejected start: strings or Errors. */
export function classifyThrown(error: unknown): SpeechProviderError {
  if (error instanceof SpeechProviderError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return classifyCancellation(sdk.CancellationErrorCode.ConnectionFailure, text);
}
