import path from "node:path";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { checkKey, loadOrCreateKeyFile } from "./key-file";

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A workspace secret as the `Secret` table keeps it. */
export interface SealedSecret {
  iv: Uint8Array;
  tag: Uint8Array;
  data: Uint8Array;
}

/** A sealed secret that does not open: altered, moved to another name or workspace, or another key. */
export class SecretIntegrityError extends Error {
  override name = "SecretIntegrityError";
}

/**
 * Seals workspace secrets with AES-256-GCM (a random IV each time). The workspace and the name
 * are the additional authenticated data, so a row copied to another workspace or renamed in the
 * database does not open. The API seals (it never opens); the worker's activities open.
 */
export function createSecretBox(key: Uint8Array) {
  if (key.length !== 32) throw new Error(`the secrets key must be 32 bytes (AES-256), got ${key.length}`);
  const secret = Buffer.from(key);
  const aad = (workspaceId: string, name: string) => Buffer.from(`${workspaceId}\n${name}`, "utf8");
  return {
    seal(workspaceId: string, name: string, value: string): SealedSecret {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", secret, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(workspaceId, name));
      const data = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
      return { iv, tag: cipher.getAuthTag(), data };
    },
    open(workspaceId: string, name: string, sealed: SealedSecret): string {
      try {
        const decipher = createDecipheriv("aes-256-gcm", secret, sealed.iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad(workspaceId, name));
        decipher.setAuthTag(sealed.tag);
        return Buffer.concat([decipher.update(sealed.data), decipher.final()]).toString("utf8");
      } catch {
        throw new SecretIntegrityError(`secret ${name} does not open: it was altered or PARLEY_SECRETS_KEY is not the key it was sealed with`);
      }
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;

/** PARLEY_SECRETS_KEY when set; otherwise (development) data/secrets.key, generated once. */
export function loadSecretsKey(options: { base64Key?: string | undefined; dataDir: string }): Buffer {
  if (options.base64Key) return checkKey(options.base64Key, "PARLEY_SECRETS_KEY");
  return loadOrCreateKeyFile(path.join(options.dataDir, "secrets.key"));
}
