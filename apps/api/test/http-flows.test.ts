// Flows over the API's HTTP endpoints (support/http-stack.ts): drafts, publishing, immutable
// versions, and conversations pinned to the version they started on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { demoFlow } from "@parley/flow";
import { startHttpStack, type HttpStack } from "./support/http-stack";

let http: HttpStack;
beforeAll(async () => {
  http = await startHttpStack("http-flows");
});
afterAll(() => http?.close());

describe("flows over HTTP", () => {
  it("saves drafts with issues as data, refuses to publish errors, publishes immutable versions", async () => {
    const { id } = await http.api.flows.create.mutate({ name: "Returns", description: "Return requests" });
    const fresh = await http.api.flows.get.query({ id });
    expect(fresh.issues).toEqual([]);
    expect(fresh.published).toBeNull();

    // A graph with a dangling edge is saved, with the problem located.
    const broken = {
      ...demoFlow,
      edges: [...demoFlow.edges, { id: "bad", source: "greet", sourcePort: "next", target: "ghost" }],
    };
    const saved = await http.api.flows.saveDraft.mutate({ id, graph: broken });
    expect(saved.saved).toBe(true);
    expect(saved.issues).toContainEqual(expect.objectContaining({ severity: "error", edgeId: "bad" }));
    await expect(http.api.flows.publish.mutate({ id })).rejects.toSatisfy(
      (err: unknown) => err instanceof TRPCClientError && err.data?.code === "PRECONDITION_FAILED",
    );

    // Garbage is not saved at all.
    const garbage = await http.api.flows.saveDraft.mutate({ id, graph: "not a graph" });
    expect(garbage.saved).toBe(false);
    expect(garbage.issues.length).toBeGreaterThan(0);

    await http.api.flows.saveDraft.mutate({ id, graph: demoFlow });
    expect(await http.api.flows.publish.mutate({ id })).toMatchObject({ version: 1 });
    const published = await http.api.flows.get.query({ id });
    expect(published.published?.version).toBe(1);
    expect(published.draft.version).toBe(2);

    // The http.database itself refuses to change a published version. (Prisma's libsql adapter
    // reports SQLite's trigger constraint code as a foreign key error; the refusal is what counts.)
    await expect(
      http.database.db.flowVersion.update({ where: { id: published.published!.id }, data: { graph: {} } }),
    ).rejects.toThrow();
    const frozen = await http.database.db.flowVersion.findUniqueOrThrow({ where: { id: published.published!.id } });
    expect(frozen.graph).toEqual(published.published!.graph);

    const list = await http.api.flows.list.query();
    expect(list.find((flow) => flow.id === id)).toMatchObject({ name: "Returns", publishedVersion: 1 });
  });

  it("conversations stay on the version they started on", async () => {
    const { id } = await http.api.flows.create.mutate({ name: "Pinned" });
    await http.api.flows.saveDraft.mutate({ id, graph: demoFlow });
    await http.api.flows.publish.mutate({ id });
    const started = await http.api.conversations.start.mutate({ flowId: id });

    const changed = structuredClone(demoFlow);
    const greet = changed.nodes.find((node) => node.id === "ask_name")!;
    greet.config = { ...greet.config, question: "Who am I talking to?" };
    await http.api.flows.saveDraft.mutate({ id, graph: changed });
    await http.api.flows.publish.mutate({ id });

    const reply = await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Edsger" });
    expect(reply.replies[0]?.text).toBe("Thanks Edsger. What can I help you with today?");
    const next = await http.api.conversations.start.mutate({ flowId: id });
    expect(next.replies.map((r) => r.text)).toContain("Who am I talking to?");
  });
});
