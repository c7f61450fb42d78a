import { describe, expect, it } from 'vitest';
import { floatToPcm16, PcmFramer } from '../../../public/voice/pcm-framer.js';
import { levelDbfs, pcm16ToFloat32 } from '@parley/ui/call';

function sine(rate: number, hz: number, seconds: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

/** Feeds the signal in the 128-sample blocks an AudioWorklet gets. */
function frame(framer: PcmFramer, input: Float32Array): ArrayBuffer[] {
  const frames: ArrayBuffer[] = [];
  for (let at = 0; at < input.length; at += 128) frames.push(...framer.push(input.subarray(at, at + 128)));
  return frames;
}

describe('PcmFramer (the capture worklet)', () => {
  it.each([48000, 44100, 16000])('turns one second at %i Hz into fifty 20 ms frames of 16 kHz PCM16', (rate) => {
    const frames = frame(new PcmFramer(rate), sine(rate, 440, 1));
    // The last output sample waits for the next input: 49 full frames + 319 samples of the 50th.
    expect(frames.length).toBeGreaterThanOrEqual(49);
    expect(frames.length).toBeLessThanOrEqual(50);
    for (const f of frames) expect(f.byteLength).toBe(640);
  });

  it('keeps speech-band tones at their level and their pitch', () => {
    const frames = frame(new PcmFramer(48000), sine(48000, 1000, 0.5, 0.5));
    const samples = pcm16ToFloat32(frames.reduce((all, f) => new Uint8Array([...new Uint8Array(all), ...new Uint8Array(f)]).buffer, new ArrayBuffer(0)));
    // A 0.5 sine is −9 dBFS RMS; the box filter costs a fraction of a dB at 1 kHz.
    expect(levelDbfs(samples)).toBeGreaterThan(-10);
    expect(levelDbfs(samples)).toBeLessThan(-8.5);
    // 1 kHz at 16 kHz: a zero crossing upwards every 16 samples.
    let crossings = 0;
    for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 && samples[i]! >= 0) crossings++;
    expect(crossings / (samples.length / 16000)).toBeCloseTo(1000, -1);
  });

  it('attenuates what would alias (a 7.5 kHz tone from 48 kHz)', () => {
    const frames = frame(new PcmFramer(48000), sine(48000, 7500, 0.5, 0.5));
    const samples = new Float32Array(frames.flatMap((f) => [...pcm16ToFloat32(f)]));
    expect(levelDbfs(samples)).toBeLessThan(-9 - 3);
  });

  it('refuses to upsample', () => {
    expect(() => new PcmFramer(8000)).toThrow(/cannot upsample/);
  });

  it('converts floats to 16-bit little-endian samples, clamped', () => {
    expect([1, 2, -1, -3, 0, 0.5].map(floatToPcm16)).toEqual([32767, 32767, -32768, -32768, 0, 16384]);
    const bytes = new Int16Array([1, -2, 32767]).buffer;
    expect(new DataView(bytes).getInt16(2, true)).toBe(-2);
    expect([...pcm16ToFloat32(bytes)]).toEqual([1 / 32768, -2 / 32768, 32767 / 32768]);
  });
});
