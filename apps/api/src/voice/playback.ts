/**
 * The bot speaking: replies are captioned at once, then synthesized and sent one after another.
 * Audio is paced to stay only a little ahead of the caller's player (so a barge-in has little to
 * cut and "bot-speaking" means the caller hears the bot), waits for a backed-up socket rather
 * than piling up in it, and stops the moment the caller talks over it.
 */
import type { WebSocket } from "ws";
import type { CallState, ServerMessage } from "@parley/voice/protocol";
import type { TranscriptMessage } from "@parley/workflows/contracts";
import { speechProviderError } from "./call-error";
import type { GatewayCounters } from "./counters";
import type { TextToSpeech } from "./engines";
import type { VoiceLimits } from "./limits";

/** What playback needs from its call: the socket, the engine, and the call's state to move. */
export interface PlaybackDeps {
  socket: WebSocket;
  tts: TextToSpeech;
  limits: Pick<VoiceLimits, "playbackLeadMs" | "sendHighWaterBytes" | "drainTimeoutMs">;
  counters: GatewayCounters;
  send(message: ServerMessage): void;
  state(): CallState;
  setState(state: CallState): void;
  /** The caller is in a turn: their `user-speaking` outranks `bot-speaking`. */
  callerInTurn(): boolean;
  /** Where a synthesis failure goes (the call's error handling). */
  fail(err: unknown): void;
}

/** The message being synthesized now, and the switch that cuts it. */
interface Speaking {
  message: TranscriptMessage;
  abort: AbortController;
}

export class Playback {
  private readonly queue: TranscriptMessage[] = [];
  private current: Speaking | null = null;
  private playing: Promise<void> | null = null;
  /** When the caller's player will have played everything sent (performance.now() clock). */
  private endsAt = 0;
  private lastSpokenId: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Time to first audio of the first reply synthesized since the caller last spoke (ms). */
  private firstByteMs: number | undefined;

  constructor(private readonly deps: PlaybackDeps) {}

  /**
   * The time to first audio of the first reply the caller heard since the last call (the bot's
   * answer to their previous utterance, or the greeting), reported with their next utterance.
   */
  takeFirstByteMs(): number | undefined {
    const ms = this.firstByteMs;
    this.firstByteMs = undefined;
    return ms;
  }

  /** Captions first (every reply's text), then each reply's audio in order. */
  speak(messages: TranscriptMessage[]): void {
    for (const message of messages) this.deps.send({ type: "reply", messageId: message.id, text: message.text });
    this.queue.push(...messages.filter((m) => (m.meta?.voiceText ?? m.text).trim() || m.meta?.ssml));
    if (!this.playing && this.queue.length > 0) {
      this.playing = this.playAll()
        .catch((err: unknown) => this.deps.fail(err))
        .finally(() => {
          this.playing = null;
        });
    }
  }

  /** Replies are still being synthesized or sent. */
  get sending(): boolean {
    return this.playing !== null;
  }

  /** Audio is being sent, waiting, or still playing on the caller's side. */
  isBotSpeaking(): boolean {
    return this.current !== null || this.queue.length > 0 || performance.now() < this.endsAt;
  }

  /** Resolves once everything queued was sent and the caller's player has played it out. */
  async playedOut(): Promise<void> {
    await this.playing;
    await sleep(this.aheadMs());
  }

  /**
   * The caller spoke over the bot: stop synthesis, drop what is queued, tell the browser.
   * Returns the message that was cut, if any.
   */
  bargeIn(): string | undefined {
    if (!this.isBotSpeaking()) return undefined;
    const messageId = this.current?.message.id ?? this.lastSpokenId;
    this.current?.abort.abort();
    // Cut now, not when the synthesis loop next wakes: a second speech-start must not barge in again.
    this.current = null;
    this.queue.length = 0;
    this.endsAt = 0;
    if (!messageId) return undefined;
    this.deps.counters.bargeIns++;
    this.deps.send({ type: "barge-in", messageId });
    return messageId;
  }

  /** The call ended: nothing more is sent. */
  stop(): void {
    this.stopped = true;
    this.queue.length = 0;
    this.current?.abort.abort();
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  private async playAll(): Promise<void> {
    while (!this.stopped && this.queue.length > 0) {
      const message = this.queue.shift()!;
      await this.play(message);
    }
    if (!this.stopped && !this.deps.callerInTurn() && this.deps.state() === "bot-speaking") this.whenPlayedOut();
  }

  private async play(message: TranscriptMessage): Promise<void> {
    const abort = new AbortController();
    this.current = { message, abort };
    this.lastSpokenId = message.id;
    const { socket, tts, limits, counters } = this.deps;
    this.deps.send({ type: "tts-start", messageId: message.id, sampleRate: tts.sampleRate });
    if (!this.deps.callerInTurn()) this.deps.setState("bot-speaking");
    try {
      const request = {
        text: message.meta?.voiceText ?? message.text,
        ...(message.meta?.ssml ? { ssml: message.meta.ssml } : {}),
        ...(message.meta?.voice ? { voice: message.meta.voice } : {}),
      };
      const started = performance.now();
      let first = true;
      for await (const chunk of tts.synthesize(request, abort.signal)) {
        if (first) {
          first = false;
          this.firstByteMs ??= Math.round(performance.now() - started);
        }
        if (abort.signal.aborted || this.stopped) break;
        // Stay only a little ahead of the caller's playback, so a barge-in has little to cut.
        const lead = this.endsAt - performance.now();
        if (lead > limits.playbackLeadMs) await sleep(lead - limits.playbackLeadMs, abort.signal);
        if (abort.signal.aborted || this.stopped) break;
        if (!(await this.drained())) {
          counters.audioChunksDropped++;
          continue;
        }
        socket.send(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), { binary: true });
        counters.audioChunksSent++;
        this.endsAt = Math.max(this.endsAt, performance.now()) + (chunk.length / tts.sampleRate) * 1000;
      }
    } catch (err) {
      if (!abort.signal.aborted) throw speechProviderError("speech synthesis", err);
    } finally {
      if (this.current?.abort === abort) this.current = null;
    }
    this.deps.send({ type: "tts-end", messageId: message.id, interrupted: abort.signal.aborted });
  }

  /** How much sent audio the caller's player has still to play. */
  private aheadMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  /** Waits for the socket's send buffer to fall under the high-water mark; false on timeout. */
  private async drained(): Promise<boolean> {
    const { socket, limits, counters } = this.deps;
    const deadline = performance.now() + limits.drainTimeoutMs;
    while (socket.bufferedAmount > limits.sendHighWaterBytes) {
      if (this.stopped || performance.now() > deadline) return false;
      counters.backpressureWaits++;
      await sleep(10);
    }
    return true;
  }

  /** Back to `listening` once the caller's player has played the last reply out. */
  private whenPlayedOut(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => {
        this.idleTimer = null;
        if (!this.stopped && !this.deps.callerInTurn() && !this.isBotSpeaking() && this.deps.state() === "bot-speaking") {
          this.deps.setState("listening");
        }
      },
      this.aheadMs() + 5,
    );
  }
}

/** Waits `ms`, or less when `signal` aborts (a barge-in must not wait out the pacing). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
