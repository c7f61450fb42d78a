import { describe, expect, it } from 'vitest';
import { cycleIndex, findSteps } from './step-search';

const steps = [
  { id: 'start', kind: 'start' as const },
  { id: 'greet_1', kind: 'message' as const, label: 'Greeting' },
  { id: 'ask_topic', kind: 'ask' as const, label: 'What is it about?' },
  { id: 'handoff_x', kind: 'handoff' as const },
];

describe('finding steps', () => {
  it('matches the label, the kind, the kind label and the id, ignoring case', () => {
    expect(findSteps(steps, 'greet')).toEqual(['greet_1']);
    expect(findSteps(steps, 'ABOUT')).toEqual(['ask_topic']);
    expect(findSteps(steps, 'handoff')).toEqual(['handoff_x']);
    expect(findSteps(steps, 'ask_to')).toEqual(['ask_topic']);
    expect(findSteps(steps, 'message')).toEqual(['greet_1']);
  });

  it('finds nothing for an empty query', () => {
    expect(findSteps(steps, '   ')).toEqual([]);
  });

  it('cycles through matches in both directions', () => {
    expect(cycleIndex(-1, 3, 1)).toBe(0);
    expect(cycleIndex(2, 3, 1)).toBe(0);
    expect(cycleIndex(0, 3, -1)).toBe(2);
    expect(cycleIndex(-1, 3, -1)).toBe(2);
    expect(cycleIndex(0, 0, 1)).toBe(-1);
  });
});
