import { demoSupportFlow } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { layoutSteps } from './auto-layout';

describe('auto-layout', () => {
  it('places every step of a real flow top to bottom without two overlapping', async () => {
    const graph = demoSupportFlow;
    const size = { width: 240, height: 120 };
    const positions = await layoutSteps(graph, () => size);
    expect([...positions.keys()].sort()).toEqual(graph.nodes.map((node) => node.id).sort());
    const boxes = [...positions.values()];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const apart = a.x + size.width <= b.x || b.x + size.width <= a.x || a.y + size.height <= b.y || b.y + size.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    // Top to bottom: each connection's target sits below its source, except the one
    // loop back (a conversation the agent returns to the bot asks the topic again).
    for (const edge of graph.edges.filter((e) => !(e.source === 'handoff' && e.target === 'ask_topic'))) {
      const source = positions.get(edge.source)!;
      const target = positions.get(edge.target)!;
      expect(target.y).toBeGreaterThan(source.y);
    }
  });
});
