export { appRouter, type AppRouter } from "./router";
export { createCallerFactory } from "./trpc";
export type { ApiContext } from "./context";
export { toTrpcError, unavailableService, serviceUnavailableError, UNAVAILABLE_RETRY_AFTER_SECONDS, type UnavailableService } from "./temporal-errors";
export { databaseRefusal, publicError, GENERIC_INTERNAL_MESSAGE } from "./errors";
