/**
 * The REST API's HTTP side: operations under /api/v1 (packages/api/src/rest), the OpenAPI
 * document at /api/v1/openapi.json and a reference page at /api/v1/docs (Swagger UI, served from
 * the swagger-ui-dist package: no CDN, it works offline).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createOpenApiHttpHandler } from "trpc-to-openapi";
import { REST_BASE_PATH, restApiDocument, restOpenApiRouter, type ApiContext, type ApiServices } from "@parley/api";
import { requestContext } from "./request-context";
import type { TrustProxy } from "./client-address";
import { markServiceUnavailable, retryAfterMeta } from "./unavailable";

const require = createRequire(import.meta.url);
const SWAGGER_DIR = path.dirname(require.resolve("swagger-ui-dist/package.json"));
/** The only files of swagger-ui-dist the page loads; nothing else in the package is served. */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};
const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title><link rel="stylesheet" href="${REST_BASE_PATH}/docs/swagger-ui.css"></head>
<body><div id="reference"></div><script src="${REST_BASE_PATH}/docs/swagger-ui-bundle.js"></script>
<script src="${REST_BASE_PATH}/docs/start.js"></script></body></html>`;
// A file of its own rather than inline, so the page works under a Content-Security-Policy without 'unsafe-inline'.
const START_SCRIPT = `window.ui = SwaggerUIBundle({ url: "${REST_BASE_PATH}/openapi.json", dom_id: "#reference", deepLinking: true });`;

const assetCache = new Map<string, Buffer>();
/** A page asset's bytes, read from the package once (the bundle is over a megabyte). */
function assetBytes(name: string): Buffer {
  let bytes = assetCache.get(name);
  if (!bytes) assetCache.set(name, (bytes = fs.readFileSync(path.join(SWAGGER_DIR, name))));
  return bytes;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = "no-cache"): true {
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.setHeader("cache-control", cache);
  res.end(body);
  return true;
}

export function createRestRoute(services: ApiServices, trustProxy: TrustProxy) {
  const contexts = new WeakMap<ServerResponse, ApiContext>();
  const handler = createOpenApiHttpHandler({
    router: restOpenApiRouter,
    // The adapter hands createContext a fetch-style request; the context is built from Node's own
    // (its headers and socket address), kept per response below.
    createContext: ({ res }) => contexts.get(res as ServerResponse)!,
    responseMeta: retryAfterMeta,
    onError({ error, path: procedure, input }) {
      // A body that is not JSON fails in the adapter before any input exists: the client's mistake.
      if (error.code === "INTERNAL_SERVER_ERROR" && input === undefined && error.cause instanceof SyntaxError) {
        Object.assign(error, { code: "BAD_REQUEST", message: "the request body is not valid JSON" });
        return;
      }
      markServiceUnavailable(error);
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[api] rest ${procedure ?? "?"}:`, error.cause ?? error);
    },
  });
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = req.url ?? "";
    if (url !== REST_BASE_PATH && !url.startsWith(`${REST_BASE_PATH}/`) && !url.startsWith(`${REST_BASE_PATH}?`)) return false;
    const rest = url.slice(REST_BASE_PATH.length) || "/";
    const pathname = rest.split("?")[0]!;
    if (req.method === "GET" && pathname === "/openapi.json") return send(res, 200, "application/json", JSON.stringify(restApiDocument()));
    if (req.method === "GET" && (pathname === "/docs" || pathname === "/docs/")) return send(res, 200, "text/html; charset=utf-8", DOCS_PAGE);
    if (req.method === "GET" && pathname === "/docs/start.js") return send(res, 200, "text/javascript; charset=utf-8", START_SCRIPT);
    const asset = pathname.startsWith("/docs/") ? pathname.slice("/docs/".length) : undefined;
    if (req.method === "GET" && asset && ASSETS[asset]) return send(res, 200, ASSETS[asset], assetBytes(asset), "public, max-age=86400");
    // trpc-to-openapi matches the operation's path without our prefix.
    req.url = rest;
    contexts.set(res, requestContext(services, req, trustProxy));
    handler(req, res).catch((err: unknown) => {
      console.error("[api] rest route failed:", err);
      if (!res.headersSent) send(res, 500, "application/json", JSON.stringify({ message: "something went wrong on our side; try again later", code: "INTERNAL_SERVER_ERROR" }));
    });
    return true;
  };
}
