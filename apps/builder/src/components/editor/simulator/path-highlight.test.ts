import { describe, expect, it } from 'vitest';
import { litPath } from './path-highlight';

const edges = [
  { id: 'e1', source: 'start', sourceHandle: 'next', target: 'ask' },
  { id: 'e2', source: 'ask', sourceHandle: 'answered', target: 'done' },
  { id: 'e3', source: 'ask', sourceHandle: 'timeout', target: 'sorry' },
];

describe('litPath', () => {
  it('lights the steps run, the connections taken and the step waiting now', () => {
    const path = litPath(
      [
        { nodeId: 'start', outcome: 'next' },
        { nodeId: 'ask', outcome: null },
      ],
      edges,
    );
    expect([...path.visited]).toEqual(['start', 'ask']);
    expect([...path.followed]).toEqual(['e1']);
    expect(path.current).toBe('ask');
  });

  it('follows the port a step left by, has no current step once ended, and skips subflow steps', () => {
    const path = litPath(
      [
        { nodeId: 'start', outcome: 'next' },
        { nodeId: 'ask', outcome: 'timeout' },
        { nodeId: 'sorry/inner', outcome: 'next' },
        { nodeId: 'sorry', outcome: 'end:closed' },
      ],
      edges,
    );
    expect([...path.followed]).toEqual(['e1', 'e3']);
    expect(path.visited.has('sorry/inner')).toBe(false);
    expect(path.current).toBeNull();
  });
});
