/**
 * Reading the caller's raw WebSocket frames: `ws` hands over a Buffer, an array of them or an
 * ArrayBuffer, and audio must be whole 16-bit samples within the size limit before it is queued.
 */
import type { RawData } from "ws";
import { VoiceCallError } from "./call-error";

export function frameText(data: RawData): string {
  return frameBytes(data).toString("utf8");
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
