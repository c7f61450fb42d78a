import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The audio encryption key: PARLEY_AUDIO_KEY (base64 of 32 bytes) when configured; otherwise,
 * for development, a key generated once into `<dataDir>/audio.key` (mode 0600) and reused, so
 * audio stored yesterday still opens today. Production sets the key (a lost key loses the audio).
 */
export function loadAudioKey(options: { base64Key?: string; dataDir: string }): Buffer {
  if (options.base64Key) return decodeKey(options.base64Key, "PARLEY_AUDIO_KEY");
  const file = path.join(options.dataDir, "audio.key");
  try {
    return decodeKey(fs.readFileSync(file, "utf8").trim(), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: if another process (API and worker start together) wrote it first, use theirs.
    fs.writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return decodeKey(fs.readFileSync(file, "utf8").trim(), file);
  }
}

function decodeKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error(`${source} must be the base64 of 32 random bytes (got ${key.length} bytes)`);
  return key;
}
