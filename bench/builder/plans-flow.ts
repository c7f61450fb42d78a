import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";

/** start → ask the plan → "pro"? thank : offer → end: one question, a branch, two replies. */
export function plansFlow(thanks = "Thanks, pro customer!"): FlowGraph {
  const nodes: Omit<FlowGraph["nodes"][number], "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "ask", kind: "ask", config: { question: "Which plan are you on?", variable: "plan" } },
    { id: "check", kind: "condition", config: { if: 'plan == "pro"' } },
    { id: "thank", kind: "message", config: { text: thanks } },
    { id: "offer", kind: "message", config: { text: "Have a look at pro." } },
    { id: "end", kind: "end", config: { status: "resolved" } },
  ];
  const edges: [string, string, string][] = [
    ["start", "next", "ask"],
    ["ask", "answered", "check"],
    ["ask", "invalid", "end"],
    ["ask", "timeout", "end"],
    ["check", "if", "thank"],
    ["check", "else", "offer"],
    ["thank", "next", "end"],
    ["offer", "next", "end"],
  ];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}
