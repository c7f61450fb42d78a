import { getNodeKind, outputPortsOf, type FlowGraph, type NodeKind } from '@parley/flow';
import ELK from 'elkjs/lib/elk.bundled.js';

/**
 * Tidies a flow with ELK's layered algorithm, with each step's ports where the canvas draws them
 * (nodes/NodeShell.tsx: the input at the top, the exits along the bottom in the kind's order, or
 * down the right side for kinds that list their exits as rows), so connections leave the right
 * port and cross as little as ELK can manage. Only positions change.
 *
 * The layers run top to bottom, not left to right: every step takes its input at the top and
 * most give their exits at the bottom, so a left-to-right layout would make each connection
 * leave downwards and double back up into the next step.
 */

/** Kinds whose view lists each exit as a row with its handle on the right (understandingViews.tsx). */
const EXITS_ON_THE_RIGHT: ReadonlySet<NodeKind> = new Set(['intent_router']);

export interface StepSize {
  width: number;
  height: number;
}

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
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
    const side = EXITS_ON_THE_RIGHT.has(node.kind) ? 'EAST' : 'SOUTH';
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
