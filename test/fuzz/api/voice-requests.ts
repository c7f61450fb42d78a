/** The voice family: WAV uploads whose header fields and data a client could get wrong. */
import fc from "fast-check";
import { parseWav } from "@parley/voice";
import type { RawRequest } from "../raw-http";
import { withContentType } from "./requests";
import { targets } from "./targets";

/** A WAV file: the header fields and the data as a client could get them wrong. */
function wav(fields: { format: number; channels: number; sampleRate: number; bits: number; samples: number; cut: number; declared: number | null }): Uint8Array {
  const dataBytes = Math.max(0, fields.samples * fields.channels * Math.max(1, fields.bits / 8));
  const bytes = Buffer.alloc(44 + dataBytes);
  bytes.write("RIFF", 0, "ascii");
  bytes.writeUInt32LE(36 + dataBytes, 4);
  bytes.write("WAVEfmt ", 8, "ascii");
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(fields.format & 0xffff, 20);
  bytes.writeUInt16LE(fields.channels & 0xffff, 22);
  bytes.writeUInt32LE(fields.sampleRate >>> 0, 24);
  bytes.writeUInt32LE((fields.sampleRate * fields.channels * fields.bits) / 8 >>> 0, 28);
  bytes.writeUInt16LE(((fields.channels * fields.bits) / 8) & 0xffff, 32);
  bytes.writeUInt16LE(fields.bits & 0xffff, 34);
  bytes.write("data", 36, "ascii");
  bytes.writeUInt32LE((fields.declared ?? dataBytes) >>> 0, 40);
  for (let i = 44; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
  return new Uint8Array(bytes.subarray(0, Math.max(0, bytes.length - fields.cut)));
}

/**
 * POST /voice/messages/:id. A WAV the server would accept is sent to an ended conversation (412):
 * transcribing it needs a speech engine, which this worker leaves out on purpose (two cores).
 */
export const voiceRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    body: fc.oneof(
      fc.record({
        format: fc.constantFrom(1, 3, 0, 2, 0xfffe, 65535),
        channels: fc.constantFrom(1, 2, 0, 7, 65535),
        sampleRate: fc.constantFrom(16_000, 8_000, 48_000, 0, 1, 4_000_000_000),
        bits: fc.constantFrom(16, 8, 24, 32, 0, 7),
        samples: fc.integer({ min: 0, max: 4000 }),
        cut: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
        declared: fc.option(fc.constantFrom(0, 1, 0xffffffff, 1_000_000_000)),
      }).map(wav),
      fc.uint8Array({ maxLength: 400 }),
      fc.constant(new Uint8Array(300 * 1024)),
    ),
    target: fc.constantFrom("active", "ended", "unknown", "weird"),
    method: fc.oneof({ weight: 9, arbitrary: fc.constant("POST") }, { weight: 1, arbitrary: fc.constantFrom("GET", "PUT", "DELETE") }),
    contentType: fc.constantFrom("audio/wav", "application/octet-stream", "application/json", ""),
    chunked: fc.boolean(),
  })
  .map(({ body, target, method, contentType, chunked }): RawRequest => {
    let id = target === "ended" ? targets.endedConversation : target === "unknown" ? "no-such-conversation" : target === "weird" ? "%E0%A4%A" : targets.activeConversation;
    if (id === targets.activeConversation && acceptedWav(body)) id = targets.endedConversation;
    return { method, path: `/voice/messages/${id}`, headers: withContentType(contentType), body, chunked };
  });

function acceptedWav(body: Uint8Array): boolean {
  try {
    parseWav(body, { maxBytes: 256 * 1024 });
    return true;
  } catch {
    return false;
  }
}
