import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import { parseWav, resample } from "@parley/voice";
import type { ServerMessage } from "@parley/voice/protocol";

export type Received = { kind: "text"; message: ServerMessage; at: number } | { kind: "audio"; bytes: number; at: number };

/**
 * A scripted caller (or listener) over a real WebSocket: records every frame, waits for the one
 * a step expects (failing with everything seen so far), and streams PCM in 20 ms frames.
 */
export class CallClient {
  readonly socket: WebSocket;
  readonly received: Received[] = [];
  closed: { code: number; reason: string } | null = null;
  private cursor = 0;
  private waiters: (() => void)[] = [];

  /** `headers`: what a browser would send on the upgrade (a listener's session cookie and origin). */
  constructor(url: string, headers: Record<string, string> = {}) {
    this.socket = new WebSocket(url, { headers });
    this.socket.on("message", (data, isBinary) => {
      const at = performance.now();
      const buffer = Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]);
      this.received.push(isBinary ? { kind: "audio", bytes: buffer.byteLength, at } : { kind: "text", message: JSON.parse(buffer.toString("utf8")) as ServerMessage, at });
      this.wake();
    });
    this.socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }

  opened(): Promise<void> {
    if (this.socket.readyState === this.socket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => this.socket.once("open", () => resolve()).once("error", reject));
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** The next text frame (after the previous match) of this type that satisfies `match`. */
  async next<T extends ServerMessage["type"]>(
    type: T,
    match: (message: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 60_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = this.cursor; i < this.received.length; i++) {
        const frame = this.received[i]!;
        if (frame.kind === "text" && frame.message.type === type && match(frame.message as Extract<ServerMessage, { type: T }>)) {
          this.cursor = i + 1;
          return frame.message as Extract<ServerMessage, { type: T }>;
        }
      }
      if (this.closed || Date.now() > deadline) {
        const seen = this.received.slice(this.cursor).filter((f) => f.kind === "text").map((f) => JSON.stringify((f as { message: unknown }).message));
        throw new Error(`no "${type}" frame${this.closed ? ` (socket closed ${this.closed.code})` : ""}; since the last match: ${seen.join(" ") || "nothing"}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Audio bytes received since frame index `from`. */
  audioBytesSince(from: number): number {
    return this.received.slice(from).reduce((sum, f) => sum + (f.kind === "audio" ? f.bytes : 0), 0);
  }

  texts<T extends ServerMessage["type"]>(type: T): Extract<ServerMessage, { type: T }>[] {
    return this.received.flatMap((f) => (f.kind === "text" && f.message.type === type ? [f.message as Extract<ServerMessage, { type: T }>] : []));
  }

  /** Streams PCM at `rate` as 20 ms frames, `speedup` times faster than real time. */
  async stream(samples: Int16Array, speedup = 2, rate = 16_000): Promise<void> {
    const frame = rate / 50;
    for (let offset = 0; offset < samples.length; offset += frame) {
      if (this.socket.readyState !== this.socket.OPEN) return;
      const chunk = samples.slice(offset, offset + frame);
      this.socket.send(new Uint8Array(chunk.buffer));
      await new Promise((resolve) => setTimeout(resolve, 20 / speedup));
    }
  }

  waitClosed(timeoutMs = 30_000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    return (async () => {
      while (!this.closed) {
        if (Date.now() > deadline) throw new Error("the socket did not close");
        await new Promise<void>((resolve) => {
          this.waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return this.closed;
    })();
  }

  close(): void {
    this.socket.close();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** espeak-ng's WAV file for `text` (22.05 kHz). */
export function speechWav(text: string): Uint8Array {
  // A file, not --stdout: a piped WAV header declares an unknown (streaming) length.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "parley-espeak-")), "speech.wav");
  execFileSync("espeak-ng", ["-w", file, "-s", "150", "-v", "en-us", text]);
  const wav = fs.readFileSync(file);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return new Uint8Array(wav.buffer, wav.byteOffset, wav.byteLength);
}

/** What espeak-ng says for `text`, at 16 kHz, followed by `silenceMs` of silence (an end of turn). */
export function speech(text: string, silenceMs = 1200): Int16Array {
  const parsed = parseWav(speechWav(text));
  const samples = resample(parsed.samples, parsed.sampleRate, 16_000);
  const out = new Int16Array(samples.length + (silenceMs * 16_000) / 1000);
  out.set(samples);
  return out;
}

export function silence(ms: number): Int16Array {
  return new Int16Array((ms * 16_000) / 1000);
}
