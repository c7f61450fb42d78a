/**
 * How a call takes a failure: a caller's mistake (VoiceCallError) becomes an `error` frame and
 * the call goes on, unless a limit was broken or the conversation ended; anything else is a bug
 * that ends this call only (close 1011), never another.
 */
import { VoiceCallError } from "./call-error";
import type { CallHandle } from "./call-handle";

export function failCall(call: CallHandle, err: unknown): void {
  if (call.closed()) return;
  if (err instanceof VoiceCallError) {
    call.counters.callerErrors++;
    call.send({ type: "error", code: err.code, message: err.message });
    // A broken limit (a flood, an oversized frame) ends this call, with the code that says why.
    if (err.closeCode) {
      call.close(err.closeCode, err.message);
      return;
    }
    // The call goes on: a bad frame or a failed turn is not the end of the conversation.
    if (err.code !== "conversation-ended") {
      if (call.state() === "thinking" && !call.callerInTurn()) call.setState("listening");
      return;
    }
    call.close(4409, err.message);
    return;
  }
  call.counters.sessionsFailed++;
  console.error(`[voice] call ${call.conversationId} failed:`, err);
  call.send({ type: "error", code: "internal", message: "the call failed on the server" });
  call.close(1011, "internal error");
}
