/**
 * The Whisper pool for real: two helper processes (faster-whisper, tiny.en), espeak-ng speech.
 * Parallelism is shown by counters and CPU accounting, never by how long anything took.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WhisperSpeechToText, wordErrorRate, type RecognitionSession } from "../src/index";
import { speak } from "./support/speech-audio";
import { cpuTicks, ownWhisperHelpers } from "./support/whisper-helpers";

const stt = new WhisperSpeechToText({ poolSize: 2, partialIntervalMs: 500 });
const sentences = ["I would like to check the status of my order please", "My credit card was charged twice for the same item"];
let clips: Int16Array[] = [];

beforeAll(async () => {
  clips = await Promise.all(sentences.map((s) => speak(s)));
  await stt.warmUp();
}, 120_000);
afterAll(() => stt.close());

/** One session per clip, all audio written, nothing finished yet. */
async function callersAtEndOfTurn(audio: Int16Array[]): Promise<RecognitionSession[]> {
  const sessions = await Promise.all(audio.map(() => stt.start()));
  sessions.forEach((session, i) => session.write(audio[i]!));
  return sessions;
}

describe("Whisper pool of two helpers", () => {
  it("warms up two single-threaded helpers on two cores", () => {
    const stats = stt.poolStats();
    expect(stats.helpers.map((h) => h.state)).toEqual(["ready", "ready"]);
    expect(new Set(stats.helpers.map((h) => h.pid)).size).toBe(2);
    expect(ownWhisperHelpers().sort()).toEqual(stats.helpers.map((h) => h.pid).sort());
  });

  it("runs two callers' final decodes at once, one per helper, both with the right words", async () => {
    const before = stt.poolStats();
    const pids = before.helpers.map((h) => h.pid!);
    const cpuBefore = pids.map(cpuTicks);
    const sessions = await callersAtEndOfTurn(clips);
    const finals = sessions.map((s) => s.finish());
    // Both requests are on their way to different helpers before either has answered.
    expect(stt.poolStats()).toMatchObject({ busy: 2, helpers: [{ inFlight: 1 }, { inFlight: 1 }] });
    const results = await Promise.all(finals);
    results.forEach((result, i) => {
      console.log(`[pool] "${result.text}"`);
      expect(wordErrorRate(sentences[i]!, result.text)).toBeLessThanOrEqual(0.2);
    });
    const after = stt.poolStats();
    expect(after.peakBusy).toBe(2);
    expect(after.helpers.map((h, i) => h.finals - before.helpers[i]!.finals)).toEqual([1, 1]);
    // Each helper process really decoded: both burnt CPU time during the batch.
    pids.forEach((pid, i) => expect(cpuTicks(pid)).toBeGreaterThan(cpuBefore[i]!));
  });

  it("skips partial re-decodes while every helper is busy with a final", async () => {
    const sessions = await callersAtEndOfTurn(clips);
    const finals = sessions.map((s) => s.finish());
    const listener = await stt.start();
    const partials: string[] = [];
    listener.onPartial((text) => partials.push(text));
    const partialsBefore = stt.poolStats().helpers.map((h) => h.partials);
    listener.write(clips[0]!); // ~3 s of audio: a partial is due, but no helper is idle
    expect(stt.poolStats().helpers.map((h) => h.partials)).toEqual(partialsBefore);
    expect(stt.poolStats().helpers.map((h) => h.inFlight)).toEqual([1, 1]);
    await Promise.all(finals);
    listener.close();
    expect(partials).toEqual([]);
  });

  it("replaces a helper killed mid-decode: its caller gets an engine error, the other caller its words", async () => {
    const sessions = await callersAtEndOfTurn(clips);
    const finals = sessions.map((s) => s.finish().then((t) => t, (e: unknown) => e));
    const victim = stt.poolStats().helpers[0]!.pid!;
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(victim, "SIGKILL");
    const [failed, served] = await Promise.all(finals);
    expect(failed).toMatchObject({ kind: "engine", retryable: true, message: expect.stringMatching(/exited/) });
    expect(wordErrorRate(sentences[1]!, (served as { text: string }).text)).toBeLessThanOrEqual(0.2);
    // Replaced without waiting for the next request: the pool starts it as soon as it died.
    expect(stt.poolStats().helpers[0]).toMatchObject({ replaced: 1 });
    await vi.waitFor(() => expect(stt.poolStats().helpers[0]!.state).toBe("ready"), { timeout: 60_000, interval: 100 });
    const replacement = stt.poolStats().helpers[0]!.pid!;
    expect(replacement).not.toBe(victim);
    expect(ownWhisperHelpers().sort()).toEqual([replacement, stt.poolStats().helpers[1]!.pid!].sort());
  });
});
