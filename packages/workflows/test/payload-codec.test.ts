import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defaultPayloadConverter, type Payload } from "@temporalio/common";
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptionError } from "../codec/payload-codec";
import { localPayloadKey, parsePayloadKeys } from "../codec/payload-keys";
import { CodecRequestError, runCodecRequest } from "../codec/codec-server";

const key = (id: string) => ({ id, key: randomBytes(32) });
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value)!;
const fromPayload = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const secret = { text: "My card number is 4242 4242 4242 4242", variables: { name: "Grace" } };

describe("AesGcmPayloadCodec", () => {
  it("round-trips payloads, each under a fresh IV, with the key id and no plain text on the wire", async () => {
    const codec = new AesGcmPayloadCodec([key("k1")]);
    const payloads = [toPayload(secret), toPayload(secret), toPayload(null), toPayload(new Uint8Array([0, 1, 2]))];
    const encoded = await codec.encode(payloads);
    for (const payload of encoded) {
      expect(text(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(text(payload.metadata?.[KEY_ID_METADATA])).toBe("k1");
      expect(Buffer.from(payload.data!).includes("4242")).toBe(false);
    }
    // The same value twice encrypts differently (random IV).
    expect(Buffer.from(encoded[0]!.data!).equals(Buffer.from(encoded[1]!.data!))).toBe(false);
    const decoded = await codec.decode(encoded);
    expect(decoded.map(fromPayload)).toEqual([secret, secret, null, new Uint8Array([0, 1, 2])]);
    // The inner metadata (json/plain, binary/null, …) comes back too.
    expect(decoded.map((payload) => text(payload.metadata?.encoding))).toEqual(payloads.map((payload) => text(payload.metadata?.encoding)));
    expect(await codec.encode([])).toEqual([]);
  });

  it("refuses a payload whose ciphertext, IV or tag was altered", async () => {
    const codec = new AesGcmPayloadCodec([key("k1")]);
    const [encoded] = await codec.encode([toPayload(secret)]);
    for (const index of [0, 20, encoded!.data!.length - 1]) {
      const data = Buffer.from(encoded!.data!);
      data[index]! ^= 0x01;
      await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow(/failed authentication/);
    }
    await expect(codec.decode([{ ...encoded!, data: encoded!.data!.subarray(0, 10) }])).rejects.toThrow(/truncated/);
  });

  it("refuses a key id it does not hold, and a different key under a known id", async () => {
    const [encoded] = await new AesGcmPayloadCodec([key("old")]).encode([toPayload(secret)]);
    const other = new AesGcmPayloadCodec([key("new")]);
    await expect(other.decode([encoded!])).rejects.toThrow(PayloadDecryptionError);
    await expect(other.decode([encoded!])).rejects.toThrow(/unknown key id "old"/);
    await expect(new AesGcmPayloadCodec([key("old")]).decode([encoded!])).rejects.toThrow(/failed authentication/);
  });

  it("rotates: the first key encrypts, older keys still decrypt what they wrote", async () => {
    const old = key("2025");
    const [before] = await new AesGcmPayloadCodec([old]).encode([toPayload(secret)]);
    const rotated = new AesGcmPayloadCodec([key("2026"), old]);
    expect(rotated.primaryKeyId).toBe("2026");
    const [after] = await rotated.encode([toPayload(secret)]);
    expect(text(after!.metadata?.[KEY_ID_METADATA])).toBe("2026");
    expect((await rotated.decode([before!, after!])).map(fromPayload)).toEqual([secret, secret]);
  });

  it("passes payloads that were never encrypted (histories older than the codec) through decode unchanged", async () => {
    const codec = new AesGcmPayloadCodec([key("k1")]);
    const plain = [toPayload(secret), toPayload(undefined), { metadata: {}, data: new Uint8Array([1]) }];
    expect(await codec.decode(plain)).toEqual(plain);
  });
});

describe("payload keys", () => {
  it("parses PARLEY_PAYLOAD_KEYS, first key first, and says what is wrong", () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const keys = parsePayloadKeys(` 2026:${a.toString("base64")}, 2025:${b.toString("base64url")} `);
    expect(keys.map((entry) => entry.id)).toEqual(["2026", "2025"]);
    expect(Buffer.from(keys[0]!.key).equals(a) && Buffer.from(keys[1]!.key).equals(b)).toBe(true);
    expect(() => parsePayloadKeys("")).toThrow(/at least one key/);
    expect(() => parsePayloadKeys(a.toString("base64"))).toThrow(/id:base64/);
    expect(() => parsePayloadKeys(`k:${randomBytes(16).toString("base64")}`)).toThrow(/32 bytes/);
    expect(() => parsePayloadKeys(`k:${a.toString("base64")},k:${b.toString("base64")}`)).toThrow(/twice/);
    expect(() => parsePayloadKeys(`a b:${a.toString("base64")}`)).toThrow(/letters, digits/);
  });

  it("names the generated development key after the key itself", () => {
    const bytes = randomBytes(32);
    expect(localPayloadKey(bytes).id).toMatch(/^local-[0-9a-f]{12}$/);
    expect(localPayloadKey(bytes).id).toBe(localPayloadKey(Buffer.from(bytes)).id);
    expect(localPayloadKey(randomBytes(32)).id).not.toBe(localPayloadKey(bytes).id);
  });
});

describe("codec server protocol", () => {
  it("encodes and decodes { payloads } in proto JSON (base64 fields)", async () => {
    const codec = new AesGcmPayloadCodec([key("k1")]);
    const plain = { payloads: [{ metadata: { encoding: Buffer.from("json/plain").toString("base64") }, data: Buffer.from('"hello"').toString("base64") }] };
    const encoded = await runCodecRequest(codec, "encode", plain);
    expect(Buffer.from(encoded.payloads[0]!.metadata!.encoding!, "base64").toString()).toBe(ENCRYPTED_ENCODING);
    expect(await runCodecRequest(codec, "decode", JSON.parse(JSON.stringify(encoded)))).toEqual(plain);
    await expect(runCodecRequest(codec, "decode", { nope: 1 })).rejects.toThrow(CodecRequestError);
    await expect(runCodecRequest(codec, "decode", { payloads: [{ data: 42 }] })).rejects.toThrow(CodecRequestError);
  });
});
