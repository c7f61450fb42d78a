/** Building requests: tRPC calls, content types and header values as a client can send them, URL junk. */
import fc from "fast-check";
import type { RawRequest } from "../raw-http";

export function withContentType(contentType: string): Record<string, string> {
  return contentType ? { "content-type": contentType } : {};
}

export function tRpcRequest(path: string, method: string, json: string | undefined): RawRequest {
  if (method === "GET" || method === "HEAD") {
    return { method, path: `/trpc/${path}${json === undefined ? "" : `?input=${encodeURIComponent(json)}`}` };
  }
  return { method, path: `/trpc/${path}`, headers: { "content-type": "application/json" }, ...(json === undefined ? {} : { body: json }) };
}

/** What an HTTP client can put in a header at all (Latin-1 without CR/LF): the rest never reaches a server. */
export function asHeaderValue(value: string): string {
  return value.replace(/[^\x20-\x7e\x80-\xff]/g, "?");
}

export const percentJunk = fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "%ud800", "%ED%A0%80", "%C0%AF", "%FF%FE", "%2e%2e%2f", "%F0%9F%98");
