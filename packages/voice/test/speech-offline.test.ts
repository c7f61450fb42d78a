/**
 * The offline engines for real: Whisper tiny.en (faster-whisper in a Python helper, model from the
 * PyPI wheel installed by setup into .tools/speech) and espeak-ng, on speech espeak-ng generates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EspeakTextToSpeech, SpeechProviderError, WhisperSpeechToText, createSpeechProviders, transcribe, wordErrorRate } from "../src/index";
import { speak } from "./support/speech-audio";
import { ownWhisperHelpers } from "./support/whisper-helpers";

const stt = new WhisperSpeechToText({ partialIntervalMs: 500 });
beforeAll(() => stt.warmUp(), 120_000);
afterAll(() => stt.close());

async function collect(chunks: AsyncIterable<Int16Array>): Promise<{ audio: Int16Array; chunks: number }> {
  const parts: Int16Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const audio = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    audio.set(part, offset);
    offset += part.length;
  }
  return { audio, chunks: parts.length };
}

describe("offline speech-to-text (Whisper tiny.en)", () => {
  it("transcribes a recording with word timings and confidence", async () => {
    const sentence = "Please connect me with a customer service agent";
    const audio = await speak(sentence);
    const result = await transcribe(stt, audio);
    console.log(`[speech] "${result.text}" confidence ${result.confidence.toFixed(2)}`);
    expect(result.engine).toBe("whisper-tiny.en");
    expect(wordErrorRate(sentence, result.text)).toBeLessThanOrEqual(0.2);
    expect(result.confidence).toBeGreaterThan(0.3);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.words.length).toBeGreaterThanOrEqual(6);
    const durationMs = (audio.length / 16_000) * 1000;
    for (const [i, word] of result.words.entries()) {
      expect(word.endMs).toBeGreaterThanOrEqual(word.startMs);
      expect(word.endMs).toBeLessThanOrEqual(durationMs + 100);
      if (i > 0) expect(word.startMs).toBeGreaterThanOrEqual(result.words[i - 1]!.startMs);
      expect(word.confidence).toBeGreaterThan(0);
    }
    // "agent" is said last: its timing must be in the last half of the clip.
    expect(result.words.at(-1)!.word.toLowerCase()).toContain("agent");
    expect(result.words.at(-1)!.startMs).toBeGreaterThan(durationMs / 2);
  });

  it("streams partial results while audio arrives at real-time pace", async () => {
    const sentence = "I would like to check the status of my order please";
    const audio = await speak(sentence);
    const session = await stt.start();
    const partials: string[] = [];
    session.onPartial((text) => partials.push(text));
    for (let offset = 0; offset < audio.length; offset += 1600) {
      session.write(audio.subarray(offset, offset + 1600));
      await new Promise((resolve) => setTimeout(resolve, 100)); // 100 ms of audio every 100 ms
    }
    const final = await session.finish();
    console.log(`[speech] partials: ${JSON.stringify(partials)} final: "${final.text}"`);
    expect(partials.length).toBeGreaterThanOrEqual(1);
    expect(wordErrorRate(sentence, final.text)).toBeLessThanOrEqual(0.2);
  });

  it("takes the phrase list as hot words: a product name it mishears alone comes out spelt right", async () => {
    const audio = await speak("My Parley account is locked");
    const plain = await transcribe(stt, audio);
    const biased = await transcribe(stt, audio, { phrases: ["Parley"] });
    console.log(`[speech] without phrases: "${plain.text}", with ["Parley"]: "${biased.text}"`);
    expect(biased.text).toMatch(/\bParley\b/i);
  });

  it("returns an empty transcript for silence instead of inventing words", async () => {
    const result = await transcribe(stt, new Int16Array(16_000));
    expect(result.text.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(1);
    expect(await transcribe(stt, new Int16Array(400))).toMatchObject({ text: "", confidence: 0, words: [] });
  });

  it("refuses languages it does not speak and audio that is not PCM16", async () => {
    await expect(stt.start({ language: "de-DE" })).rejects.toMatchObject({ kind: "bad-request" });
    const session = await stt.start({ language: "en-GB" });
    expect(() => session.write(new Float32Array(10) as unknown as Int16Array)).toThrow(/Int16Array/);
    session.close();
  });

  it("survives a helper dying: the decode in flight fails as a retryable engine error, the helper is replaced", async () => {
    const sentence = "I want to cancel my subscription today";
    const audio = await speak(sentence);
    const session = await stt.start();
    session.write(audio);
    const inFlight = session.finish();
    const busy = stt.poolStats().helpers.findIndex((h) => h.inFlight > 0);
    const killed = stt.poolStats().helpers[busy]!.pid!;
    expect(ownWhisperHelpers()).toContain(killed);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.kill(killed, "SIGKILL");
    await expect(inFlight).rejects.toMatchObject({ kind: "engine", retryable: true, message: expect.stringMatching(/exited/) });
    const after = await transcribe(stt, audio);
    expect(wordErrorRate(sentence, after.text)).toBeLessThanOrEqual(0.2);
    expect(stt.poolStats().helpers[busy]).toMatchObject({ replaced: 1 });
    expect(ownWhisperHelpers()).not.toContain(killed);
  });

  it("reports a missing Python as an engine error, not a crash", async () => {
    const broken = new WhisperSpeechToText({ python: "/nonexistent/python3" });
    const error = await broken.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechProviderError);
    expect(error).toMatchObject({ kind: "engine", retryable: true });
    expect((error as Error).message).toMatch(/not found/);
    await broken.close();
  });
});

describe("offline text-to-speech (espeak-ng)", () => {
  const tts = new EspeakTextToSpeech({ sampleRate: 16_000 });

  it("speaks text at the provider's rate, and Whisper hears what it said", async () => {
    const sentence = "Your refund was approved and will arrive in three days";
    const { audio, chunks } = await collect(tts.synthesize({ text: sentence }));
    expect(chunks).toBeGreaterThanOrEqual(1);
    expect(audio.length / tts.sampleRate).toBeGreaterThan(2);
    expect(audio.length / tts.sampleRate).toBeLessThan(6);
    const heard = await transcribe(stt, audio);
    expect(wordErrorRate(sentence, heard.text)).toBeLessThanOrEqual(0.25);
  });

  it("renders SSML: Azure-only tags are dropped, a break adds its pause", async () => {
    const plain = await collect(tts.synthesize({ text: "Hello there" }));
    const ssml =
      '<speak version="1.0" xmlns:mstts="https://www.w3.org/2001/mstts"><voice name="en-US-JennyNeural">' +
      '<mstts:express-as style="cheerful">Hello <break time="800ms"/> there</mstts:express-as></voice></speak>';
    const paused = await collect(tts.synthesize({ text: "", ssml }));
    const extraMs = ((paused.audio.length - plain.audio.length) / 16_000) * 1000;
    expect(extraMs).toBeGreaterThan(500);
    expect(extraMs).toBeLessThan(1200);
    const heard = await transcribe(stt, paused.audio);
    expect(heard.text.toLowerCase()).not.toMatch(/express|cheerful|jenny|mstts/);
  });

  it("stops the engine when aborted (barge-in) and ends quietly", async () => {
    const controller = new AbortController();
    let samples = 0;
    for await (const chunk of tts.synthesize({ text: "This is a long answer. ".repeat(40) }, controller.signal)) {
      samples += chunk.length;
      controller.abort();
    }
    expect(samples).toBeGreaterThan(0);
    expect(samples / 16_000).toBeLessThan(10); // the whole text is over a minute long
  });

  it("speaks Azure voice names in its default voice and refuses voices it does not have", async () => {
    const azureVoice = await collect(tts.synthesize({ text: "Hello", voice: "en-US-JennyNeural" }));
    expect(azureVoice.audio.length).toBeGreaterThan(0);
    const british = await collect(tts.synthesize({ text: "Hello", voice: "en-gb" }));
    expect(british.audio).not.toEqual(azureVoice.audio);
    await expect(collect(tts.synthesize({ text: "Hello", voice: "xx-nosuch" }))).rejects.toMatchObject({ kind: "bad-request" });
  });

  it("refuses empty and oversized requests, and names a missing binary", async () => {
    await expect(collect(tts.synthesize({ text: "  " }))).rejects.toMatchObject({ kind: "bad-request" });
    await expect(collect(tts.synthesize({ text: "a".repeat(6000) }))).rejects.toMatchObject({ kind: "bad-request" });
    const missing = new EspeakTextToSpeech({ binary: "/nonexistent/espeak-ng" });
    await expect(collect(missing.synthesize({ text: "hi" }))).rejects.toMatchObject({ kind: "engine", message: expect.stringMatching(/not installed/) });
  });

  it("is what createSpeechProviders gives when no Azure key is set", async () => {
    const providers = createSpeechProviders({ ttsSampleRate: 16_000 });
    expect(providers.stt.name).toBe("whisper-tiny.en");
    expect(providers.tts).toMatchObject({ name: "espeak-ng", sampleRate: 16_000 });
    await providers.stt.close?.();
    expect(() => createSpeechProviders({ azure: { key: "", region: "westeurope" } })).toThrow();
    // The pool is sized by the offline options, and nothing starts before the first utterance.
    const pooled = createSpeechProviders({ offline: { poolSize: 3 } }).stt as WhisperSpeechToText;
    expect(pooled.poolStats()).toMatchObject({ size: 3, busy: 0 });
    expect(pooled.poolStats().helpers.map((h) => h.state)).toEqual(["cold", "cold", "cold"]);
    await pooled.close();
    expect(() => createSpeechProviders({ offline: { poolSize: 0 } })).toThrow();
  });
});
