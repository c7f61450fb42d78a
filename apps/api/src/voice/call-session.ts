import type { WebSocket, RawData } from "ws";
import { parseClientMessage, type CallState, type ClientMessage, type ServerMessage, type VoiceErrorCode } from "@parley/voice/protocol";
import type { TranscriptMessage, TurnResult, VoiceUtterance } from "@parley/workflows/contracts";
import type { LivePipeline, PipelineEvent, RecognitionSession, VoiceEngines } from "./engines";
import type { VoiceLimits } from "./limits";
import type { CallListeners } from "./listeners";
import type { GatewayCounters } from "./counters";

/** A failure the caller can act on (its code goes into the `error` frame); anything else is a bug. */
export class VoiceCallError extends Error {
  constructor(
    readonly code: VoiceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CallSessionDeps {
  conversationId: string;
  socket: WebSocket;
  engines: VoiceEngines;
  limits: VoiceLimits;
  listeners: CallListeners;
  counters: GatewayCounters;
  /** The bot messages to speak once the caller is ready (the opening, on a first connect). */
  greeting: TranscriptMessage[];
  /** Delivers the caller's utterance to the conversation workflow; resolves with its reaction. */
  sendUtterance(text: string, voice: VoiceUtterance): Promise<TurnResult>;
  onClosed(session: VoiceCallSession): void;
  /** Frames that arrived before the session existed (the caller may send `hello` at once). */
  earlyMessages?: { data: RawData; isBinary: boolean }[];
}

/** Audio kept from before the VAD's speech-start so the first syllable reaches the recognizer. */
const PRE_ROLL_MS = 300;
const PIPELINE_RATE = 16_000;
/** Marks a push-to-talk release in the frame queue. */
const RELEASE = Symbol("ptt-release");

/** One utterance: audio goes to the recognizer, held back until the recognizer has started. */
class Turn {
  samples = 0;
  /** Set once the final is out: a partial decoded late must not follow it. */
  done = false;
  private session: RecognitionSession | null = null;
  private held: Int16Array[] = [];
  private closed = false;
  readonly ready: Promise<RecognitionSession>;

  constructor(starting: Promise<RecognitionSession>, onPartial: (text: string) => void) {
    this.ready = starting.then((session) => {
      if (this.closed) {
        session.close();
        return session;
      }
      session.onPartial(onPartial);
      for (const chunk of this.held) session.write(chunk);
      this.held = [];
      this.session = session;
      return session;
    });
    // A recognizer that fails to start is reported when the turn is finished.
    this.ready.catch(() => undefined);
  }

  write(samples: Int16Array): void {
    this.samples += samples.length;
    if (this.session) this.session.write(samples);
    else this.held.push(samples);
  }

  async finish() {
    return (await this.ready).finish();
  }

  close(): void {
    this.closed = true;
    this.session?.close();
  }
}

interface Playback {
  message: TranscriptMessage;
  abort: AbortController;
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

/**
 * One live call: the caller's socket, its audio pipeline, the recognizer of the current turn and
 * the bot's playback. Everything that can fail is caught here, so a broken call ends alone with
 * an `error` frame and never disturbs another.
 */
export class VoiceCallSession {
  readonly conversationId: string;
  private pipeline: LivePipeline | null = null;
  private starting: Promise<void> | null = null;
  private mode: "auto" | "push-to-talk" = "auto";
  private muted = false;
  private closed = false;
  private state: CallState = "idle";

  private readonly inputQueue: (Int16Array | typeof RELEASE)[] = [];
  private pumping = false;
  private rateWindowStart = 0;
  private rateWindowFrames = 0;

  private turn: Turn | null = null;
  private preRoll: Int16Array[] = [];
  private preRollSamples = 0;
  /** The bot message the caller talked over, reported with their next utterance. */
  private interrupted: string | undefined;
  /** Turns are delivered one at a time, in order, while audio keeps flowing. */
  private turns: Promise<void> = Promise.resolve();

  private readonly playQueue: TranscriptMessage[] = [];
  private playback: Playback | null = null;
  private playing: Promise<void> | null = null;
  /** When the caller's player will have played everything sent (performance.now() clock). */
  private playbackEndsAt = 0;
  private lastSpokenId: string | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly helloTimer: NodeJS.Timeout;

  constructor(private readonly deps: CallSessionDeps) {
    this.conversationId = deps.conversationId;
    const { socket } = deps;
    const onMessage = (data: RawData, isBinary: boolean) => this.guard(() => (isBinary ? this.onAudio(data) : this.onText(data)));
    // What the caller sent while the conversation was being looked up comes first, in order.
    for (const early of deps.earlyMessages ?? []) onMessage(early.data, early.isBinary);
    socket.on("message", onMessage);
    socket.on("close", () => this.close());
    socket.on("error", () => this.close());
    this.helloTimer = setTimeout(() => {
      if (this.starting || this.closed) return;
      this.send({ type: "error", code: "bad-message", message: `no hello within ${deps.limits.helloTimeoutMs} ms` });
      this.close(4408, "no hello");
    }, deps.limits.helloTimeoutMs);
  }

  /** Another socket took over this conversation (a reconnect): this one ends quietly. */
  replace(): void {
    this.send({ type: "ended", status: "replaced" });
    this.close(4000, "replaced by a newer connection");
  }

  close(code = 1000, reason = ""): void {
    if (this.closed) return;
    this.closed = true;
    this.state = "ended";
    this.turn?.close();
    this.turn = null;
    this.playQueue.length = 0;
    this.playback?.abort.abort();
    this.inputQueue.length = 0;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    clearTimeout(this.helloTimer);
    const pipeline = this.pipeline;
    this.pipeline = null;
    void Promise.resolve()
      .then(() => pipeline?.close())
      .catch((err: unknown) => console.error(`[voice] ${this.conversationId}: closing the pipeline failed:`, err));
    const { socket } = this.deps;
    // A close reason is limited to 123 bytes by the protocol.
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason.slice(0, 100));
    this.deps.onClosed(this);
  }

  // ---- caller → gateway -------------------------------------------------------------------

  private onText(data: RawData): void {
    const parsed = parseClientMessage(rawToString(data));
    if (!parsed.ok) throw new VoiceCallError("bad-message", parsed.error);
    const message = parsed.message;
    const handlers = {
      hello: (m) => this.hello(m),
      stats: (m) => this.pipeline?.updateConditions({ packetLossPct: m.packetLossPct, jitterMs: m.jitterMs }),
      ptt: (m) => {
        if (this.mode !== "push-to-talk") throw new VoiceCallError("bad-message", "ptt is for push-to-talk mode");
        if (m.pressed) this.startTurn();
        // The release goes through the frame queue: the turn ends after the audio before it.
        else if (this.turn) this.enqueue(RELEASE);
      },
      mute: (m) => {
        this.muted = m.muted;
        // Muting drops the audio still queued, but not a push-to-talk release.
        if (m.muted) this.inputQueue.splice(0, this.inputQueue.length, ...this.inputQueue.filter((queued) => queued === RELEASE));
      },
      "barge-in": () => this.bargeIn(),
      hangup: () => {
        this.send({ type: "ended", status: "hangup" });
        this.close(1000, "hangup");
      },
    } satisfies { [K in ClientMessage["type"]]: (message: Extract<ClientMessage, { type: K }>) => void };
    (handlers[message.type] as (m: ClientMessage) => void)(message);
  }

  private hello(message: Extract<ClientMessage, { type: "hello" }>): void {
    if (this.starting) throw new VoiceCallError("bad-message", "hello was already received");
    this.mode = message.mode;
    this.starting = (async () => {
      const pipeline = await this.deps.engines.createPipeline({
        inputSampleRate: message.capabilities.sampleRate,
        capabilities: message.capabilities,
      });
      if (this.closed) {
        await pipeline.close();
        return;
      }
      this.pipeline = pipeline;
      this.send({
        type: "ready",
        conversationId: this.conversationId,
        stages: pipeline.metrics().stages,
        ttsSampleRate: this.deps.engines.tts.sampleRate,
      });
      this.setState("listening");
      this.speak(this.deps.greeting);
      this.pump();
    })().catch((err: unknown) => this.fail(err));
  }

  private onAudio(data: RawData): void {
    const bytes = rawToBuffer(data);
    if (!this.starting) throw new VoiceCallError("bad-message", "send hello before audio");
    if (bytes.byteLength === 0 || bytes.byteLength % 2 !== 0) {
      throw new VoiceCallError("bad-audio", `an audio frame is 16-bit PCM: ${bytes.byteLength} bytes is not a whole number of samples`);
    }
    if (bytes.byteLength > this.deps.limits.maxFrameBytes) {
      throw new VoiceCallError("bad-audio", `audio frame of ${bytes.byteLength} bytes exceeds ${this.deps.limits.maxFrameBytes}`);
    }
    if (this.muted) return;
    const now = performance.now();
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateWindowFrames = 0;
    }
    if (++this.rateWindowFrames > this.deps.limits.maxFramesPerSecond) {
      this.deps.counters.framesOverRate++;
      return;
    }
    // Copy into an aligned buffer: a Buffer slice may start at an odd offset.
    const samples = new Int16Array(bytes.byteLength / 2);
    new Uint8Array(samples.buffer).set(bytes);
    this.enqueue(samples);
  }

  private enqueue(item: Int16Array | typeof RELEASE): void {
    if (this.inputQueue.length >= this.deps.limits.inputQueueFrames) {
      const oldestFrame = this.inputQueue.findIndex((queued) => queued !== RELEASE);
      if (oldestFrame >= 0) this.inputQueue.splice(oldestFrame, 1);
      this.deps.counters.framesDropped++;
    }
    this.inputQueue.push(item);
    this.pump();
  }

  /** Feeds queued frames through the pipeline one at a time, in order. */
  private pump(): void {
    if (this.pumping || !this.pipeline) return;
    this.pumping = true;
    void (async () => {
      try {
        while (!this.closed && this.pipeline && this.inputQueue.length > 0) {
          const item = this.inputQueue.shift()!;
          if (item === RELEASE) {
            // Push-to-talk release: what the pipeline still holds belongs to this turn.
            const rest = await this.pipeline.flush();
            if (this.closed) return;
            this.turn?.write(rest.audio);
            this.endTurn();
            continue;
          }
          const { audio, events } = await this.pipeline.push(item);
          if (this.closed) return;
          this.deps.counters.framesProcessed++;
          this.onEnhancedAudio(audio, events);
        }
      } catch (err) {
        // The pipeline refuses audio it cannot read (AudioFormatError): the caller's mistake.
        this.fail(err instanceof Error && err.name === "AudioFormatError" ? new VoiceCallError("bad-audio", err.message) : err);
      } finally {
        this.pumping = false;
      }
    })();
  }

  private onEnhancedAudio(audio: Int16Array, events: PipelineEvent[]): void {
    for (const event of events) {
      if (event.type === "speech-start") {
        this.deps.counters.speechStarts++;
        this.bargeIn();
        if (this.mode === "auto") this.startTurn();
      } else if (this.mode === "auto") {
        this.endTurn();
      }
    }
    if (this.turn) {
      this.turn.write(audio);
      if ((this.turn.samples / PIPELINE_RATE) * 1000 >= this.deps.limits.maxTurnMs) this.endTurn();
    } else if (audio.length > 0) {
      this.preRoll.push(audio);
      this.preRollSamples += audio.length;
      while (this.preRollSamples - this.preRoll[0]!.length >= (PRE_ROLL_MS * PIPELINE_RATE) / 1000) {
        this.preRollSamples -= this.preRoll.shift()!.length;
      }
    }
  }

  // ---- turns ------------------------------------------------------------------------------

  private startTurn(): void {
    if (this.turn || this.closed) return;
    this.bargeIn();
    const turn: Turn = new Turn(this.deps.engines.stt.start(), (text) => {
      if (!turn.done && !this.closed && text) this.send({ type: "partial", text });
    });
    this.turn = turn;
    for (const chunk of this.preRoll) turn.write(chunk);
    this.preRoll = [];
    this.preRollSamples = 0;
    this.setState("user-speaking");
  }

  private endTurn(): void {
    const turn = this.turn;
    if (!turn) return;
    this.turn = null;
    const interruptedMessageId = this.interrupted;
    this.interrupted = undefined;
    this.setState("thinking");
    this.turns = this.turns
      .then(() => this.deliver(turn, interruptedMessageId))
      .catch((err: unknown) => this.fail(err));
  }

  /** Final transcript → `final` → the workflow's Update → the bot's replies, spoken. */
  private async deliver(turn: Turn, interruptedMessageId: string | undefined): Promise<void> {
    let transcript;
    try {
      transcript = await turn.finish();
    } catch (err) {
      throw new VoiceCallError("speech-provider", `speech recognition failed: ${errorMessage(err)}`);
    } finally {
      turn.done = true;
      turn.close();
    }
    if (this.closed) return;
    const pipeline = this.pipeline!;
    const metrics = pipeline.metrics();
    pipeline.resetTurn();
    const text = transcript.text.trim();
    if (!text) {
      // Noise or a cough: nothing to say to the workflow.
      this.deps.counters.emptyTurns++;
      if (!this.turn) this.setState(this.isBotSpeaking() ? "bot-speaking" : "listening");
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
    this.send({ type: "final", text, confidence, quality });
    const stageLatencyMs = Object.fromEntries(Object.entries(metrics.stageLatencyMs).map(([stage, latency]) => [stage, latency.p50]));
    this.send({ type: "metrics", stageLatencyMs, rtf: metrics.rtf });
    const result = await this.deps.sendUtterance(text, {
      confidence,
      quality,
      durationMs: Math.round((turn.samples / PIPELINE_RATE) * 1000),
      engine: transcript.engine,
      ...(interruptedMessageId ? { interruptedMessageId } : {}),
    });
    if (this.closed) return;
    this.speak(result.replies);
    if (result.status === "resolved" || result.status === "closed") {
      await this.playing;
      await sleep(Math.max(0, this.playbackEndsAt - performance.now()));
      this.send({ type: "ended", status: result.status });
      this.close(1000, `conversation ${result.status}`);
    } else if (!this.turn && !this.playing) {
      this.setState("listening");
    }
  }

  // ---- the bot speaking -------------------------------------------------------------------

  /** Captions first (every reply's text), then each reply's audio in order. */
  private speak(messages: TranscriptMessage[]): void {
    for (const message of messages) this.send({ type: "reply", messageId: message.id, text: message.text });
    this.playQueue.push(...messages.filter((m) => (m.meta?.voiceText ?? m.text).trim() || m.meta?.ssml));
    if (!this.playing && this.playQueue.length > 0) {
      this.playing = this.playAll()
        .catch((err: unknown) => this.fail(err))
        .finally(() => {
          this.playing = null;
        });
    }
  }

  private async playAll(): Promise<void> {
    while (!this.closed && this.playQueue.length > 0) {
      const message = this.playQueue.shift()!;
      await this.play(message);
    }
    if (!this.closed && !this.turn && this.state === "bot-speaking") this.whenPlaybackEnds();
  }

  private async play(message: TranscriptMessage): Promise<void> {
    const abort = new AbortController();
    this.playback = { message, abort };
    this.lastSpokenId = message.id;
    const { tts } = this.deps.engines;
    const { socket, limits, counters } = this.deps;
    this.send({ type: "tts-start", messageId: message.id, sampleRate: tts.sampleRate });
    if (!this.turn) this.setState("bot-speaking");
    try {
      const request = {
        text: message.meta?.voiceText ?? message.text,
        ...(message.meta?.ssml ? { ssml: message.meta.ssml } : {}),
        ...(message.meta?.voice ? { voice: message.meta.voice } : {}),
      };
      for await (const chunk of tts.synthesize(request, abort.signal)) {
        if (abort.signal.aborted || this.closed) break;
        // Stay only a little ahead of the caller's playback, so a barge-in has little to cut.
        const lead = this.playbackEndsAt - performance.now();
        if (lead > limits.playbackLeadMs) await sleep(lead - limits.playbackLeadMs, abort.signal);
        if (abort.signal.aborted || this.closed) break;
        if (!(await this.drained())) {
          counters.audioChunksDropped++;
          continue;
        }
        socket.send(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength), { binary: true });
        counters.audioChunksSent++;
        this.playbackEndsAt = Math.max(this.playbackEndsAt, performance.now()) + (chunk.length / tts.sampleRate) * 1000;
      }
    } catch (err) {
      if (!abort.signal.aborted) throw new VoiceCallError("speech-provider", `speech synthesis failed: ${errorMessage(err)}`);
    } finally {
      if (this.playback?.abort === abort) this.playback = null;
    }
    this.send({ type: "tts-end", messageId: message.id, interrupted: abort.signal.aborted });
  }

  /** Waits for the socket's send buffer to fall under the high-water mark; false on timeout. */
  private async drained(): Promise<boolean> {
    const { socket, limits } = this.deps;
    const deadline = performance.now() + limits.drainTimeoutMs;
    while (socket.bufferedAmount > limits.sendHighWaterBytes) {
      if (this.closed || performance.now() > deadline) return false;
      this.deps.counters.backpressureWaits++;
      await sleep(10);
    }
    return true;
  }

  private isBotSpeaking(): boolean {
    return this.playback !== null || this.playQueue.length > 0 || performance.now() < this.playbackEndsAt;
  }

  /** The caller spoke over the bot: stop synthesis, drop what is queued, tell the browser. */
  private bargeIn(): void {
    if (!this.isBotSpeaking()) return;
    const messageId = this.playback?.message.id ?? this.lastSpokenId;
    this.playback?.abort.abort();
    // Cut now, not when the synthesis loop next wakes: a second speech-start must not barge in again.
    this.playback = null;
    this.playQueue.length = 0;
    this.playbackEndsAt = 0;
    if (!messageId) return;
    this.interrupted = messageId;
    this.deps.counters.bargeIns++;
    this.send({ type: "barge-in", messageId });
  }

  private whenPlaybackEnds(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => {
        this.idleTimer = null;
        if (!this.closed && !this.turn && !this.isBotSpeaking() && this.state === "bot-speaking") this.setState("listening");
      },
      Math.max(0, this.playbackEndsAt - performance.now()) + 5,
    );
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private setState(state: CallState): void {
    if (this.state === state || this.closed) return;
    this.state = state;
    this.send({ type: "state", state });
  }

  private send(message: ServerMessage): void {
    const { socket } = this.deps;
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    this.deps.listeners.broadcast(this.conversationId, message);
  }

  /** Runs a socket handler: caller mistakes become `error` frames, anything else ends this call only. */
  private guard(handler: () => void): void {
    if (this.closed) return;
    try {
      handler();
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    if (err instanceof VoiceCallError) {
      this.deps.counters.callerErrors++;
      this.send({ type: "error", code: err.code, message: err.message });
      // The call goes on: a bad frame or a failed turn is not the end of the conversation.
      if (err.code !== "conversation-ended") {
        if (this.state === "thinking" && !this.turn) this.setState("listening");
        return;
      }
      this.close(4409, err.message);
      return;
    }
    this.deps.counters.sessionsFailed++;
    console.error(`[voice] call ${this.conversationId} failed:`, err);
    this.send({ type: "error", code: "internal", message: "the call failed on the server" });
    this.close(1011, "internal error");
  }
}

function rawToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

function rawToString(data: RawData): string {
  return rawToBuffer(data).toString("utf8");
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
