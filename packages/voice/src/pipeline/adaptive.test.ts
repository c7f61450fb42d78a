import { describe, expect, it } from "vitest";
import { planPipeline } from "./adaptive";

const caps = (over: Partial<Parameters<typeof planPipeline>[0]> = {}) => ({ sampleRate: 16000 as const, noiseSuppressedByBrowser: false, cpuBudget: "normal" as const, ...over });
const calm = { snrDb: null, packetLossPct: 0, jitterMs: 0 };
const base = { hangoverMs: 600 };

describe("planPipeline", () => {
  it("runs every stage by default and resamples only rates other than 16 kHz", () => {
    expect(planPipeline(caps(), calm, base).stages).toEqual(["highpass", "suppress", "vad", "agc"]);
    expect(planPipeline(caps({ sampleRate: 48000 }), calm, base).stages).toEqual(["resample", "highpass", "suppress", "vad", "agc"]);
  });

  it("picks RNNoise's mode from the CPU budget", () => {
    expect(planPipeline(caps({ cpuBudget: "high" }), calm, base).suppress).toBe("rnnoise-48k");
    expect(planPipeline(caps(), calm, base).suppress).toBe("rnnoise-16k");
    expect(planPipeline(caps({ cpuBudget: "low" }), calm, base).suppress).toBe("off");
  });

  it("trusts the browser's suppressor unless the audio is still noisy", () => {
    expect(planPipeline(caps({ noiseSuppressedByBrowser: true }), calm, base).suppress).toBe("off");
    expect(planPipeline(caps({ noiseSuppressedByBrowser: true }), { ...calm, snrDb: 5 }, base).suppress).toBe("rnnoise-16k");
    expect(planPipeline(caps({ cpuBudget: "low" }), { ...calm, snrDb: 3 }, base).suppress).toBe("rnnoise-16k");
  });

  it("bypasses the suppressor on clean input, with hysteresis", () => {
    const off = planPipeline(caps(), { ...calm, snrDb: 40 }, base);
    expect(off.suppress).toBe("off");
    expect(off.reasons.join()).toMatch(/clean/);
    // 32 dB: clean enough to stay off, not clean enough to switch off from on.
    expect(planPipeline(caps(), { ...calm, snrDb: 32 }, base, off).suppress).toBe("off");
    expect(planPipeline(caps(), { ...calm, snrDb: 32 }, base).suppress).toBe("rnnoise-16k");
    expect(planPipeline(caps(), { ...calm, snrDb: 25 }, base, off).suppress).toBe("rnnoise-16k");
  });

  it("lengthens the hangover for jitter and packet loss, bounded", () => {
    expect(planPipeline(caps(), { ...calm, jitterMs: 50 }, base).vad.hangoverMs).toBe(700);
    expect(planPipeline(caps(), { ...calm, jitterMs: 5000, packetLossPct: 20 }, base).vad.hangoverMs).toBe(1200);
  });
});
