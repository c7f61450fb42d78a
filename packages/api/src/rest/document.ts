import { generateOpenApiDocument, type OpenAPIObject, type OpenApiRouter } from "trpc-to-openapi";
import { restRouter } from "./router";

/** Where the REST API lives on the API server; its paths are relative to it. */
export const REST_BASE_PATH = "/api/v1";

/**
 * The router as trpc-to-openapi types routers: its meta type is an open record, which a router
 * whose meta requires `policy` does not match in both directions; the shape is the same.
 */
export const restOpenApiRouter = restRouter as unknown as OpenApiRouter;

let document: OpenAPIObject | undefined;

/** The OpenAPI 3.1 document of the REST API, generated once from its zod schemas. */
export function restApiDocument(): OpenAPIObject {
  document ??= generateOpenApiDocument(restOpenApiRouter, {
    title: "Parley API",
    version: "1.0.0",
    description:
      "Conversations, messages, contacts and flows of one workspace, for integrations. Authenticate with an API key " +
      "(Settings → API keys) as `Authorization: Bearer pk_…`: `read` keys read, `write` keys also open conversations, " +
      "send customers' messages and publish flows, `admin` keys also read contacts. The workspace is the key's.",
    baseUrl: REST_BASE_PATH,
    openApiVersion: "3.1.0",
    tags: ["conversations", "flows", "contacts"],
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: pk_…" } },
  });
  return document;
}
