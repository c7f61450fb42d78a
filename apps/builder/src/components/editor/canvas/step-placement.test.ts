import { describe, expect, it } from 'vitest';
import { PLACEMENT_GAP, placeStep, type Box } from './step-placement';

const size = { width: 240, height: 80 };

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('placing a new step', () => {
  it('goes to the right of the selected step when that spot is free', () => {
    const anchor = { x: 100, y: 50, width: 240, height: 90 };
    expect(placeStep(size, [anchor], anchor, { x: 0, y: 0 })).toEqual({ x: 100 + 240 + PLACEMENT_GAP, y: 50 });
  });

  it('moves down past a step already sitting there', () => {
    const anchor = { x: 0, y: 0, width: 240, height: 80 };
    const neighbour = { x: 280, y: 0, width: 240, height: 80 };
    const spot = placeStep(size, [anchor, neighbour], anchor, { x: 0, y: 0 });
    expect(spot.x).toBe(280);
    expect(spot.y).toBeGreaterThanOrEqual(80 + PLACEMENT_GAP);
    expect(overlap({ ...spot, ...size }, neighbour)).toBe(false);
  });

  it('uses the fallback point when nothing is selected, avoiding what is there', () => {
    const others = [{ x: 400, y: 300, width: 240, height: 120 }];
    const spot = placeStep(size, others, null, { x: 400, y: 300 });
    expect(spot.x).toBe(400);
    expect(overlap({ ...spot, ...size }, others[0]!)).toBe(false);
  });

  it('never lands on any step, however many are added one after another', () => {
    const anchor = { x: 0, y: 0, width: 240, height: 80 };
    const placed: Box[] = [anchor];
    for (let i = 0; i < 60; i++) {
      const spot = placeStep(size, placed, anchor, { x: 0, y: 0 });
      const box = { ...spot, ...size };
      for (const other of placed) expect(overlap(box, other)).toBe(false);
      placed.push(box);
    }
  });
});
