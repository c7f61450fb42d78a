import path from "node:path";
import { checkKey, loadOrCreateKeyFile } from "@parley/db";

/**
 * The audio encryption key: PARLEY_AUDIO_KEY (base64 of 32 bytes) when configured; otherwise,
 * for development, a key generated once into `<dataDir>/audio.key` (mode 0600) and reused, so
 * audio stored yesterday still opens today. Production sets the key (a lost key loses the audio).
 */
export function loadAudioKey(options: { base64Key?: string; dataDir: string }): Buffer {
  if (options.base64Key) return checkKey(options.base64Key, "PARLEY_AUDIO_KEY");
  return loadOrCreateKeyFile(path.join(options.dataDir, "audio.key"));
}
