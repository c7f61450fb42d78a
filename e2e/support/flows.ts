import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import type { Stack } from "./stack";

/** Asks billing or shipping (quick replies), then keeps listening: what the channel tests talk to. */
export const topicFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Hi! Is it about billing or shipping?", variable: "topic", inputType: "choice", choices: "Billing\nShipping" } },
    { id: "done", kind: "ask", position: { x: 0, y: 280 }, config: { question: "Noted: {{topic}}. Anything else?", variable: "more" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "done" },
    { id: "e3", source: "topic", sourcePort: "invalid", target: "done" },
    { id: "e4", source: "done", sourcePort: "answered", target: "done" },
  ],
};

/** Creates, saves and publishes a flow as the owner, through the API as the builder does; its id. */
export async function publishFlow(stack: Stack, name: string, description: string, graph: FlowGraph): Promise<string> {
  const api = await stack.api("owner");
  const { id } = await api.flows.create.mutate({ name, description });
  await api.flows.saveDraft.mutate({ id, graph });
  await api.flows.publish.mutate({ id });
  return id;
}
