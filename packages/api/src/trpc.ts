import { initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import type { ApiContext } from "./context";

const t = initTRPC.context<ApiContext>().create({
  // Stack traces stay in the server's log; clients get the message, code and field details.
  isDev: false,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-by-field reasons for bad input, so a client can point at the field.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
