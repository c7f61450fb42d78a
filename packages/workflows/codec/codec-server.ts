import type { PayloadCodec } from "@temporalio/common";
import { JSONToPayload, payloadToJSON, type JSONPayload } from "@temporalio/common/lib/proto-utils";

/** A body that is not the codec server protocol's `{ payloads: [...] }`: the caller answers 400. */
export class CodecRequestError extends Error {
  override name = "CodecRequestError";
}

/**
 * One request of Temporal's remote codec protocol (what the Temporal UI and `temporal --codec-endpoint`
 * send to `<endpoint>/encode` and `<endpoint>/decode`): `{ payloads: [{ metadata: {k: base64}, data: base64 }] }`
 * in, the same shape out. The HTTP side (route, token, CORS) is the API's.
 */
export async function runCodecRequest(codec: PayloadCodec, operation: "encode" | "decode", body: unknown): Promise<{ payloads: JSONPayload[] }> {
  const list = (body as { payloads?: unknown } | null)?.payloads;
  if (!Array.isArray(list)) throw new CodecRequestError('the body must be JSON: { "payloads": [...] }');
  let payloads;
  try {
    payloads = list.map((item) => JSONToPayload(item as JSONPayload));
  } catch (err) {
    throw new CodecRequestError(`a payload is not a Temporal payload in proto JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = operation === "encode" ? await codec.encode(payloads) : await codec.decode(payloads);
  return { payloads: result.map((payload) => payloadToJSON(payload)) };
}
