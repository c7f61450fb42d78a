/**
 * The payload codec (AES-256-GCM) of the API's Client and the worker, its keys and the codec
 * server protocol. Client/worker-side only: the workflow bundle never imports it.
 */
export { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptionError } from "./payload-codec";
export { checkPayloadKeys, localPayloadKey, parsePayloadKeys, payloadKeysEnvSchema, type PayloadKey } from "./payload-keys";
export { CodecRequestError, runCodecRequest } from "./codec-server";
export type { PayloadCodec } from "@temporalio/common";
