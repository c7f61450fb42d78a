/** The procedures' families: every procedure of the router with schema-guided input, and with forged credentials. */
import fc from "fast-check";
import { appRouter } from "@parley/api";
import { hostileJson, hostileString } from "../hostile";
import type { RawRequest } from "../raw-http";
import { inputFor } from "../schema-inputs";
import { asHeaderValue, tRpcRequest } from "./requests";
import { idPool } from "./targets";

const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; inputs: unknown[] } }> } })._def.procedures);

/** A call of one procedure: schema-guided input, the right method mostly, prototype keys now and then. */
export const procedureCall: fc.Arbitrary<RawRequest> = fc
  .constantFrom(...procedures)
  .chain(([path, procedure]) =>
    fc.record({
      path: fc.constant(path),
      input: procedure._def.inputs[0] ? inputFor(procedure._def.inputs[0], idPool) : fc.oneof(fc.constant(undefined), hostileJson),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(procedure._def.type === "query" ? "GET" : "POST") },
        { weight: 1, arbitrary: fc.constantFrom("GET", "POST") },
      ),
      pollute: fc.boolean(),
    }),
  )
  .map(({ path, input, method, pollute }) => {
    let json = input === undefined ? undefined : JSON.stringify(input);
    // JSON.stringify never writes a __proto__ key of an object literal: splice one in as text.
    if (pollute && json?.startsWith("{")) json = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}${json === "{}" ? "}" : `,${json.slice(1)}`}`;
    return tRpcRequest(path, method, json);
  });

export const procedurePaths = procedures.map(([path]) => path);

/** Forged, truncated and hostile credentials of every kind on any procedure: a 401/403 (or the procedure's own 4xx), never a 5xx. */
export const credentialedCall: fc.Arbitrary<RawRequest> = fc
  .record({
    call: procedureCall,
    cookie: fc.oneof(fc.constant(""), hostileString.map((value) => `parley.session_token=${asHeaderValue(value)}`), fc.string().map((value) => `parley.session_token=${asHeaderValue(value)}`)),
    authorization: fc.option(fc.oneof(hostileString.map((value) => `Bearer ${value}`), fc.string().map((value) => `Bearer pk_${value}`), fc.string()), { nil: undefined }),
    token: fc.option(fc.oneof(hostileString, fc.string(), fc.constant("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")), { nil: undefined }),
  })
  .map(({ call, cookie: forged, authorization, token }) => ({
    ...call,
    headers: {
      ...call.headers,
      cookie: forged,
      ...(authorization !== undefined ? { authorization: asHeaderValue(authorization) } : {}),
      ...(token !== undefined ? { "x-parley-conversation-token": asHeaderValue(token) } : {}),
    },
  }));
