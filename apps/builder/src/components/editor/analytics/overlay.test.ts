import { describe, expect, it } from 'vitest';
import { nodeBadges, shortDuration, shortPercent, weightedEdges } from './overlay';

describe('nodeBadges', () => {
  it('gives drop-off as a share of every conversation in the range', () => {
    const badges = nodeBadges([{ nodeId: 'ask', visits: 4, exits: 1, errors: 0, p50Ms: 10, p95Ms: 20 }], 8);
    expect(badges.get('ask')).toEqual({ visits: 4, dropOffPercent: 12.5, errors: 0, p50Ms: 10, p95Ms: 20 });
    expect(nodeBadges([{ nodeId: 'a', visits: 0, exits: 0, errors: 0, p50Ms: null, p95Ms: null }], 0).get('a')!.dropOffPercent).toBe(0);
  });
});

describe('weightedEdges', () => {
  it('draws the busiest edge thickest, matches by source, port and target, and fades unused ones', () => {
    const edges = [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'ask' },
      { id: 'e2', source: 'ask', sourceHandle: 'answered', target: 'end' },
      { id: 'e3', source: 'ask', sourceHandle: 'timeout', target: 'end', className: 'edgeError' },
    ];
    const traffic = [
      { source: 'start', port: 'next', target: 'ask', count: 4 },
      { source: 'ask', port: 'answered', target: 'end', count: 1 },
    ];
    const weighted = weightedEdges(edges, traffic, 'faded');
    expect(weighted.map((edge) => [edge.label, edge.style?.strokeWidth, edge.className])).toEqual([
      ['4', 7, undefined],
      ['1', 2.88, undefined],
      ['0', 1.5, 'edgeError faded'],
    ]);
  });
});

describe('formatting', () => {
  it('keeps badge figures short', () => {
    expect([shortDuration(null), shortDuration(12.4), shortDuration(1450), shortDuration(125_000)]).toEqual(['–', '12 ms', '1.4 s', '2 min']);
    expect([shortPercent(0), shortPercent(0.42), shortPercent(33.3)]).toEqual(['0%', '0.4%', '33%']);
  });
});
