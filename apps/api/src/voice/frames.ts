/**
 * Reading the caller's raw WebSocket frames: `ws` hands over a Buffer, an array of them or an
 * ArrayBuffer, and audio must be whole 16-bit samples within the size limit before it is queued.
 */
import type { RawData } from "ws";
import { VoiceCallError } from "./call-error";

/** A control frame's text once it is within the size limit; too large ends the call (1009). */
export function frameText(data: RawData, maxBytes = Infinity): string {
  const bytes = frameBytes(data);
  if (bytes.byteLength > maxBytes) {
    throw new VoiceCallError("bad-message", `a control message of ${bytes.byteLength} bytes exceeds ${maxBytes}`, 1009);
  }
  return bytes.toString("utf8");
}

/** Bytes in a frame as `ws` hands it over. */
export function frameSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.byteLength, 0);
  return data.byteLength;
}

/** Counts events in one-second windows: `take()` is false once more than `limit` came this second. */
export class PerSecond {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly limit: number) {}

  take(): boolean {
    const now = performance.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    return ++this.count <= this.limit;
  }
}

/** The frame's bytes once they are a plausible PCM16 frame; a readable `bad-audio` otherwise. */
export function checkAudioFrame(data: RawData, maxFrameBytes: number): Buffer {
  const bytes = frameBytes(data);
  if (bytes.byteLength === 0 || bytes.byteLength % 2 !== 0) {
    throw new VoiceCallError("bad-audio", `an audio frame is 16-bit PCM: ${bytes.byteLength} bytes is not a whole number of samples`);
  }
  if (bytes.byteLength > maxFrameBytes) {
    throw new VoiceCallError("bad-audio", `audio frame of ${bytes.byteLength} bytes exceeds ${maxFrameBytes}`);
  }
  return bytes;
}

/** Copies into an aligned buffer: a Buffer slice may start at an odd offset. */
export function toSamples(bytes: Buffer): Int16Array {
  const samples = new Int16Array(bytes.byteLength / 2);
  new Uint8Array(samples.buffer).set(bytes);
  return samples;
}

function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
