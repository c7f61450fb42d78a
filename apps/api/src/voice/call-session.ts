/**
 * The orchestration of one live call: caller messages and audio in, the pipeline's VAD events
 * turned into turns, each finished turn delivered to the conversation workflow (an Update) and
 * its replies handed to the playback. The parts it drives live beside it: caller-controls.ts
 * (control messages), frames.ts, input-queue.ts and frame-pump.ts (audio on its way to the
 * pipeline), turn.ts (one utterance and its recognizer), turn-delivery.ts (a finished turn to the
 * workflow and back), playback.ts (the bot speaking), call-failure.ts (what an error ends).
 */
import type { WebSocket, RawData } from "ws";
import type { CallState, ClientMessage, ServerMessage } from "@parley/voice/protocol";
import type { TranscriptMessage, TurnResult, VoiceUtterance } from "@parley/workflows/contracts";
import { VoiceCallError } from "./call-error";
import type { LivePipeline, PipelineEvent, VoiceEngines } from "./engines";
import { checkAudioFrame, toSamples } from "./frames";
import { FramePump } from "./frame-pump";
import { InputQueue, RELEASE, type QueuedInput } from "./input-queue";
import type { VoiceLimits } from "./limits";
import type { CallListeners } from "./listeners";
import type { GatewayCounters } from "./counters";
import { Playback } from "./playback";
import { PreRoll, Turn } from "./turn";
import { deliverTurn, type TurnDeliveryDeps } from "./turn-delivery";
import type { CallHandle } from "./call-handle";
import { CallerControls, type ControlHandlers } from "./caller-controls";
import { failCall } from "./call-failure";

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
  private readonly frames: FramePump;

  private turn: Turn | null = null;
  private readonly preRoll = new PreRoll();
  /** The bot message the caller talked over, reported with their next utterance. */
  private interrupted: string | undefined;
  /** Turns are delivered one at a time, in order, while audio keeps flowing. */
  private turns: Promise<void> = Promise.resolve();

  private readonly playback: Playback;
  private readonly handle: TurnDeliveryDeps;
  private readonly helloTimer: NodeJS.Timeout;
  private readonly controls: CallerControls;

  /** True once the call is over; a call can end inside the constructor, replaying early frames. */
  get ended(): boolean {
    return this.closed;
  }

  constructor(private readonly deps: CallSessionDeps) {
    this.conversationId = deps.conversationId;
    const { socket } = deps;
    this.input = new InputQueue(deps.limits, deps.counters);
    this.controls = new CallerControls(deps.limits, this.controlHandlers());
    // What the call's parts see of it (playback, turn delivery, the frame pump, failures).
    const call: CallHandle = {
      conversationId: this.conversationId,
      counters: deps.counters,
      closed: () => this.closed,
      state: () => this.state,
      callerInTurn: () => this.turn !== null,
      send: (message) => this.send(message),
      setState: (state) => this.setState(state),
      close: (code, reason) => this.close(code, reason),
      fail: (err) => this.fail(err),
    };
    this.playback = new Playback({ ...call, socket, tts: deps.engines.tts, limits: deps.limits });
    this.handle = { ...call, playback: this.playback, pipeline: () => this.pipeline!, sendUtterance: (text, voice) => deps.sendUtterance(text, voice) };
    this.frames = new FramePump({
      ...call,
      input: this.input,
      pipeline: () => this.pipeline,
      onRelease: (rest) => {
        this.turn?.write(rest);
        this.endTurn();
      },
      onProcessed: (audio, events) => this.onProcessedAudio(audio, events),
    });
    const onMessage = (data: RawData, isBinary: boolean) => this.guard(() => (isBinary ? this.onAudio(data) : this.controls.receive(data)));
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

  /** What each control message does to this call. */
  private controlHandlers(): ControlHandlers {
    return {
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
    };
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
      this.frames.pump();
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
    this.frames.pump();
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
      .then(() => deliverTurn(this.handle, turn, interruptedMessageId))
      .catch((err: unknown) => this.fail(err));
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
    failCall(this.handle, err);
  }
}
