import type { FlowEdge, FlowGraph, FlowNode } from '../src/graph';
import type { FlowIssue, FlowValidation } from '../src/issues';

/**
 * A small valid flow, fresh on every call so tests can break it freely:
 *   nodes[0] start ─next→ nodes[1] hello (message) ─next→ nodes[2] ask (stores `name`)
 *   ─answered→ nodes[3] bye (message, uses {{name}}) ─next→ nodes[4] end
 * edges e1..e4 are edges[0..3] in that order.
 */
export function baseFlow(): FlowGraph {
  const node = (id: string, kind: FlowNode['kind'], config: Record<string, unknown>, y: number): FlowNode => ({
    id,
    kind,
    position: { x: 0, y },
    config,
  });
  const edge = (id: string, source: string, sourcePort: string, target: string): FlowEdge => ({
    id,
    source,
    sourcePort,
    target,
  });
  return {
    schemaVersion: 1,
    nodes: [
      node('start', 'start', {}, 0),
      node('hello', 'message', { text: 'Hello there!' }, 140),
      node('ask', 'ask', { question: 'What is your name?', variable: 'name' }, 280),
      node('bye', 'message', { text: 'Bye {{ name }}!' }, 420),
      node('end', 'end', { status: 'closed' }, 560),
    ],
    edges: [
      edge('e1', 'start', 'next', 'hello'),
      edge('e2', 'hello', 'next', 'ask'),
      edge('e3', 'ask', 'answered', 'bye'),
      edge('e4', 'bye', 'next', 'end'),
    ],
  };
}

/** Codes of all issues, in reported order. */
export const codes = (result: FlowValidation): string[] => result.issues.map((i) => i.code);

/** The single issue with `code`; fails loudly if there are none or several. */
export function only(result: FlowValidation, code: FlowIssue['code']): FlowIssue {
  const found = result.issues.filter((i) => i.code === code);
  if (found.length !== 1) {
    throw new Error(`expected exactly one ${code} issue, got ${found.length}: ${JSON.stringify(result.issues, null, 2)}`);
  }
  return found[0]!;
}

/** Structured clone for plain JSON values (tests mutate copies, never shared fixtures). */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
