import type { Db } from "@parley/db";
import type { AudioCipher } from "./audio-cipher";

export type AudioKind = "recording" | "prompt";

export interface StoredAudio {
  id: string;
  conversationId: string | null;
  messageId: string | null;
  kind: AudioKind;
  sampleRate: number;
  durationMs: number;
  samples: Int16Array;
}

/** A recording id that does not exist. */
export class AudioNotFoundError extends Error {
  override name = "AudioNotFoundError";
}

/**
 * Conversation audio in the database, sealed with the audio cipher: 16-bit mono PCM in, the same
 * samples out, and an AudioIntegrityError instead of audio if anything was altered.
 */
export function createAudioStore(db: Db, cipher: AudioCipher) {
  return {
    async save(input: { conversationId?: string; messageId?: string; kind: AudioKind; sampleRate: number; samples: Int16Array }): Promise<{ id: string; durationMs: number }> {
      const plain = new Uint8Array(input.samples.buffer, input.samples.byteOffset, input.samples.byteLength);
      const sealed = cipher.seal(plain);
      const durationMs = Math.round((input.samples.length / input.sampleRate) * 1000);
      const row = await db.audioRecording.create({
        data: {
          conversationId: input.conversationId ?? null,
          messageId: input.messageId ?? null,
          kind: input.kind,
          sampleRate: input.sampleRate,
          durationMs,
          bytes: plain.byteLength,
          iv: Buffer.from(sealed.iv),
          tag: Buffer.from(sealed.tag),
          data: Buffer.from(sealed.data),
        },
        select: { id: true },
      });
      return { id: row.id, durationMs };
    },

    async load(id: string): Promise<StoredAudio> {
      const row = await db.audioRecording.findUnique({ where: { id } });
      if (!row) throw new AudioNotFoundError(`audio recording ${id} not found`);
      const plain = cipher.open({ iv: row.iv, tag: row.tag, data: row.data });
      const samples = new Int16Array(plain.byteLength / 2);
      new Uint8Array(samples.buffer).set(plain);
      return {
        id: row.id,
        conversationId: row.conversationId,
        messageId: row.messageId,
        kind: row.kind,
        sampleRate: row.sampleRate,
        durationMs: row.durationMs,
        samples,
      };
    },

    /** Links a recording to the message transcribed from it. */
    async attachMessage(id: string, messageId: string): Promise<void> {
      await db.audioRecording.update({ where: { id }, data: { messageId } });
    },
  };
}

export type AudioStore = ReturnType<typeof createAudioStore>;
