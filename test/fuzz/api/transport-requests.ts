/** The transport family: methods, paths, encodings, content types, batches and bodies around the procedures. */
import fc from "fast-check";
import { hostileJson, hostileTexts } from "../hostile";
import type { RawRequest } from "../raw-http";
import { procedurePaths } from "./procedure-requests";
import { percentJunk, withContentType } from "./requests";
import { CODEC_TOKEN } from "./targets";

/** Everything around the procedures: methods, paths, encodings, content types, batches, bodies. */

export const transportRequest: fc.Arbitrary<RawRequest> = fc.oneof(
  // The codec endpoint with its token: anything but { payloads: [proto JSON] } is a 4xx.
  fc.record({
    operation: fc.constantFrom("decode", "encode"),
    body: fc.oneof(
      hostileJson.map((value) => JSON.stringify(value) ?? "null"),
      hostileJson.map((value) => JSON.stringify({ payloads: [value, { metadata: { encoding: value }, data: value }] }) ?? "null"),
      fc.constantFrom('{"payloads":[{"metadata":{"encoding":"YmluYXJ5L2VuY3J5cHRlZA=="},"data":"AAAA"}]}', '{"payloads":[{"metadata":{"encoding":"YmluYXJ5L2VuY3J5cHRlZA==","encryption-key-id":"ZnV6eg=="},"data":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}]}', "{", ""),
    ),
  }).map(({ operation, body }): RawRequest => ({ method: "POST", path: `/codec/${operation}`, headers: { "content-type": "application/json", authorization: `Bearer ${CODEC_TOKEN}` }, body })),
  // tRPC GET with an input that is not valid URL-encoded JSON.
  fc.record({ path: fc.constantFrom(...procedurePaths), junk: percentJunk, json: fc.constantFrom("{", '{"id":', "[]", "null", '"x"', "{}}", "\u0000") }).map(
    ({ path, junk, json }) => ({ method: "GET", path: `/trpc/${path}?input=${encodeURIComponent(json)}${junk}` }),
  ),
  fc.record({ path: fc.constantFrom(...procedurePaths), junk: percentJunk }).map(({ path, junk }) => ({ method: "GET", path: `/trpc/${path}?input=${junk}&batch=${junk}` })),
  // Batches: small, odd, and far past any sensible size.
  fc.record({
    paths: fc.array(fc.constantFrom(...procedurePaths, "nope", "", "flows..get"), { minLength: 1, maxLength: 8 }),
    big: fc.integer({ min: 0, max: 400 }),
    input: hostileJson,
    method: fc.constantFrom("GET", "POST"),
    // The streaming batch link's answer (JSON lines): errors arrive inside a 200.
    stream: fc.boolean(),
  }).map(({ paths, big, input, method, stream }): RawRequest => {
    const all = [...paths, ...Array.from({ length: big }, () => paths[0]!)];
    const inputs = JSON.stringify(Object.fromEntries(all.map((_, i) => [String(i), input])));
    const accept: Record<string, string> = stream ? { "trpc-accept": "application/jsonl" } : {};
    return method === "GET"
      ? { method, path: `/trpc/${all.join(",")}?batch=1&input=${encodeURIComponent(inputs)}`, headers: accept }
      : { method, path: `/trpc/${all.join(",")}?batch=1`, headers: { "content-type": "application/json", ...accept }, body: inputs };
  }),
  // Bodies that are not JSON, or not UTF-8, or not what the content type says.
  fc.record({
    path: fc.constantFrom(...procedurePaths),
    contentType: fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/octet-stream", "application/json; charset=utf-16", ""),
    body: fc.oneof(
      fc.constantFrom("{not json", "", "null", "[]", '{"0":{}}', "\u0000", '{"text":"\\ud800"}', '{"a":"\\u0000"}', "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--"),
      fc.uint8Array({ maxLength: 200 }),
      fc.constantFrom(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]), new Uint8Array([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]), new Uint8Array([0xc0, 0xaf])),
      fc.integer({ min: 100, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
    ),
  }).map(({ path, contentType, body }): RawRequest => ({ method: "POST", path: `/trpc/${path}`, headers: withContentType(contentType), body })),
  // Methods and paths nobody serves.
  fc.record({
    method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"),
    path: fc.oneof(
      fc.constantFrom("/", "/health", "/health/", "/trpc", "/trpc/", "/trpc/%", "//", "/voice/messages/", "/voice/messages/x/y", "/%E0%A4%A", "/trpc/flows.get/extra", "/.env", "/trpc/__proto__", "/trpc/constructor", "/trpc/toString", "/trpc/flows", "/codec/decode", "/codec/encode", "/codec/%/decode", "/codec/x/y/decode", "/codec/"),
      fc.tuple(fc.constantFrom("/trpc/", "/", "/voice/messages/", "/codec/"), percentJunk, fc.stringMatching(/^[A-Za-z0-9._~-]{0,20}$/)).map(([prefix, junk, tail]) => `${prefix}${junk}${tail}`),
    ),
  }),
  // A body larger than the server takes (rarely: it is a megabyte).
  fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20).map((n) =>
    n === 1
      ? { method: "POST", path: "/trpc/conversations.send", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "y".repeat(1_100_000) }) }
      : { method: "POST", path: "/trpc/flows.create", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: hostileTexts[n % hostileTexts.length] }) },
  ),
);
