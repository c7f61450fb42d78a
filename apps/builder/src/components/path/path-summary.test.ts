import { describe, expect, it } from 'vitest';
import { formatDuration, nodeFigures, timeline } from './path-summary';

const step = (id: string, nodeId: string, startedAt: string, durationMs: number | null, outcome: string | null, error: string | null = null, seq: number | null = null) => ({
  id,
  seq,
  nodeId,
  outcome,
  failed: outcome === 'error',
  error,
  startedAt,
  durationMs,
});

const steps = [
  step('c-n1', 'ask', '2026-12-06T10:00:00.000Z', 4000, 'answered'),
  step('c-n2', 'lookup', '2026-12-06T10:00:04.000Z', 300, 'error', 'HTTP 500'),
  step('c-n3', 'ask', '2026-12-06T10:00:05.000Z', 2000, 'answered'),
  step('c-n4', 'orders/greet', '2026-12-06T10:00:07.000Z', 5, 'next'),
];

describe('nodeFigures', () => {
  it('counts runs and time per node, keeps the failure, leaves subflow steps out', () => {
    const figures = nodeFigures(steps);
    expect(figures.get('ask')).toEqual({ runs: 2, totalMs: 6000, lastOutcome: 'answered', error: null, failed: false });
    expect(figures.get('lookup')).toEqual({ runs: 1, totalMs: 300, lastOutcome: 'error', error: 'HTTP 500', failed: true });
    expect(figures.has('orders/greet')).toBe(false);
  });
});

describe('timeline', () => {
  it('puts each message under the step whose recorded seq first covers it, later ones under the last', () => {
    // All in one millisecond, as steps of one workflow activation are: only the seq tells them apart.
    const at = '2026-12-06T10:00:00.000Z';
    const recorded = [step('c-n1', 'start', at, 0, 'next', null, 0), step('c-n2', 'ask', at, 0, 'answered', null, 2), step('c-n3', 'sorry', at, 0, 'next', null, 3), step('c-n4', 'end', at, 0, 'end:resolved', null, 3)];
    const messages = [1, 2, 3, 4].map((seq) => ({ id: `m${seq}`, seq, createdAt: at }));
    expect(timeline(recorded, messages).map((entry) => entry.messages.map((message) => message.id))).toEqual([[], ['m1', 'm2'], ['m3'], ['m4']]);
  });

  it('without recorded seqs, puts each message under the latest step that had started when it was written', () => {
    const messages = [
      { id: 'm0', seq: 1, createdAt: '2026-12-06T09:59:59.000Z' },
      { id: 'm1', seq: 2, createdAt: '2026-12-06T10:00:00.000Z' },
      { id: 'm2', seq: 3, createdAt: '2026-12-06T10:00:04.000Z' },
      { id: 'm3', seq: 4, createdAt: '2026-12-06T10:00:06.000Z' },
    ];
    expect(timeline(steps, messages).map((entry) => [entry.step.id, entry.messages.map((message) => message.id)])).toEqual([
      ['c-n1', ['m0', 'm1']],
      ['c-n2', ['m2']],
      ['c-n3', ['m3']],
      ['c-n4', []],
    ]);
  });
});

describe('formatDuration', () => {
  it('reads at a glance', () => {
    expect([null, 0, 840, 2400, 185_000, 7_440_000].map(formatDuration)).toEqual(['running', '0 ms', '840 ms', '2.4 s', '3 min 5 s', '2 h 4 min']);
  });
});
