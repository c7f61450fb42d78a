/**
 * What a database error means for the caller, read from Prisma's error code and the driver
 * adapter's cause (SQLite or PostgreSQL) without importing Prisma's runtime error classes. The API
 * turns these into 4xx answers and the persistence activities into non-retryable failures: a
 * value the database refuses is refused again on every retry.
 *
 * - `unique`: a unique constraint (a name taken already);
 * - `missing`: the record to read or change does not exist (any more);
 * - `reference`: a foreign key points nowhere, or a row is still referenced (or a trigger refused
 *   the change: SQLite's RAISE(ABORT) comes through libsql as a foreign key error);
 * - `refused`: a value the database can never store (broken UTF-16, NUL for PostgreSQL, too
 *   long, out of range, null where required, a check constraint).
 */
export type DbErrorKind = "unique" | "missing" | "reference" | "refused";

export interface DbErrorInfo {
  kind: DbErrorKind;
  /** The model (table) involved, when Prisma says. */
  model?: string;
  /** The fields of the violated constraint, when the driver says. */
  fields?: string[];
}

const kindByPrismaCode: Record<string, DbErrorKind> = {
  P2000: "refused", // value too long for the column
  P2002: "unique",
  P2003: "reference",
  P2004: "refused", // a constraint failed on the database
  P2005: "refused", // invalid value stored for the field's type
  P2006: "refused", // invalid value for the field
  P2007: "refused", // data validation error
  P2011: "refused", // null constraint violation
  P2012: "refused", // missing required value
  P2014: "reference", // the change would violate a required relation
  P2015: "missing", // a related record could not be found
  P2018: "missing", // required connected records not found
  P2019: "refused", // input error
  P2020: "refused", // value out of range for the type
  P2023: "refused", // inconsistent column data
  P2025: "missing", // record to update or delete not found
  P2033: "refused", // a number does not fit in 64 bits
};

/**
 * SQLSTATE classes of PostgreSQL that mean "this data, never": 22 data exception (NUL in text
 * 22021, in JSON 22P05, too long 22001…) and 23 integrity constraint violation (check 23514…).
 */
const REFUSING_SQLSTATE = /^2[23]/;

/** SQLite primary result codes that mean the same: TOOBIG, CONSTRAINT, MISMATCH, RANGE. */
const REFUSING_SQLITE_CODES = new Set([18, 19, 20, 25]);

/**
 * Prisma's query engine parses the query as JSON; text with a lone UTF-16 surrogate fails there,
 * before any driver sees it ("JSON Error: unexpected end of hex escape"), as an unknown error.
 */
const BROKEN_TEXT = /JSON Error|hex escape|surrogate|invalid unicode|UTF-?8|byte sequence/i;

interface DriverCause {
  kind?: string;
  code?: string;
  extendedCode?: number;
  constraint?: { fields?: string[] };
}

/** What `err` means as a database error, or null when it is none of the above (or not one at all). */
export function dbErrorInfo(err: unknown, depth = 0): DbErrorInfo | null {
  if (typeof err !== "object" || err === null || depth > 4) return null;
  const error = err as { name?: unknown; code?: unknown; message?: unknown; meta?: unknown; cause?: unknown };
  const name = typeof error.name === "string" ? error.name : "";
  const meta = (typeof error.meta === "object" && error.meta !== null ? error.meta : {}) as {
    modelName?: unknown;
    driverAdapterError?: { cause?: DriverCause };
  };
  const driver: DriverCause | undefined =
    meta.driverAdapterError?.cause ?? (name === "DriverAdapterError" ? (error.cause as DriverCause | undefined) : undefined);
  const described = (kind: DbErrorKind): DbErrorInfo => ({
    kind,
    ...(typeof meta.modelName === "string" ? { model: meta.modelName } : {}),
    // PostgreSQL names quoted identifiers with their quotes ("workspaceId"); SQLite does not.
    ...(Array.isArray(driver?.constraint?.fields) ? { fields: driver.constraint.fields.map((field) => String(field).replace(/^"(.*)"$/, "$1")) } : {}),
  });

  if (typeof error.code === "string" && name.startsWith("PrismaClient")) {
    const kind = kindByPrismaCode[error.code];
    if (kind) return described(kind);
  }
  if (driver?.kind === "postgres" && typeof driver.code === "string" && REFUSING_SQLSTATE.test(driver.code)) {
    return described("refused");
  }
  if (driver?.kind === "sqlite" && typeof driver.extendedCode === "number" && REFUSING_SQLITE_CODES.has(driver.extendedCode & 0xff)) {
    return described("refused");
  }
  // Text the raw writes refuse before any driver sees it (raw-writes.ts).
  if (name === "UnstorableTextError") return described("refused");
  // A query Prisma cannot even build from the values given (a wrong type got through) is refused too.
  if (name === "PrismaClientValidationError") return described("refused");
  if (name === "PrismaClientUnknownRequestError" && typeof error.message === "string" && BROKEN_TEXT.test(error.message)) {
    return described("refused");
  }
  // Errors wrapped by callers (a TRPCError, a transaction): look a few levels down the causes.
  if (error.cause !== undefined && name !== "DriverAdapterError") return dbErrorInfo(error.cause, depth + 1);
  return null;
}
