import { CaptureError, openAudioGraph, parseServerMessage, SendGate, TtsPlayer, voiceSocketUrl, type AudioGraph } from "@parley/ui/call";

/**
 * The call button's call: the customer's microphone to the voice gateway and the bot's speech
 * back, in the widget's own conversation (the gateway takes a web widget's conversation when its
 * channel offers calls). The microphone, the text-to-speech player, the send gate and the socket
 * helpers are the builder's (`@parley/ui/call`); the gateway's voice activity detection finds the
 * turns, so the widget bundles no VAD model. What is said lands in the conversation, which the
 * widget's stream shows as the transcript.
 */
export type CallPhase = "idle" | "connecting" | "live" | "ended" | "failed";

export interface CallView {
  phase: CallPhase;
  muted: boolean;
  /** The gateway's call state (listening, user-speaking, thinking, bot-speaking). */
  state: string | null;
  /** What the gateway hears so far in this turn. */
  partial: string;
  /** Why the call failed, said for people. */
  error: string | null;
}

/** Only what the widget reads of the gateway's messages (`@parley/voice/protocol` has them all). */
type GatewayMessage =
  | { type: "ready" }
  | { type: "state"; state: string }
  | { type: "partial"; text: string }
  | { type: "final"; text: string }
  | { type: "tts-start"; sampleRate: number }
  | { type: "tts-end" }
  | { type: "barge-in" }
  | { type: "error"; code: string; message: string }
  | { type: "ended"; status: string };

const WIRE_RATE = 16000;

export class WidgetCall {
  view: CallView = { phase: "idle", muted: false, state: null, partial: "", error: null };
  private live: { socket: WebSocket; graph: AudioGraph; player: TtsPlayer; gate: SendGate } | null = null;
  /** Bumped by every start and teardown: a start that awaited past a newer one gives up. */
  private generation = 0;

  constructor(
    private readonly apiBase: string,
    private readonly onChange: (view: CallView) => void,
  ) {}

  get active(): boolean {
    return this.view.phase === "connecting" || this.view.phase === "live";
  }

  /** Opens the microphone (from the click: browsers want a gesture), then the gateway socket. */
  async start(conversationId: string, token: string): Promise<void> {
    this.teardown();
    const mine = this.generation;
    this.update({ phase: "connecting", muted: false, state: null, partial: "", error: null });
    let graph: AudioGraph;
    try {
      graph = await openAudioGraph((frame) => this.frame(frame), `${this.apiBase}/widget/pcm-capture.worklet.js`);
    } catch (err) {
      if (mine === this.generation) this.update({ phase: "failed", error: err instanceof CaptureError || err instanceof Error ? err.message : String(err) });
      return;
    }
    if (mine !== this.generation) return void graph.close();
    const socket = new WebSocket(voiceSocketUrl(this.apiBase, conversationId, { token }));
    socket.binaryType = "arraybuffer";
    const player = new TtsPlayer(graph.context, graph.output, () => undefined);
    this.live = { socket, graph, player, gate: new SendGate() };
    let opened = false;
    socket.onopen = () => {
      opened = true;
      const capabilities = { sampleRate: WIRE_RATE, noiseSuppressedByBrowser: graph.noiseSuppressed, cpuBudget: (navigator.hardwareConcurrency ?? 4) <= 2 ? "low" : "normal" };
      socket.send(JSON.stringify({ type: "hello", capabilities, mode: "auto" }));
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data !== "string") return player.enqueue(event.data);
      const message = parseServerMessage<GatewayMessage>(event.data);
      if (message) this.onMessage(message, player);
    };
    socket.onclose = (event) => {
      if (this.live?.socket !== socket) return;
      this.teardown();
      // A close after `ended` or a hang-up is already drawn; anything else is a lost call.
      if (this.view.phase === "ended") return;
      this.update(opened ? { phase: "failed", error: `The call was cut off (${event.code}${event.reason ? `: ${event.reason}` : ""}).` } : { phase: "failed", error: "The call service could not be reached." });
    };
  }

  private onMessage(message: GatewayMessage, player: TtsPlayer): void {
    switch (message.type) {
      case "ready":
        return this.update({ phase: "live" });
      case "state":
        return this.update({ state: message.state, phase: "live" });
      case "partial":
        return this.update({ partial: message.text });
      case "final":
        return this.update({ partial: "" });
      case "tts-start":
        return player.begin(message.sampleRate);
      case "tts-end":
        return player.end();
      case "barge-in":
        return player.flush();
      case "error":
        return this.update({ error: message.message });
      case "ended":
        this.teardown();
        return this.update({ phase: "ended", state: null });
    }
  }

  /** Microphone frames pass the send gate (muted sends nothing; no local VAD: the gateway's decides). */
  private frame(frame: ArrayBuffer): void {
    const live = this.live;
    if (!live || live.socket.readyState !== WebSocket.OPEN) return;
    const out = live.gate.push(frame, { mode: "auto", muted: this.view.muted, pttHeld: false, speaking: false, detectorReady: false });
    for (const chunk of out) live.socket.send(chunk);
  }

  setMuted(muted: boolean): void {
    this.update({ muted });
    if (this.live?.socket.readyState === WebSocket.OPEN) this.live.socket.send(JSON.stringify({ type: "mute", muted }));
  }

  hangup(): void {
    if (this.live?.socket.readyState === WebSocket.OPEN) this.live.socket.send(JSON.stringify({ type: "hangup" }));
    this.teardown();
    this.update({ phase: "ended", state: null, partial: "" });
  }

  private teardown(): void {
    this.generation++;
    const live = this.live;
    this.live = null;
    if (!live) return;
    live.player.flush();
    live.socket.onclose = null;
    live.socket.onmessage = null;
    if (live.socket.readyState <= WebSocket.OPEN) live.socket.close(1000, "hangup");
    void live.graph.close();
  }

  private update(change: Partial<CallView>): void {
    this.view = { ...this.view, ...change };
    this.onChange(this.view);
  }
}
