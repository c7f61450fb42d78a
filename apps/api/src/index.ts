export { createApiServer, type ApiServerOptions } from "./server";
