/**
 * Feeds the caller's queued input through the pipeline one item at a time, in order: audio
 * frames (whose processed audio and VAD events go back to the call) and push-to-talk releases
 * (which end the turn after the audio queued before them).
 */
import { VoiceCallError } from "./call-error";
import type { GatewayCounters } from "./counters";
import type { LivePipeline, PipelineEvent } from "./engines";
import { RELEASE, type InputQueue } from "./input-queue";

export interface FramePumpDeps {
  input: InputQueue;
  counters: GatewayCounters;
  closed(): boolean;
  /** The call's pipeline; null before hello and after the call ended. */
  pipeline(): LivePipeline | null;
  /** Push-to-talk release: what the pipeline still held, for the turn that ends now. */
  onRelease(rest: Int16Array): void;
  /** The recognizer's audio of one frame and the VAD events found in it. */
  onProcessed(audio: Int16Array, events: PipelineEvent[]): void;
  fail(err: unknown): void;
}

export class FramePump {
  private pumping = false;

  constructor(private readonly deps: FramePumpDeps) {}

  /** Starts draining the queue unless it is being drained already (or there is no pipeline yet). */
  pump(): void {
    const { deps } = this;
    if (this.pumping || !deps.pipeline()) return;
    this.pumping = true;
    void (async () => {
      try {
        for (;;) {
          const pipeline = deps.pipeline();
          if (deps.closed() || !pipeline) break;
          const item = deps.input.shift();
          if (item === undefined) break;
          if (item === RELEASE) {
            // Push-to-talk release: what the pipeline still holds belongs to this turn.
            const rest = await pipeline.flush();
            if (deps.closed()) return;
            deps.onRelease(rest.recognition ?? rest.audio);
            continue;
          }
          // The recognizer hears the stream before noise suppression (Whisper's WER on RNNoise
          // output is 14-22 points worse: packages/voice/README.md); the VAD events come from
          // the suppressed stream.
          const { audio, recognition, events } = await pipeline.push(item);
          if (deps.closed()) return;
          deps.counters.framesProcessed++;
          deps.onProcessed(recognition ?? audio, events);
        }
      } catch (err) {
        // The pipeline refuses audio it cannot read (AudioFormatError): the caller's mistake.
        deps.fail(err instanceof Error && err.name === "AudioFormatError" ? new VoiceCallError("bad-audio", err.message) : err);
      } finally {
        this.pumping = false;
      }
    })();
  }
}
