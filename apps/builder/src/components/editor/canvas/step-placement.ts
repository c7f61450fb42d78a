/**
 * Where a new step goes: next to the selected step (to its right, then further down that column),
 * never on top of another step, so adding from the palette builds the flow where the person is
 * working instead of piling nodes in the middle of the screen.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between a new step and its neighbours (React Flow units). */
export const PLACEMENT_GAP = 40;
const MAX_TRIES = 200;

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function isFree(box: Box, others: readonly Box[], gap: number): boolean {
  return others.every((other) => !overlaps(box, other, gap));
}

/**
 * The top-left corner for a step of `size`: to the right of `anchor` (the selected step), else
 * at `fallback` (the middle of the view); moved down, then across, until it overlaps nothing.
 */
export function placeStep(
  size: { width: number; height: number },
  others: readonly Box[],
  anchor: Box | null,
  fallback: { x: number; y: number },
): { x: number; y: number } {
  const gap = PLACEMENT_GAP;
  const origin = anchor ? { x: anchor.x + anchor.width + gap, y: anchor.y } : fallback;
  const stepY = size.height / 2 + gap / 2;
  const stepX = size.width + gap;
  // Walk down the column next to the anchor; when it is full, try the next column over.
  for (let column = 0; column < 10; column++) {
    for (let row = 0; row < MAX_TRIES / 10; row++) {
      const candidate = { x: origin.x + column * stepX, y: origin.y + row * stepY, ...size };
      if (isFree(candidate, others, gap)) return { x: candidate.x, y: candidate.y };
    }
  }
  // A canvas this crowded has no sensible spot: fall back to beside everything.
  const right = Math.max(origin.x, ...others.map((other) => other.x + other.width));
  return { x: right + gap, y: origin.y };
}
