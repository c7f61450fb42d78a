import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { parseSkillList } from './kinds/handoff';
import { validateFlow } from './validate';

/** start → handoff (team, skills) → end on both exits. */
function handoffFlow(team: string, skills: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: {} },
      { id: 'human', kind: 'handoff', position: { x: 0, y: 100 }, config: { team, skills } },
      { id: 'end', kind: 'end', position: { x: 0, y: 200 }, config: { status: 'resolved' } },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'human' },
      { id: 'e2', source: 'human', sourcePort: 'resolved', target: 'end' },
      { id: 'e3', source: 'human', sourcePort: 'returned', target: 'end' },
    ],
  };
}

const workspace = { teams: ['Support', 'Billing'], skills: ['english', 'billing', 'german'] };

describe('handoff checks against the workspace', () => {
  it('accepts a team and skills the workspace has', () => {
    expect(validateFlow(handoffFlow('Billing', 'billing, german'), workspace).issues).toEqual([]);
  });

  it('reports an unknown team and unknown skills on the node and field', () => {
    const issues = validateFlow(handoffFlow('Sales', 'billing, french, klingon'), workspace).issues;
    expect(issues.map((issue) => [issue.code, issue.nodeId, issue.field, issue.severity])).toEqual([
      ['handoff.unknown_team', 'human', 'team', 'error'],
      ['handoff.unknown_skill', 'human', 'skills', 'error'],
    ]);
    expect(issues[0]!.message).toContain('no team "Sales"');
    expect(issues[1]!.message).toContain('"french", "klingon"');
  });

  it('skips the check without the workspace (run time, tests)', () => {
    expect(validateFlow(handoffFlow('Sales', 'french')).issues).toEqual([]);
  });

  it('reads the stored skill list forgivingly', () => {
    expect(parseSkillList(' billing,, german ,billing ')).toEqual(['billing', 'german']);
    expect(parseSkillList('')).toEqual([]);
  });
});
