import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** Stored audio that fails authentication: the ciphertext, IV or tag was changed, or the key is wrong. */
export class AudioIntegrityError extends Error {
  override name = "AudioIntegrityError";
}

export interface SealedAudio {
  iv: Uint8Array;
  tag: Uint8Array;
  data: Uint8Array;
}

export interface AudioCipher {
  seal(plain: Uint8Array): SealedAudio;
  /** Throws AudioIntegrityError unless the auth tag matches: tampered audio is never returned. */
  open(sealed: SealedAudio): Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM with a random 12-byte IV per file (never reused under one key). */
export function createAudioCipher(key: Uint8Array): AudioCipher {
  if (key.length !== 32) throw new Error(`the audio key must be 32 bytes (AES-256), got ${key.length}`);
  const secret = Buffer.from(key);
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", secret, iv, { authTagLength: TAG_BYTES });
      const data = Buffer.concat([cipher.update(plain), cipher.final()]);
      return { iv, tag: cipher.getAuthTag(), data };
    },
    open({ iv, tag, data }) {
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new AudioIntegrityError(`stored audio has a ${iv.length}-byte IV and ${tag.length}-byte tag; expected ${IV_BYTES} and ${TAG_BYTES}`);
      }
      const decipher = createDecipheriv("aes-256-gcm", secret, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(data), decipher.final()]);
      } catch {
        throw new AudioIntegrityError("stored audio failed authentication: it was altered or the audio key is wrong");
      }
    },
  };
}
