import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { line, serverStack } from "./support/stack";

/**
 * Workspace SLA policies against a real Temporal dev server and database: a handoff whose flow
 * set no SLA takes the first matching policy's clocks; the flow's own SLA node wins.
 */
const stack = serverStack("sla-policies");
const MIN = 60_000;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the condition never held");
}

const handoff = (team: string, priority = "normal") => ({ id: "human", kind: "handoff", config: { message: "", team, skills: "", priority, summary: "" }, ports: ["resolved", "returned"] });
const slaNode = { id: "sla", kind: "sla_policy", config: { firstResponse: 5, nextResponse: 5, resolution: 60, warnAtPercent: 75, onBreach: "notify", webhookUrl: "", timeZone: "UTC", hours: "always", holidays: "" } };

/** Runs a flow to its handoff; the conversation row as saved with it. */
async function handedOff(nodes: ReturnType<typeof handoff>[] | (typeof slaNode | ReturnType<typeof handoff>)[]) {
  const { flowId } = await stack.publish(line([{ id: "start", kind: "start", config: {} }, ...nodes, { id: "end", kind: "end", config: { status: "resolved" } }]));
  const { conversationId } = await stack.as().conversations.start({ flowId });
  return until(() => stack.database.db.conversation.findUniqueOrThrow({ where: { id: conversationId } }), (row) => row.status === "handoff");
}

const firstResponseTarget = (sla: unknown) => (sla as { firstResponse?: { targetMs: number } } | null)?.firstResponse?.targetMs ?? null;

describe("workspace SLA policies", () => {
  it("applies the first matching policy at a handoff without an SLA from its flow, and never over the flow's SLA node", async () => {
    const admin = stack.as();
    const config = { firstResponse: 10, nextResponse: 20, resolution: 120, warnAtPercent: 80, onBreach: "notify_raise_priority" as const, webhookUrl: "", timeZone: "UTC", hours: "always", holidays: "" };
    await admin.slaPolicies.create({ name: "Urgent billing", position: 0, teams: ["Billing"], priorities: ["urgent"], config: { ...config, firstResponse: 2 } });
    await admin.slaPolicies.create({ name: "Support", position: 1, teams: ["Support"], config });
    expect((await admin.slaPolicies.list()).map((policy) => [policy.name, policy.config?.firstResponse])).toEqual([
      ["Urgent billing", 2],
      ["Support", 10],
    ]);

    const support = await handedOff([handoff("Support")]);
    expect(firstResponseTarget(support.sla)).toBe(10 * MIN);
    const urgent = await handedOff([handoff("Billing", "urgent")]);
    expect(firstResponseTarget(urgent.sla)).toBe(2 * MIN);
    // Billing at normal priority: no policy matches, no clocks.
    const normal = await handedOff([handoff("Billing")]);
    expect(normal.sla).toBeNull();
    // The flow's own SLA node wins over the workspace's.
    const own = await handedOff([slaNode, handoff("Support")]);
    expect(firstResponseTarget(own.sla)).toBe(5 * MIN);

    const audit = await stack.database.db.auditEvent.findMany({ where: { action: "sla_policy.create" } });
    expect(audit.map((event) => event.details)).toEqual([{ name: "Urgent billing" }, { name: "Support" }]);
  });

  it("refuses an unknown team (400), an unreadable calendar (400) and a second policy of the same name (409)", async () => {
    const admin = stack.as();
    const config = { firstResponse: 10, nextResponse: 20, resolution: 120 };
    expect(await refusal(admin.slaPolicies.create({ name: "Night", teams: ["Nowhere"], config }))).toEqual({ code: "BAD_REQUEST", message: 'no such team: "Nowhere"' });
    expect((await refusal(admin.slaPolicies.create({ name: "Night", config: { ...config, hours: "whenever" } }))).code).toBe("BAD_REQUEST");
    await admin.slaPolicies.create({ name: "Night", config });
    expect((await refusal(admin.slaPolicies.create({ name: "Night", config }))).code).toBe("CONFLICT");
    const [night] = (await admin.slaPolicies.list()).filter((policy) => policy.name === "Night");
    await admin.slaPolicies.update({ id: night!.id, policy: { name: "Night", enabled: false, config } });
    expect((await admin.slaPolicies.list()).find((policy) => policy.name === "Night")).toMatchObject({ enabled: false, config: { hours: "mon-fri 09:00-17:00" } });
    await admin.slaPolicies.delete({ id: night!.id });
    expect((await refusal(admin.slaPolicies.delete({ id: night!.id }))).code).toBe("NOT_FOUND");
  });
});
