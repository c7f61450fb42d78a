// What the API makes of real failures: errors produced by really calling a closed port (Temporal's
// gRPC client, Prisma's PostgreSQL adapter), not hand-built lookalikes.
import { describe, expect, it } from "vitest";
import { ApplicationFailure, Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from "@temporalio/client";
import { createDb } from "@parley/db";
import { FailureType } from "@parley/workflows/contracts";
import { toTrpcError, unavailableService } from "./temporal-errors";

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected a failure");
}

describe("toTrpcError", () => {
  it("Temporal refusing connections is a 503 SERVICE_UNAVAILABLE", async () => {
    const connection = Connection.lazy({ address: "127.0.0.1:1", interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 1 }))] });
    const client = new Client({ connection });
    const err = await failure(() => client.workflow.getHandle("nope").describe());
    await connection.close();
    expect(unavailableService(err)).toBe("temporal");
    expect(toTrpcError(err)).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/conversation runtime is unavailable/) });
  }, 30_000);

  it("PostgreSQL not reachable is a 503 SERVICE_UNAVAILABLE", async () => {
    const db = await createDb("postgresql://parley@127.0.0.1:1/parley");
    const err = await failure(() => db.workspace.findMany());
    await db.$disconnect();
    expect(unavailableService(err)).toBe("database");
    expect(toTrpcError(err)).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringMatching(/database is busy or unavailable/) });
  }, 30_000);

  it("business failures keep their meaning; unknown errors stay 500", () => {
    expect(toTrpcError(ApplicationFailure.nonRetryable("the conversation is resolved", FailureType.ConversationEnded)).code).toBe("PRECONDITION_FAILED");
    expect(toTrpcError(new Error("something else")).code).toBe("INTERNAL_SERVER_ERROR");
    expect(unavailableService(new Error("something else"))).toBeUndefined();
  });
});
