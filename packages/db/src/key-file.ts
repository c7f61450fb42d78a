import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * A 32-byte key kept in a file of the data directory: read when it exists, otherwise generated
 * once (mode 0600) and reused, so what was encrypted yesterday still opens today. For development
 * only — production configures its keys (a lost key loses what it encrypted). Shared by the
 * stored-audio key (audio.key) and the Temporal payload key (payload.key).
 */
export function loadOrCreateKeyFile(file: string): Buffer {
  try {
    return checkKey(fs.readFileSync(file, "utf8").trim(), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: if another process (API and worker start together) wrote it first, use theirs.
    fs.writeFileSync(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return checkKey(fs.readFileSync(file, "utf8").trim(), file);
  }
}

/** Decodes a base64 key, insisting on 32 bytes; `source` (a variable or file name) goes into the error. */
export function checkKey(base64: string, source: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new Error(`${source} must be the base64 of 32 random bytes (got ${key.length} bytes)`);
  return key;
}
