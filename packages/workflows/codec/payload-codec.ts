/**
 * AES-256-GCM payload codec: what Temporal stores of a conversation (workflow inputs, update
 * arguments and results, activity inputs and results, continue-as-new checkpoints, query answers)
 * is ciphertext, so transcripts and variables never sit in Temporal's history in plain text.
 *
 * Client- and worker-side code (the Client's and the Worker's data converter): the workflow bundle
 * never imports this folder (ESLint refuses it), which is why Node's crypto is allowed here.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Payload, PayloadCodec } from "@temporalio/common";
import proto from "@temporalio/proto";
import { type PayloadKey, checkPayloadKeys } from "./payload-keys";

/** `encoding` of an encrypted payload; anything else passes through decode untouched. */
export const ENCRYPTED_ENCODING = "binary/encrypted";
/** Metadata naming the key a payload was encrypted with, so rotated keys still decode. */
export const KEY_ID_METADATA = "encryption-key-id";

const IV_BYTES = 12; // GCM's 96-bit nonce: random per payload (2^32 payloads per key stay far below the collision bound)
const TAG_BYTES = 16;
// Default import: @temporalio/proto is CommonJS, whose named exports Node's ESM loader cannot see.
const ProtoPayload = proto.temporal.api.common.v1.Payload;

/** A payload that cannot be decrypted: its key is unknown here, or it was altered. */
export class PayloadDecryptionError extends Error {
  override name = "PayloadDecryptionError";
}

const text = (value: string) => new TextEncoder().encode(value);
const fromText = (bytes: Uint8Array | null | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

/**
 * The codec. `keys[0]` encrypts every new payload; every key decodes payloads that name its id,
 * so a rotation adds the new key in front and keeps the old ones until their histories are gone.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #primary: PayloadKey;
  readonly #byId: Map<string, Uint8Array>;

  constructor(keys: readonly PayloadKey[]) {
    checkPayloadKeys(keys);
    this.#primary = keys[0]!;
    this.#byId = new Map(keys.map((key) => [key.id, key.key]));
  }

  /** The id new payloads are encrypted under. */
  get primaryKeyId(): string {
    return this.#primary.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.#decrypt(payload));
  }

  #encrypt(payload: Payload): Payload {
    // The whole payload (its metadata too: the encoding says JSON, binary, …) is the plaintext.
    const plain = ProtoPayload.encode(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#primary.key, iv);
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text(this.#primary.id) },
      data: sealed,
    };
  }

  #decrypt(payload: Payload): Payload {
    // Histories recorded before the codec (and anything another client wrote plain) read as they are.
    if (fromText(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = fromText(payload.metadata?.[KEY_ID_METADATA]);
    const key = keyId === undefined ? undefined : this.#byId.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        keyId === undefined
          ? "encrypted payload names no key id"
          : `payload encrypted with unknown key id "${keyId}": add that key to PARLEY_PAYLOAD_KEYS`,
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload (key "${keyId}") is truncated`);
    const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload (key "${keyId}") failed authentication: altered, or a different key under that id`);
    }
    return ProtoPayload.decode(plain);
  }
}
