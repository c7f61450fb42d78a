// One call session on the real pipeline and offline TTS, with the network socket replaced by an
// in-memory one whose send buffer the test controls: backpressure and flooding, deterministically.
import { EventEmitter } from "node:events";
import { afterAll, describe, expect, it } from "vitest";
import type { WebSocket } from "ws";
import { createSpeechProviders, createVoicePipeline } from "@parley/voice";
import type { ServerMessage } from "@parley/voice/protocol";
import { VoiceCallSession } from "./call-session";
import { createCounters } from "./counters";
import { defaultVoiceLimits } from "./limits";
import { CallListeners } from "./listeners";

/** What the session uses of a `ws` socket; `bufferedAmount` is whatever the test says. */
class MemorySocket extends EventEmitter {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  bufferedAmount = 0;
  readonly texts: ServerMessage[] = [];
  audioBytes = 0;
  send(data: string | Uint8Array) {
    if (typeof data === "string") this.texts.push(JSON.parse(data) as ServerMessage);
    else this.audioBytes += data.byteLength;
  }
  close() {
    this.readyState = 3;
  }
  async until(type: ServerMessage["type"], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.texts.some((m) => m.type === type)) {
      if (Date.now() > deadline) throw new Error(`no ${type}; got ${this.texts.map((m) => m.type).join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const speech = createSpeechProviders({});
afterAll(() => Promise.all([speech.stt.close?.(), speech.tts.close?.()]));

function session(limits: Partial<typeof defaultVoiceLimits>) {
  const socket = new MemorySocket();
  const counters = createCounters();
  new VoiceCallSession({
    conversationId: "c1",
    socket: socket as unknown as WebSocket,
    engines: { createPipeline: (options) => createVoicePipeline(options), stt: speech.stt, tts: speech.tts },
    limits: { ...defaultVoiceLimits, ...limits },
    listeners: new CallListeners(),
    counters,
    greeting: [{ id: "c1-1", seq: 1, author: "bot", text: "Welcome to the returns line of Parley.", createdAt: new Date(0).toISOString() }],
    sendUtterance: () => Promise.reject(new Error("not in this test")),
    onClosed: () => undefined,
  });
  socket.emit("message", Buffer.from(JSON.stringify({ type: "hello", capabilities: { sampleRate: 16_000 } })), false);
  return { socket, counters };
}

describe("call session flow control", () => {
  it("holds TTS while the caller's connection is backed up, and drops it (counted) when it stays so", async () => {
    const { socket, counters } = session({ sendHighWaterBytes: 64 * 1024, drainTimeoutMs: 30 });
    socket.bufferedAmount = 1024 * 1024;
    await socket.until("tts-end");
    expect(socket.audioBytes).toBe(0);
    expect(counters.audioChunksSent).toBe(0);
    expect(counters.audioChunksDropped).toBeGreaterThan(0);
    expect(counters.backpressureWaits).toBeGreaterThan(0);
    expect(socket.texts.find((m) => m.type === "tts-end")).toMatchObject({ messageId: "c1-1", interrupted: false });
  }, 60_000);

  it("sends TTS once the buffer drains within the timeout", async () => {
    const { socket, counters } = session({ sendHighWaterBytes: 64 * 1024, drainTimeoutMs: 5_000 });
    socket.bufferedAmount = 1024 * 1024;
    setTimeout(() => (socket.bufferedAmount = 0), 300);
    await socket.until("tts-end");
    expect(counters.audioChunksDropped).toBe(0);
    expect(counters.backpressureWaits).toBeGreaterThan(0);
    expect(socket.audioBytes).toBeGreaterThan(10_000);
  }, 60_000);

  it("keeps a bounded input queue: a flood drops the oldest frames and the call goes on", async () => {
    const { socket, counters } = session({ inputQueueFrames: 50, maxFramesPerSecond: 10_000 });
    await socket.until("ready");
    const frame = Buffer.alloc(640);
    for (let i = 0; i < 300; i++) socket.emit("message", frame, true);
    expect(counters.framesDropped).toBeGreaterThanOrEqual(300 - 50 - 1);
    // Every frame is either processed or dropped, none lost or stuck.
    for (let waited = 0; counters.framesProcessed + counters.framesDropped < 300 && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(counters.framesProcessed + counters.framesDropped).toBe(300);
    expect(socket.texts.some((m) => m.type === "error")).toBe(false);
  }, 60_000);
});
