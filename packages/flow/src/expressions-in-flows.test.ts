import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { validateFlow } from './validate';
import { flowVariables } from './validation/stored-variables';

/** start → ask age → set_variable → condition (if adult / else) → two messages → end. */
function flow(condition: Record<string, unknown>, assignments = 'age_years = number(age)'): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: {} },
      { id: 'ask', kind: 'ask', position: { x: 0, y: 150 }, config: { question: 'Age?', variable: 'age' } },
      { id: 'compute', kind: 'set_variable', position: { x: 0, y: 300 }, config: { assignments } },
      { id: 'check', kind: 'condition', position: { x: 0, y: 450 }, config: condition },
      { id: 'adult', kind: 'message', position: { x: -150, y: 600 }, config: { text: 'Welcome, {{age_years}}.' } },
      { id: 'minor', kind: 'message', position: { x: 150, y: 600 }, config: { text: 'Sorry.' } },
      { id: 'end', kind: 'end', position: { x: 0, y: 750 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'ask' },
      { id: 'e2', source: 'ask', sourcePort: 'answered', target: 'compute' },
      { id: 'e3', source: 'compute', sourcePort: 'next', target: 'check' },
      { id: 'e4', source: 'check', sourcePort: 'if', target: 'adult' },
      { id: 'e5', source: 'check', sourcePort: 'else', target: 'minor' },
      { id: 'e6', source: 'adult', sourcePort: 'next', target: 'end' },
      { id: 'e7', source: 'minor', sourcePort: 'next', target: 'end' },
    ],
  };
}

const codes = (graph: FlowGraph) => validateFlow(graph).issues.map((issue) => [issue.severity, issue.code, issue.nodeId, issue.field]);

describe('expressions in flows', () => {
  it('accepts a condition with unused "else if" branches left unconnected, and assigned variables in templates', () => {
    expect(validateFlow(flow({ if: 'age_years >= 18' })).issues).toEqual([]);
  });

  it('requires a connection for an "else if" branch that is in use', () => {
    expect(codes(flow({ if: 'age_years >= 18', elseIf1: 'age_years >= 16' }))).toEqual([['error', 'port.unconnected', 'check', undefined]]);
  });

  it('reports syntax errors on the field, type errors and unknown variables as errors (a condition over a variable nothing sets can never be true)', () => {
    expect(codes(flow({ if: 'age_years >=' }))).toEqual([['error', 'config.invalid', 'check', 'if']]);
    expect(codes(flow({ if: 'age_years + 1' }))).toEqual([['error', 'expression.type', 'check', 'if']]);
    expect(codes(flow({ if: 'agee >= 18' }))).toEqual([['error', 'expression.unknown_variable', 'check', 'if']]);
    expect(codes(flow({ if: 'true' }, 'total = price * 2'))).toEqual([
      ['error', 'expression.unknown_variable', 'compute', 'assignments'],
      ['warning', 'template.unknown_variable', 'adult', 'text'], // nothing sets age_years now
    ]);
    expect(codes(flow({ if: 'true' }, 'oops'))).toEqual([
      ['error', 'config.invalid', 'compute', 'assignments'],
      ['warning', 'template.unknown_variable', 'adult', 'text'],
    ]);
    expect(validateFlow(flow({ if: 'true' }, 'oops')).issues[0]?.message).toMatch(/Line 1: write name = expression/);
  });

  it('knows a CSAT rating is a number', () => {
    const graph = flow({ if: 'csat >= 4' }, 'age_years = csat * 10');
    graph.nodes[1] = { id: 'ask', kind: 'csat', position: { x: 0, y: 150 }, config: {} };
    graph.edges[1] = { id: 'e2', source: 'ask', sourcePort: 'next', target: 'compute' };
    expect(validateFlow(graph).issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    graph.nodes[3]!.config = { if: 'csat == "great"' };
    expect(codes(graph)).toContainEqual(['error', 'expression.type', 'check', 'if']);
  });
});

describe('flowVariables', () => {
  it('lists what the steps, start variables and built-ins set, with types, even in a half-edited graph', () => {
    const graph = flow({ if: 'true' });
    graph.nodes[0]!.config = { variables: 'vip = false' };
    graph.nodes[1] = { id: 'ask', kind: 'csat', position: { x: 0, y: 150 }, config: {} };
    const variables = flowVariables({ ...graph, nodes: [...graph.nodes, { id: 'broken', kind: 'teleport' }] });
    expect(Object.fromEntries(variables)).toMatchObject({ vip: 'unknown', csat: 'number', age_years: 'unknown', last_message: 'string' });
    expect(variables.has('age')).toBe(false);
  });
});
