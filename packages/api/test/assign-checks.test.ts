import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { line, serverStack } from "./support/stack";

/**
 * A manual assignment follows the rules routing follows (real Temporal, real database): the
 * person must be in the conversation's team and below their capacity, unless a supervisor or
 * admin overrides; a transfer names a team the workspace has.
 */
const stack = serverStack("assign-checks");

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the condition never held");
}

/** A conversation waiting in `team`'s queue. */
async function waitingIn(team: string) {
  const { flowId } = await stack.publish(
    line([
      { id: "start", kind: "start", config: {} },
      { id: "human", kind: "handoff", config: { message: "", team, skills: "", priority: "normal", summary: "" }, ports: ["resolved", "returned"] },
      { id: "end", kind: "end", config: { status: "resolved" } },
    ]),
  );
  const { conversationId } = await stack.as().conversations.start({ flowId });
  await until(() => stack.database.db.conversation.findUniqueOrThrow({ where: { id: conversationId } }), (row) => row.status === "handoff");
  return conversationId;
}

const assigneeOf = (id: string) => until(() => stack.database.db.conversation.findUniqueOrThrow({ where: { id } }), (row) => row.assigneeId !== null).then((row) => row.assigneeId);

describe("assigning a conversation", () => {
  it("refuses someone outside the conversation's team (412) unless a supervisor overrides; agents may not override (403)", async () => {
    const { seed } = stack.database;
    const billing = await waitingIn("Billing");
    const refused = await refusal(stack.as("agent").conversations.assign({ conversationId: billing, agentId: seed.agentId }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toContain('Sam Agent is not in the team "Billing"');
    expect((await refusal(stack.as("agent").conversations.assign({ conversationId: billing, agentId: seed.agentId, override: true }))).code).toBe("FORBIDDEN");
    expect((await refusal(stack.as("supervisor").conversations.assign({ conversationId: billing, agentId: seed.agentId }))).code).toBe("PRECONDITION_FAILED");
    await stack.as("supervisor").conversations.assign({ conversationId: billing, agentId: seed.agentId, override: true });
    expect(await assigneeOf(billing)).toBe(seed.agentId);
  });

  it("refuses a transfer to a team the workspace does not have (404)", async () => {
    const support = await waitingIn("Support");
    const refused = await refusal(stack.as("supervisor").conversations.assign({ conversationId: support, agentId: null, team: "Nowhere" }));
    expect(refused).toEqual({ code: "NOT_FOUND", message: 'team "Nowhere" not found' });
    // Transferred and assigned at once: the person must be in the new team.
    expect((await refusal(stack.as("agent").conversations.assign({ conversationId: support, agentId: stack.database.seed.agentId, team: "Billing" }))).code).toBe(
      "PRECONDITION_FAILED",
    );
    await stack.as("supervisor").conversations.assign({ conversationId: support, agentId: stack.database.seed.supervisorId, team: "Billing" });
    expect(await assigneeOf(support)).toBe(stack.database.seed.supervisorId);
  });

  it("refuses someone at their chat capacity (412) unless a supervisor overrides", async () => {
    const { db, seed } = stack.database;
    await stack.as().members.setCapacity({ userId: seed.agentId, chatCapacity: 1, callCapacity: 1 });
    // Sam works one chat already (the Billing one above, assigned by override).
    expect(await db.conversation.count({ where: { assigneeId: seed.agentId, status: "handoff" } })).toBe(1);
    const second = await waitingIn("Support");
    const refused = await refusal(stack.as("agent").conversations.assign({ conversationId: second, agentId: seed.agentId }));
    expect(refused).toEqual({
      code: "PRECONDITION_FAILED",
      message: "Sam Agent is at capacity: 1 open chat(s) of 1; resolve one first, or (supervisors and admins) assign with override",
    });
    expect((await refusal(stack.as("supervisor").conversations.assign({ conversationId: second, agentId: seed.agentId }))).code).toBe("PRECONDITION_FAILED");
    await stack.as("supervisor").conversations.assign({ conversationId: second, agentId: seed.agentId, override: true });
    expect(await assigneeOf(second)).toBe(seed.agentId);
    // With room again, the agent takes one themselves.
    const third = await waitingIn("Support");
    await stack.as().members.setCapacity({ userId: seed.agentId, chatCapacity: 3, callCapacity: 1 });
    await stack.as("agent").conversations.assign({ conversationId: third, agentId: seed.agentId });
    expect(await assigneeOf(third)).toBe(seed.agentId);
    // Unassigning is never limited.
    await stack.as("agent").conversations.assign({ conversationId: second, agentId: null });
  });
});
