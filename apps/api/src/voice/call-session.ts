/**
 * The orchestration of one live call: caller messages and audio in, the pipeline's VAD events
 * turned into turns, each finished turn delivered to the conversation workflow (an Update) and
 * its replies handed to the playback. The parts it drives live beside it: frames.ts and
 * input-queue.ts (audio on its way to the pipeline), turn.ts (one utterance and its recognizer),
 * playback.ts (the bot speaking).
 */
import type { WebSocket, RawData } from "ws";
import { parseClientMessage, type CallState, type ClientMessage, type ServerMessage } from "@parley/voice/protocol";
import type { TranscriptMessage, TurnResult, VoiceUtterance } from "@parley/workflows/contracts";
import { VoiceCallError } from "./call-error";
import type { LivePipeline, PipelineEvent, VoiceEngines } from "./engines";
import { PerSecond, checkAudioFrame, frameText, toSamples } from "./frames";
import { InputQueue, RELEASE, type QueuedInput } from "./input-queue";
import type { VoiceLimits } from "./limits";
import type { CallListeners } from "./listeners";
import type { GatewayCounters } from "./counters";
import { Playback } from "./playback";
import { PreRoll, Turn } from "./turn";

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
  /** `dropped`: the caller's side went away without hanging up (their socket closed or failed, or the heartbeat cut it). */
  onClosed(session: VoiceCallSession, dropped: boolean): void;
  /** Frames that arrived before the session existed (the caller may send `hello` at once). */
  earlyMessages?: { data: RawData; isBinary: boolean }[];
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

  private readonly input: InputQueue;
  private pumping = false;

  private turn: Turn | null = null;
  private readonly preRoll = new PreRoll();
  /** The bot message the caller talked over, reported with their next utterance. */
  private interrupted: string | undefined;
  /** Turns are delivered one at a time, in order, while audio keeps flowing. */
  private turns: Promise<void> = Promise.resolve();

  private readonly playback: Playback;
  private readonly helloTimer: NodeJS.Timeout;
  private readonly textRate: PerSecond;

  /** True once the call is over; a call can end inside the constructor, replaying early frames. */
  get ended(): boolean {
    return this.closed;
  }

  constructor(private readonly deps: CallSessionDeps) {
    this.conversationId = deps.conversationId;
    const { socket } = deps;
    this.input = new InputQueue(deps.limits, deps.counters);
    this.textRate = new PerSecond(deps.limits.maxTextFramesPerSecond);
    this.playback = new Playback({
      socket,
      tts: deps.engines.tts,
      limits: deps.limits,
      counters: deps.counters,
      send: (message) => this.send(message),
      state: () => this.state,
      setState: (state) => this.setState(state),
      callerInTurn: () => this.turn !== null,
      fail: (err) => this.fail(err),
    });
    const onMessage = (data: RawData, isBinary: boolean) => this.guard(() => (isBinary ? this.onAudio(data) : this.onText(data)));
    // What the caller sent while the conversation was being looked up comes first, in order.
    for (const early of deps.earlyMessages ?? []) onMessage(early.data, early.isBinary);
    socket.on("message", onMessage);
    // Every ending of ours (a hang-up, the conversation's end, a replacement, a shutdown) closes
    // the session first: a socket that closes while it is still open was dropped on the caller's side.
    socket.on("close", () => this.close(1000, "", true));
    socket.on("error", () => this.close(1000, "", true));
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

  /** The server is going away: the caller hears why (`overloaded`) and that calling again continues; close 1012. */
  shutdown(message: string): void {
    this.send({ type: "error", code: "overloaded", message });
    this.close(1012, message);
  }

  close(code = 1000, reason = "", dropped = false): void {
    if (this.closed) return;
    this.closed = true;
    this.state = "ended";
    this.turn?.close();
    this.turn = null;
    this.playback.stop();
    this.input.clear();
    clearTimeout(this.helloTimer);
    const pipeline = this.pipeline;
    this.pipeline = null;
    void Promise.resolve()
      .then(() => pipeline?.close())
      .catch((err: unknown) => console.error(`[voice] ${this.conversationId}: closing the pipeline failed:`, err));
    const { socket } = this.deps;
    // A close reason is limited to 123 bytes by the protocol.
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason.slice(0, 100));
    this.deps.onClosed(this, dropped);
  }

  // ---- caller → gateway -------------------------------------------------------------------

  private onText(data: RawData): void {
    if (!this.textRate.take()) {
      throw new VoiceCallError("bad-message", `more than ${this.deps.limits.maxTextFramesPerSecond} control messages per second`, 1008);
    }
    const parsed = parseClientMessage(frameText(data, this.deps.limits.maxTextFrameBytes));
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
        if (m.muted) this.input.dropAudio();
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
      this.playback.speak(this.deps.greeting);
      this.pump();
    })().catch((err: unknown) => this.fail(err));
  }

  private onAudio(data: RawData): void {
    if (!this.starting) throw new VoiceCallError("bad-message", "send hello before audio");
    const bytes = checkAudioFrame(data, this.deps.limits.maxFrameBytes);
    if (this.muted || !this.input.withinRate()) return;
    this.enqueue(toSamples(bytes));
  }

  private enqueue(item: QueuedInput): void {
    this.input.push(item);
    this.pump();
  }

  /** Feeds queued frames through the pipeline one at a time, in order. */
  private pump(): void {
    if (this.pumping || !this.pipeline) return;
    this.pumping = true;
    void (async () => {
      try {
        while (!this.closed && this.pipeline) {
          const item = this.input.shift();
          if (item === undefined) break;
          if (item === RELEASE) {
            // Push-to-talk release: what the pipeline still holds belongs to this turn.
            const rest = await this.pipeline.flush();
            if (this.closed) return;
            this.turn?.write(rest.recognition ?? rest.audio);
            this.endTurn();
            continue;
          }
          // The recognizer hears the stream before noise suppression (Whisper's WER on RNNoise
          // output is 14-22 points worse: packages/voice/README.md); the VAD events come from
          // the suppressed stream.
          const { audio, recognition, events } = await this.pipeline.push(item);
          if (this.closed) return;
          this.deps.counters.framesProcessed++;
          this.onProcessedAudio(recognition ?? audio, events);
        }
      } catch (err) {
        // The pipeline refuses audio it cannot read (AudioFormatError): the caller's mistake.
        this.fail(err instanceof Error && err.name === "AudioFormatError" ? new VoiceCallError("bad-audio", err.message) : err);
      } finally {
        this.pumping = false;
      }
    })();
  }

  private onProcessedAudio(audio: Int16Array, events: PipelineEvent[]): void {
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
      if (this.turn.durationMs >= this.deps.limits.maxTurnMs) this.endTurn();
    } else {
      this.preRoll.push(audio);
    }
  }

  /** The caller spoke over the bot: the cut message travels with their next utterance. */
  private bargeIn(): void {
    const messageId = this.playback.bargeIn();
    if (messageId) this.interrupted = messageId;
  }

  // ---- turns ------------------------------------------------------------------------------

  private startTurn(): void {
    if (this.turn || this.closed) return;
    this.bargeIn();
    const turn = new Turn(this.deps.engines.stt.start(), (text) => {
      if (!this.closed) this.send({ type: "partial", text });
    });
    this.turn = turn;
    for (const chunk of this.preRoll.take()) turn.write(chunk);
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
    const finishing = performance.now();
    const transcript = await turn.finish();
    // What the caller waits for recognition once they stop speaking (the audio is streamed while they speak).
    const sttLatencyMs = Math.round(performance.now() - finishing);
    if (this.closed) return;
    const pipeline = this.pipeline!;
    const metrics = pipeline.metrics();
    pipeline.resetTurn();
    const text = transcript.text.trim();
    if (!text) {
      // Noise or a cough: nothing to say to the workflow.
      this.deps.counters.emptyTurns++;
      if (!this.turn) this.setState(this.playback.isBotSpeaking() ? "bot-speaking" : "listening");
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
    const ttsFirstByteMs = this.playback.takeFirstByteMs();
    const stageLatencyMs = Object.fromEntries(Object.entries(metrics.stageLatencyMs).map(([stage, latency]) => [stage, latency.p50]));
    this.send({ type: "metrics", stageLatencyMs, rtf: metrics.rtf });
    const result = await this.deps.sendUtterance(text, {
      confidence,
      quality,
      durationMs: Math.round(turn.durationMs),
      engine: transcript.engine,
      sttLatencyMs,
      ...(ttsFirstByteMs !== undefined ? { ttsFirstByteMs } : {}),
      ...(interruptedMessageId ? { interruptedMessageId } : {}),
    });
    if (this.closed) return;
    this.playback.speak(result.replies);
    if (result.status === "resolved" || result.status === "closed") {
      await this.playback.playedOut();
      this.send({ type: "ended", status: result.status });
      this.close(1000, `conversation ${result.status}`);
    } else if (!this.turn && !this.playback.sending) {
      this.setState("listening");
    }
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
      // A broken limit (a flood, an oversized frame) ends this call, with the code that says why.
      if (err.closeCode) {
        this.close(err.closeCode, err.message);
        return;
      }
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
