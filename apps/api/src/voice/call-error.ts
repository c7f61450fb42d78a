/**
 * The one error type a call's parts raise for the caller: the session's guard turns it into an
 * `error` frame with its code and the call goes on (or ends, for `conversation-ended`). Its own
 * module because the session, a turn, the playback and the gateway all throw it.
 */
import type { VoiceErrorCode } from "@parley/voice/protocol";

/**
 * A failure the caller can act on (its code goes into the `error` frame); anything else is a bug.
 * With `closeCode` the call ends with that WebSocket close code (a limit the caller broke).
 */
export class VoiceCallError extends Error {
  constructor(
    readonly code: VoiceErrorCode,
    message: string,
    readonly closeCode?: number,
  ) {
    super(message);
  }
}

/** A speech engine failed: the caller hears about it, and only this turn or reply is lost. */
export function speechProviderError(what: string, err: unknown): VoiceCallError {
  return new VoiceCallError("speech-provider", `${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}
