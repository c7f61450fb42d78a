import { describe, expect, it } from 'vitest';
import { SendGate, type GateInput } from './send-gate';

const frame = (n: number) => new Int16Array([n]).buffer;
const id = (frames: ArrayBuffer[]) => frames.map((f) => new Int16Array(f)[0]);
const auto: GateInput = { mode: 'auto', muted: false, pttHeld: false, speaking: false, detectorReady: true };

describe('SendGate', () => {
  it('sends everything until a local detector runs', () => {
    const gate = new SendGate();
    expect(id(gate.push(frame(1), { ...auto, detectorReady: false }))).toEqual([1]);
  });

  it('hands-free: holds quiet frames, sends a pre-roll when speech starts, then a tail after it ends', () => {
    const gate = new SendGate(3, 2);
    for (let n = 1; n <= 5; n++) expect(gate.push(frame(n), auto)).toEqual([]);
    // The three frames before the detector fired go first, then the current one.
    expect(id(gate.push(frame(6), { ...auto, speaking: true }))).toEqual([3, 4, 5, 6]);
    expect(id(gate.push(frame(7), { ...auto, speaking: true }))).toEqual([7]);
    expect(id(gate.push(frame(8), auto))).toEqual([8]);
    expect(id(gate.push(frame(9), auto))).toEqual([9]);
    expect(gate.push(frame(10), auto)).toEqual([]);
  });

  it('push-to-talk: sends only while held (with the pre-roll), whatever the detector says', () => {
    const gate = new SendGate(2, 2);
    const ptt: GateInput = { ...auto, mode: 'push-to-talk' };
    expect(gate.push(frame(1), { ...ptt, speaking: true })).toEqual([]);
    expect(gate.push(frame(2), ptt)).toEqual([]);
    expect(id(gate.push(frame(3), { ...ptt, pttHeld: true }))).toEqual([1, 2, 3]);
    expect(gate.push(frame(4), ptt)).toEqual([]);
  });

  it('muted: nothing, and nothing of it leaks into the next pre-roll', () => {
    const gate = new SendGate(3, 0);
    expect(gate.push(frame(1), { ...auto, muted: true, speaking: true, pttHeld: true })).toEqual([]);
    expect(gate.push(frame(2), { ...auto, muted: true })).toEqual([]);
    expect(id(gate.push(frame(3), { ...auto, speaking: true }))).toEqual([3]);
  });
});
