export { appRouter, type AppRouter } from "./router";
export { createCallerFactory } from "./trpc";
export type { ApiContext } from "./context";
export { toTrpcError } from "./temporal-errors";
export { databaseRefusal, publicError, GENERIC_INTERNAL_MESSAGE } from "./errors";
