import { TRPCError } from "@trpc/server";
import { dbErrorInfo, type DbErrorInfo } from "@parley/db";

/** What a client reads when the server failed in a way it did not foresee. */
export const GENERIC_INTERNAL_MESSAGE = "something went wrong on our side; try again later";

/**
 * True when tRPC wrapped an error nobody turned into a TRPCError (a thrown Prisma, driver or
 * programming error): its message is that error's, and is not for clients.
 */
export function isWrappedUnknownError(error: TRPCError): boolean {
  if (error.code !== "INTERNAL_SERVER_ERROR") return false;
  const wrapped = error.cause instanceof Error && !(error.cause instanceof TRPCError) && error.message === error.cause.message;
  return wrapped || quotesCode(error.message);
}

/**
 * A message that carries code with it — Prisma's "invocation in <file>:<line>", a stack line, a
 * module path — even one a router passed on deliberately (e.g. an activity's failure inside a
 * Temporal error): never for clients.
 */
function quotesCode(message: string): boolean {
  return /invocation in|node_modules|\.[cm]?[jt]sx?:\d+|\n\s+at \S/.test(message);
}

function what(info: DbErrorInfo): string {
  return info.model ? info.model.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() : "record";
}

/** The 4xx a database refusal means; null when the error is not one. */
export function databaseRefusal(err: unknown): TRPCError | null {
  const info = dbErrorInfo(err);
  if (!info) return null;
  switch (info.kind) {
    case "unique":
      return new TRPCError({
        code: "CONFLICT",
        message: `a ${what(info)} with the same ${info.fields?.length ? info.fields.join(", ") : "values"} exists already`,
        cause: err,
      });
    case "missing":
      return new TRPCError({ code: "NOT_FOUND", message: `the ${what(info)} was not found (it may have been deleted)`, cause: err });
    case "reference":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `the ${what(info)} refers to a record that does not exist, or is still in use or frozen`,
        cause: err,
      });
    case "refused":
      return new TRPCError({
        code: "BAD_REQUEST",
        message: `a value for the ${what(info)} cannot be stored (broken or control characters, or too long)`,
        cause: err,
      });
  }
}

/**
 * The error as clients may see it: database refusals become their 4xx, other unexpected errors a
 * 500 with a generic message (the cause stays attached for the server's log); errors the
 * routers raised on purpose pass unchanged.
 */
export function publicError(error: TRPCError): TRPCError {
  if (error.code !== "INTERNAL_SERVER_ERROR") return error;
  const refusal = databaseRefusal(error.cause);
  if (refusal) return refusal;
  if (isWrappedUnknownError(error)) return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: GENERIC_INTERNAL_MESSAGE, cause: error.cause ?? error });
  return error;
}
