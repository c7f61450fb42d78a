import { describe, expect, it } from "vitest";
import { dbErrorInfo } from "./errors";

/**
 * The shapes below are what Prisma 6.19 throws with the libsql and pg driver adapters (see
 * @prisma/adapter-pg's mapDriverError and the client's driver-error mapping); the SQLite ones are
 * also produced for real by packages/api/test/errors.test.ts.
 */
const prismaKnown = (code: string, cause?: object, modelName = "Message") =>
  Object.assign(new Error("Invalid `db.message.upsert()` invocation in /srv/x.ts:1:1"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { modelName, ...(cause ? { driverAdapterError: { name: "DriverAdapterError", cause } } : {}) },
  });
const driverError = (cause: object) => Object.assign(new Error("driver"), { name: "DriverAdapterError", cause });

describe("what a database error means", () => {
  it("reads Prisma's codes, with the model and constraint fields", () => {
    expect(dbErrorInfo(prismaKnown("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["workspaceId", "name"] } }, "KnowledgeBase"))).toEqual({
      kind: "unique",
      model: "KnowledgeBase",
      fields: ["workspaceId", "name"],
    });
    expect(dbErrorInfo(prismaKnown("P2025"))?.kind).toBe("missing");
    expect(dbErrorInfo(prismaKnown("P2003"))?.kind).toBe("reference");
    expect(dbErrorInfo(prismaKnown("P2000", { kind: "LengthMismatch", column: "text" }))?.kind).toBe("refused");
  });

  it("knows PostgreSQL's data exceptions (NUL in text or JSON) from its transient errors", () => {
    expect(dbErrorInfo(driverError({ kind: "postgres", code: "22021", message: 'invalid byte sequence for encoding "UTF8": 0x00' }))?.kind).toBe("refused");
    expect(dbErrorInfo(driverError({ kind: "postgres", code: "22P05", message: "unsupported Unicode escape sequence" }))?.kind).toBe("refused");
    expect(dbErrorInfo(driverError({ kind: "postgres", code: "23514", message: "check constraint" }))?.kind).toBe("refused");
    expect(dbErrorInfo(driverError({ kind: "postgres", code: "40P01", message: "deadlock detected" }))).toBeNull();
    expect(dbErrorInfo(driverError({ kind: "postgres", code: "57P01", message: "terminating connection" }))).toBeNull();
  });

  it("knows SQLite's constraint and size errors from a busy database", () => {
    expect(dbErrorInfo(driverError({ kind: "sqlite", extendedCode: 275, message: "CHECK constraint failed" }))?.kind).toBe("refused");
    expect(dbErrorInfo(driverError({ kind: "sqlite", extendedCode: 18, message: "string or blob too big" }))?.kind).toBe("refused");
    expect(dbErrorInfo(driverError({ kind: "sqlite", extendedCode: 5, message: "database is locked" }))).toBeNull();
    expect(dbErrorInfo(prismaKnown("P1008"))).toBeNull();
  });

  it("finds the database error under wrappers, and answers null for everything else", () => {
    expect(dbErrorInfo(new Error("wrapped", { cause: prismaKnown("P2002") }))?.kind).toBe("unique");
    expect(dbErrorInfo(Object.assign(new Error("JSON Error: unexpected end of hex escape at line 1 column 132"), { name: "PrismaClientUnknownRequestError" }))?.kind).toBe("refused");
    expect(dbErrorInfo(new Error("connect ECONNREFUSED"))).toBeNull();
    expect(dbErrorInfo("P2002")).toBeNull();
    expect(dbErrorInfo(null)).toBeNull();
    const loop: { name: string; cause?: unknown } = { name: "Error" };
    loop.cause = loop;
    expect(dbErrorInfo(loop)).toBeNull();
  });
});
