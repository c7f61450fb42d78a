import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import type { ApiContext } from "./context";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Policy } from "./procedures";

/**
 * Every procedure declares who may call it (see procedures.ts); the matrix test reads this. The
 * REST API's procedures (rest/router.ts) add their HTTP method and path.
 */
export type ProcedureMeta = OpenApiMeta<{ policy: Policy }>;
import { publicError, isWrappedUnknownError, GENERIC_INTERNAL_MESSAGE } from "./errors";

const t = initTRPC.context<ApiContext>().meta<ProcedureMeta>().create({
  // Stack traces stay in the server's log; clients get the message, code and field details.
  isDev: false,
  // Live updates (routers/live.ts) stream as server-sent events: a comment every 15 s keeps
  // proxies from closing a quiet stream, and a client that hears nothing for 25 s reconnects.
  sse: {
    ping: { enabled: true, intervalMs: 15_000 },
    client: { reconnectAfterInactivityMs: 25_000 },
  },
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      // An unexpected error's own message may quote Prisma (and with it our source files and
      // lines) or a driver: clients get a generic one; the server's log has the cause.
      message: isWrappedUnknownError(error) ? GENERIC_INTERNAL_MESSAGE : shape.message,
      data: {
        ...shape.data,
        // Field-by-field reasons for bad input, so a client can point at the field.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

/**
 * Every procedure's errors pass here once: what the database refused becomes the 4xx it means
 * (a taken name 409, a missing record 404, an unstorable value 400) instead of a 500 per router.
 */
const publicErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) result.error = publicError(result.error);
  return result;
});

export const router = t.router;
/** The base of the builders in procedures.ts: nothing else builds a procedure. */
export const procedure = t.procedure.use(publicErrors);
export const createCallerFactory = t.createCallerFactory;
