import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createCallerFactory, procedure, router } from "../src/trpc";
import { GENERIC_INTERNAL_MESSAGE } from "../src/errors";
import type { ApiContext } from "../src/context";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

/**
 * Procedures that let real database errors escape, as a router that forgot to handle one would:
 * the base procedure's middleware turns each into the 4xx it means, once for every router.
 */
/** These test procedures act in the demo workspace, which the caller below names. */
const workspaceIdOf = (ctx: ApiContext) => (ctx as ApiContext & { workspaceId: string }).workspaceId;

const failing = router({
  duplicate: procedure.meta({ policy: { kind: "anyone" } }).mutation(async ({ ctx }) => {
    await ctx.db.knowledgeBase.create({ data: { workspaceId: workspaceIdOf(ctx), name: "Twice" } });
    await ctx.db.knowledgeBase.create({ data: { workspaceId: workspaceIdOf(ctx), name: "Twice" } });
  }),
  missing: procedure.meta({ policy: { kind: "anyone" } }).mutation(({ ctx }) => ctx.db.flow.update({ where: { id: "gone" }, data: { name: "x" } })),
  dangling: procedure.meta({ policy: { kind: "anyone" } }).mutation(({ ctx }) =>
    ctx.db.contact.create({ data: { workspaceId: "no-such-workspace", name: "Nobody" } }),
  ),
  brokenText: procedure.meta({ policy: { kind: "anyone" } }).mutation(({ ctx }) => ctx.db.contact.create({ data: { workspaceId: workspaceIdOf(ctx), name: "a\ud800" } })),
  bug: procedure.meta({ policy: { kind: "anyone" } }).query(() => {
    throw new Error("Invalid `db.flow.findMany()` invocation in\n/srv/parley/packages/api/src/routers/flows.ts:42:7");
  }),
  passedOn: procedure.meta({ policy: { kind: "anyone" } }).query(() => {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "could not be transcribed: Invalid `db.audioRecording.findFirst()` invocation in\n/srv/parley/src/audio-store.ts:12:3" });
  }),
  deliberate: procedure.meta({ policy: { kind: "anyone" } }).query(() => {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "the conversation runtime did not answer; try again" });
  }),
});

async function failureOf(call: () => Promise<unknown>): Promise<TRPCError> {
  try {
    await call();
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}

describe("database errors at the API", () => {
  const caller = () =>
    createCallerFactory(failing)({ db: database.db, workspaceId: database.seed.workspaceId } as unknown as ApiContext);

  it("a unique violation is a 409 naming the fields", async () => {
    const error = await failureOf(() => caller().duplicate());
    expect(getHTTPStatusCodeFromError(error)).toBe(409);
    expect(error.message).toBe("a knowledge base with the same workspaceId, name exists already");
  });

  it("a missing record is a 404, a dangling reference and an unstorable value are 400s", async () => {
    expect(getHTTPStatusCodeFromError(await failureOf(() => caller().missing()))).toBe(404);
    const dangling = await failureOf(() => caller().dangling());
    expect(getHTTPStatusCodeFromError(dangling)).toBe(400);
    expect(dangling.message).toMatch(/refers to a record that does not exist/);
    const broken = await failureOf(() => caller().brokenText());
    expect(getHTTPStatusCodeFromError(broken)).toBe(400);
    expect(broken.message).toMatch(/cannot be stored \(broken or control characters, or too long\)$/);
  });

  it("anything else is a 500 with a generic message; the cause stays for the log", async () => {
    const bug = await failureOf(() => caller().bug());
    expect(getHTTPStatusCodeFromError(bug)).toBe(500);
    expect(bug.message).toBe(GENERIC_INTERNAL_MESSAGE);
    expect((bug.cause as Error).message).toMatch(/invocation/);
    // A 500 a router raised on purpose keeps its words, unless they quote code.
    expect((await failureOf(() => caller().passedOn())).message).toBe(GENERIC_INTERNAL_MESSAGE);
    expect((await failureOf(() => caller().deliberate())).message).toBe("the conversation runtime did not answer; try again");
  });
});
