/** The public REST API's family. */
import fc from "fast-check";
import { hostileJson, hostileString } from "../hostile";
import type { RawRequest } from "../raw-http";
import { percentJunk } from "./requests";
import { targets } from "./targets";

/** A UTF-16 half that a URL cannot carry (encodeURIComponent throws on it; the percent junk covers broken bytes). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The public REST API's contact routes with a write key: hostile ids, query strings and bodies. */
export const restRequest: fc.Arbitrary<RawRequest> = fc
  .record({
    method: fc.constantFrom("GET", "POST", "PATCH", "PUT", "DELETE"),
    id: fc.oneof(fc.constant("known"), percentJunk, fc.stringMatching(/^[A-Za-z0-9._~-]{0,70}$/)),
    tail: fc.constantFrom("", "/attributes", "/x"),
    list: fc.boolean(),
    query: fc.oneof(hostileString.map((value) => `?query=${encodeURIComponent(value.replace(LONE_SURROGATE, "\ufffd"))}`), fc.constantFrom("", "?limit=0", "?limit=1e9", "?cursor=%zz", "?query=%2B1415", "?query=*", "?query=%22")),
    body: fc.option(
      fc.oneof(
        hostileJson.map((value) => JSON.stringify(value) ?? ""),
        hostileJson.map((value) => JSON.stringify({ email: value, phone: value, externalId: value, attributes: { plan: value } }) ?? ""),
        hostileJson.map((value) => JSON.stringify({ attributes: value }) ?? ""),
        fc.constantFrom('{"phone":"+1"}', '{"phone":"+999999999999999999"}', '{"email":"A@B.C"}', '{"attributes":{"a":1e999}}', '{"attributes":{"__proto__":1}}', "{not json"),
      ),
      { nil: undefined },
    ),
  })
  .map(({ method, id, tail, list, query, body }): RawRequest => {
    const path = list ? `/api/v1/contacts${query}` : `/api/v1/contacts/${id === "known" ? targets.rest.contactId : id}${tail}`;
    const headers: Record<string, string> = { authorization: `Bearer ${targets.rest.key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) };
    return { method, path, headers, ...(body !== undefined && method !== "GET" ? { body } : {}) };
  });
