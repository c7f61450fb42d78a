/**
 * What happens once the caller's turn is over: the final transcript goes to the caller (`final`,
 * `metrics`), the utterance with its audio quality to the conversation workflow, and the bot's
 * replies to the playback; a resolved or closed conversation ends the call once they are spoken.
 */
import type { TurnResult, VoiceUtterance } from "@parley/workflows/contracts";
import type { CallHandle } from "./call-handle";
import type { LivePipeline } from "./engines";
import type { Playback } from "./playback";
import type { Turn } from "./turn";

/** What a delivery needs from its call besides the handle: the playback, the pipeline, the workflow. */
export interface TurnDeliveryDeps extends CallHandle {
  playback: Playback;
  /** The call's pipeline (set once the caller said hello, which comes before any turn). */
  pipeline(): LivePipeline;
  sendUtterance(text: string, voice: VoiceUtterance): Promise<TurnResult>;
}

/** Final transcript → `final` → the workflow's Update → the bot's replies, spoken. */
export async function deliverTurn(call: TurnDeliveryDeps, turn: Turn, interruptedMessageId: string | undefined): Promise<void> {
  const finishing = performance.now();
  const transcript = await turn.finish();
  // What the caller waits for recognition once they stop speaking (the audio is streamed while they speak).
  const sttLatencyMs = Math.round(performance.now() - finishing);
  if (call.closed()) return;
  const pipeline = call.pipeline();
  const metrics = pipeline.metrics();
  pipeline.resetTurn();
  const text = transcript.text.trim();
  if (!text) {
    // Noise or a cough: nothing to say to the workflow.
    call.counters.emptyTurns++;
    if (!call.callerInTurn()) call.setState(call.playback.isBotSpeaking() ? "bot-speaking" : "listening");
    return;
  }
  const quality = {
    levelDbfs: metrics.levelDbfs,
    snrBeforeDb: metrics.snrBeforeDb,
    snrAfterDb: metrics.snrAfterDb,
    speechRatio: metrics.speechRatio,
    clippingRatio: metrics.clippingRatio,
  };
  const confidence = Math.min(1, Math.max(0, transcript.confidence));
  call.send({ type: "final", text, confidence, quality });
  const ttsFirstByteMs = call.playback.takeFirstByteMs();
  const stageLatencyMs = Object.fromEntries(Object.entries(metrics.stageLatencyMs).map(([stage, latency]) => [stage, latency.p50]));
  call.send({ type: "metrics", stageLatencyMs, rtf: metrics.rtf });
  const result = await call.sendUtterance(text, {
    confidence,
    quality,
    durationMs: Math.round(turn.durationMs),
    engine: transcript.engine,
    sttLatencyMs,
    ...(ttsFirstByteMs !== undefined ? { ttsFirstByteMs } : {}),
    ...(interruptedMessageId ? { interruptedMessageId } : {}),
  });
  if (call.closed()) return;
  call.playback.speak(result.replies);
  if (result.status === "resolved" || result.status === "closed") {
    await call.playback.playedOut();
    call.send({ type: "ended", status: result.status });
    call.close(1000, `conversation ${result.status}`);
  } else if (!call.callerInTurn() && !call.playback.sending) {
    call.setState("listening");
  }
}
