import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AudioIntegrityError, createAudioCipher } from "./audio-cipher";
import { loadAudioKey } from "./audio-key";

const pcm = () => {
  const samples = new Int16Array(16_000);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 16_000));
  return new Uint8Array(samples.buffer);
};

describe("audio cipher (AES-256-GCM)", () => {
  it("round-trips audio and never stores it in clear", () => {
    const cipher = createAudioCipher(randomBytes(32));
    const plain = pcm();
    const sealed = cipher.seal(plain);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(Buffer.from(sealed.data).equals(Buffer.from(plain))).toBe(false);
    expect(Buffer.from(cipher.open(sealed)).equals(Buffer.from(plain))).toBe(true);
  });

  it("uses a fresh IV per file, so the same audio seals differently", () => {
    const cipher = createAudioCipher(randomBytes(32));
    const a = cipher.seal(pcm());
    const b = cipher.seal(pcm());
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it("refuses the wrong key", () => {
    const sealed = createAudioCipher(randomBytes(32)).seal(pcm());
    expect(() => createAudioCipher(randomBytes(32)).open(sealed)).toThrow(AudioIntegrityError);
  });

  it("refuses a tampered tag, ciphertext or IV", () => {
    const cipher = createAudioCipher(randomBytes(32));
    const sealed = cipher.seal(pcm());
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = Uint8Array.from(bytes);
      copy[at]! ^= 0x01;
      return copy;
    };
    expect(() => cipher.open({ ...sealed, tag: flip(sealed.tag, 3) })).toThrow(/altered or the audio key is wrong/);
    expect(() => cipher.open({ ...sealed, data: flip(sealed.data, 1000) })).toThrow(AudioIntegrityError);
    expect(() => cipher.open({ ...sealed, iv: flip(sealed.iv, 0) })).toThrow(AudioIntegrityError);
    expect(() => cipher.open({ ...sealed, tag: sealed.tag.subarray(0, 8) })).toThrow(/8-byte tag/);
  });

  it("wants a 32-byte key", () => {
    expect(() => createAudioCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("audio key", () => {
  it("takes PARLEY_AUDIO_KEY when set and checks its length", () => {
    const key = randomBytes(32);
    expect(loadAudioKey({ base64Key: key.toString("base64"), dataDir: "/nonexistent" }).equals(key)).toBe(true);
    expect(() => loadAudioKey({ base64Key: randomBytes(20).toString("base64"), dataDir: "/nonexistent" })).toThrow(/32 random bytes/);
  });

  it("generates a development key once and reuses it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-audio-key-"));
    try {
      const first = loadAudioKey({ dataDir: dir });
      expect(first).toHaveLength(32);
      expect(fs.statSync(path.join(dir, "audio.key")).mode & 0o777).toBe(0o600);
      expect(loadAudioKey({ dataDir: dir }).equals(first)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
