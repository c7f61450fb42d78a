import { describe, expect, it } from 'vitest';
import { EnergyDetector } from './energy-detector';

function run(detector: EnergyDetector, levels: number[]): Array<'start' | 'end' | null> {
  return levels.map((level) => detector.push(level));
}

describe('EnergyDetector (the fallback VAD)', () => {
  it('starts on a few loud frames over the noise floor and ends after a quiet stretch', () => {
    const detector = new EnergyDetector({ startFrames: 3, endFrames: 5 });
    const events = run(detector, [...Array(50).fill(-70), ...Array(10).fill(-25), ...Array(6).fill(-70)]);
    expect(events.indexOf('start')).toBe(52);
    expect(events.indexOf('end')).toBe(64);
    expect(events.filter(Boolean)).toEqual(['start', 'end']);
  });

  it('ignores a single click and stays quiet in steady noise, even loud noise', () => {
    const detector = new EnergyDetector();
    expect(run(detector, [-70, -70, -20, -70, -70]).filter(Boolean)).toEqual([]);
    const noisy = new EnergyDetector();
    expect(run(noisy, Array(500).fill(-35)).filter(Boolean)).toEqual([]);
  });

  it('treats silence (−Infinity) as quiet', () => {
    const detector = new EnergyDetector({ startFrames: 1, endFrames: 1 });
    expect(run(detector, [-Infinity, -20, -Infinity])).toEqual([null, 'start', 'end']);
  });
});
