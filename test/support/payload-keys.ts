import { randomBytes } from "node:crypto";
import { Client, type Connection } from "@temporalio/client";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";

/**
 * Payload keys for a test that runs the real worker (apps/worker/src/main.ts, which always
 * encrypts) as a process of its own: the child gets them as PARLEY_PAYLOAD_KEYS (`env`), the
 * test's Temporal client encrypts with the same key (`client`), so each reads what the other
 * wrote. Fresh per call: no key on disk.
 */
export function testPayloadKeys() {
  const key = randomBytes(32);
  const codec = new AesGcmPayloadCodec([{ id: "test", key }]);
  return {
    codec,
    env: { PARLEY_PAYLOAD_KEYS: `test:${key.toString("base64")}` },
    client: (connection: Connection, namespace = "default") => new Client({ connection, namespace, dataConverter: { payloadCodecs: [codec] } }),
  };
}
