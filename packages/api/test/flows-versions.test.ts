import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import type { FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * A flow's history on a real database: who published what and why, a version read back, the
 * diff between versions, restoring one as the draft, and the refusal to publish nothing new.
 * Flows never talk to Temporal, so the client is a lazy one that never connects.
 */
let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  api = createCaller(asPerson(testServices(database, temporal, "unused"), database));
});
afterAll(async () => {
  await database?.close();
});

/** The starter graph with a message step between start and end. */
function withGreeting(graph: FlowGraph, text: string): FlowGraph {
  return {
    ...graph,
    nodes: [...graph.nodes, { id: "greet", kind: "message", position: { x: 0, y: 80 }, config: { text } }],
    edges: [
      { id: "start-next-greet", source: "start", sourcePort: "next", target: "greet" },
      { id: "greet-next-end", source: "greet", sourcePort: "next", target: "end" },
    ],
  };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

describe("flow versions", () => {
  it("records who published each version and why, diffs them, restores one as the draft, and refuses to publish nothing new", async () => {
    const { id } = await api.flows.create({ name: "Versioned" });
    const starter = (await api.flows.get({ id })).draft.graph;

    // v1: the starter graph, with a note.
    expect((await api.flows.publish({ id, note: "  First cut  " })).version).toBe(1);
    // The new draft equals v1: publishing again is refused with a reason.
    expect(await code(api.flows.publish({ id }))).toBe("PRECONDITION_FAILED: nothing to publish: the draft is the same as published version 1");

    // v2: a greeting added.
    await api.flows.saveDraft({ id, graph: withGreeting(starter, "Hello!") });
    expect((await api.flows.publish({ id, note: "Say hello" })).version).toBe(2);

    const versions = await api.flows.versions({ id });
    expect(versions.map((v) => [v.version, v.published, v.publishedBy, v.note])).toEqual([
      [3, false, null, null],
      [2, true, "Ada Admin", "Say hello"],
      [1, true, "Ada Admin", "First cut"],
    ]);
    expect(versions[1]!.publishedAt).not.toBeNull();

    expect((await api.flows.version({ id, version: 1 })).graph.nodes.map((node) => node.id).sort()).toEqual(["end", "start"]);

    // v1 → v2: the greeting and its edges added, the direct edge removed.
    const v1v2 = await api.flows.diff({ id, from: 1, to: 2 });
    expect(v1v2.diff.added.map((node) => node.id)).toEqual(["greet"]);
    expect(v1v2.diff.edgesRemoved.map((edge) => edge.id)).toEqual(["start-next-end"]);
    expect(v1v2.diff.edgesAdded).toHaveLength(2);

    // An edited draft against v2: one changed field.
    await api.flows.saveDraft({ id, graph: withGreeting(starter, "Welcome!") });
    const edited = await api.flows.diff({ id, from: 2, to: "draft" });
    expect(edited.to).toBe(3);
    expect(edited.diff.changed.map((step) => [step.id, step.fields.map((field) => [field.path, field.before, field.after])])).toEqual([
      ["greet", [["config.text", "Hello!", "Welcome!"]]],
    ]);

    // Restore v1: the draft is v1's graph again (the edits are gone), and it is audited.
    expect(await api.flows.restore({ id, version: 1 })).toEqual({ draftVersion: 3, restoredFrom: 1 });
    const restored = await api.flows.get({ id });
    expect((await api.flows.diff({ id, from: 1, to: "draft" })).diff.same).toBe(true);
    expect(restored.draft.graph.nodes.map((node) => node.id).sort()).toEqual(["end", "start"]);
    const audit = await database.db.auditEvent.findMany({ where: { targetId: id }, orderBy: { at: "asc" } });
    expect(audit.map((event) => event.action)).toEqual(["flow.publish", "flow.publish", "flow.restore"]);
    expect(audit[0]!.details).toMatchObject({ version: 1, note: "First cut" });

    // v1's graph differs from v2, the latest published, so it may be published as v3.
    expect((await api.flows.publish({ id })).version).toBe(3);
    expect(await code(api.flows.publish({ id }))).toMatch(/^PRECONDITION_FAILED: nothing to publish/);
  });

  it("lets a draft whose steps only moved be published (the layout is part of the version)", async () => {
    const { id } = await api.flows.create({ name: "Moved" });
    const graph = (await api.flows.get({ id })).draft.graph;
    await api.flows.publish({ id });
    await api.flows.saveDraft({ id, graph: { ...graph, nodes: graph.nodes.map((node) => (node.id === "end" ? { ...node, position: { x: 200, y: 300 } } : node)) } });
    const { diff } = await api.flows.diff({ id, from: 1, to: "draft" });
    expect(diff.layoutOnly).toBe(true);
    expect(diff.moved.map((step) => step.id)).toEqual(["end"]);
    expect((await api.flows.publish({ id })).version).toBe(2);
  });

  it("refuses unknown versions, restoring the draft onto itself, and notes over 500 characters", async () => {
    const { id } = await api.flows.create({ name: "Bounds" });
    expect(await code(api.flows.version({ id, version: 9 }))).toMatch(/^NOT_FOUND/);
    expect(await code(api.flows.diff({ id, from: 9, to: "draft" }))).toMatch(/^NOT_FOUND/);
    expect(await code(api.flows.restore({ id, version: 1 }))).toMatch(/^BAD_REQUEST/);
    expect(await code(api.flows.publish({ id, note: "x".repeat(501) }))).toMatch(/^BAD_REQUEST/);
    const rows = await database.db.flowVersion.findMany({ where: { flowId: id } });
    expect(rows.map((row) => row.published)).toEqual([false]);
  });

  it("answers a graph that cannot be read (written behind the API's back) with a 422 or a 412, not a 500", async () => {
    const { id } = await api.flows.create({ name: "Unreadable" });
    await api.flows.publish({ id });
    await database.db.flowVersion.updateMany({ where: { flowId: id, published: false }, data: { graph: { nodes: "x", edges: 1 } } });
    expect(await code(api.flows.diff({ id, from: 1, to: "draft" }))).toMatch(/^UNPROCESSABLE_CONTENT: version 2 of this flow/);
    expect(await code(api.flows.version({ id, version: "draft" }))).toMatch(/^UNPROCESSABLE_CONTENT/);
    expect(await code(api.flows.publish({ id }))).toMatch(/^PRECONDITION_FAILED: the draft has/);
  });
});
