import { getNodeKind, outputPortsOf, type FlowGraph } from '@parley/flow';
import ELK from 'elkjs/lib/elk.bundled.js';

/**
 * Tidies a flow with ELK's layered algorithm, left to right, with each step's ports where the
 * canvas draws them (the input at the top; several exits down the right side in the kind's
 * order, a single exit at the bottom: see nodes/NodeShell.tsx), so connections leave the right
 * port and cross as little as ELK can manage. Only positions change.
 */

export interface StepSize {
  width: number;
  height: number;
}

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '80',
  'elk.layered.spacing.edgeNodeBetweenLayers': '32',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

function portId(nodeId: string, port: string): string {
  return `${nodeId}::${port}`;
}

/** New positions (top-left corners) by node id. `sizeOf` gives each step's drawn size. */
export async function layoutSteps(graph: FlowGraph, sizeOf: (nodeId: string) => StepSize): Promise<Map<string, { x: number; y: number }>> {
  const children = graph.nodes.map((node) => {
    const size = sizeOf(node.id);
    const outputs = outputPortsOf(node.kind, node.config);
    const side = outputs.length > 1 ? 'EAST' : 'SOUTH';
    return {
      id: node.id,
      width: size.width,
      height: size.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      ports: [
        ...(getNodeKind(node.kind).ports.input ? [{ id: portId(node.id, 'in'), layoutOptions: { 'elk.port.side': 'NORTH' } }] : []),
        ...outputs.map((output, index) => ({
          id: portId(node.id, output.id),
          layoutOptions: { 'elk.port.side': side, 'elk.port.index': String(index) },
        })),
      ],
    };
  });
  const ports = new Set(children.flatMap((child) => child.ports.map((port) => port.id)));
  const edges = graph.edges.flatMap((edge) => {
    const source = portId(edge.source, edge.sourcePort);
    const target = portId(edge.target, 'in');
    // A connection from a port the config no longer has still counts, from the node itself.
    return [{ id: edge.id, sources: [ports.has(source) ? source : edge.source], targets: [ports.has(target) ? target : edge.target] }];
  });
  const result = await elk.layout({ id: 'root', layoutOptions, children, edges });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of result.children ?? []) positions.set(child.id, { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) });
  return positions;
}
