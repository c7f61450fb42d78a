import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";

/**
 * A valid flow of `size` nodes and about 1.2 edges per node, laid out on a grid: start, then a
 * chain of messages in which every fifth step is a condition whose `else` skips a step, then an
 * end. Big enough to weigh on validation, compilation and the canvas like a real large flow.
 */
export function generatedFlow(size: number): FlowGraph {
  const count = Math.max(3, size);
  const columns = Math.ceil(Math.sqrt(count));
  const position = (i: number) => ({ x: (i % columns) * 260, y: Math.floor(i / columns) * 160 });
  // The conditions read `step`, a start variable (an unknown variable would not validate).
  const nodes: FlowGraph["nodes"] = [{ id: "start", kind: "start", position: position(0), config: { variables: "step = 0" } }];
  const edges: FlowGraph["edges"] = [];
  const idOf = (i: number) => (i === 0 ? "start" : i === count - 1 ? "end" : `n${i}`);
  for (let i = 1; i < count - 1; i++) {
    const condition = i % 5 === 0 && i + 2 < count;
    nodes.push(
      condition
        ? { id: idOf(i), kind: "condition", label: `Check ${i}`, position: position(i), config: { if: `number(step) > ${i}` } }
        : { id: idOf(i), kind: "message", label: `Say ${i}`, position: position(i), config: { text: `Step ${i} of the journey.` } },
    );
  }
  nodes.push({ id: "end", kind: "end", position: position(count - 1), config: { status: "resolved" } });
  for (let i = 0; i < count - 1; i++) {
    const node = nodes[i]!;
    if (node.kind === "condition") {
      edges.push({ id: `e${i}-if`, source: node.id, sourcePort: "if", target: idOf(i + 1) });
      edges.push({ id: `e${i}-else`, source: node.id, sourcePort: "else", target: idOf(i + 2) });
    } else {
      edges.push({ id: `e${i}`, source: node.id, sourcePort: "next", target: idOf(i + 1) });
    }
  }
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes, edges };
}
