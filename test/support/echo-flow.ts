import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";

/** A flow that never ends: ask, echo the answer, ask again — one bot reply per message. */
export const echoFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "ask", kind: "ask", position: { x: 0, y: 140 }, config: { question: "Say something", variable: "said" } },
    { id: "echo", kind: "message", position: { x: 0, y: 280 }, config: { text: "You said {{said}}" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "echo" },
    { id: "e3", source: "echo", sourcePort: "next", target: "ask" },
  ],
};
