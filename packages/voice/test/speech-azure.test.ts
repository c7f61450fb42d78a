/**
 * The Azure providers on the real microsoft-cognitiveservices-speech-sdk, against a local server
 * that speaks the SDK's WebSocket protocol (test/support/azure-speech-server.ts). The fake's
 * "recognition" is the real offline engine run on the audio the SDK delivered, so a right answer
 * means the audio crossed the wire intact.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AzureSpeechToText,
  AzureTextToSpeech,
  EspeakTextToSpeech,
  FallbackSpeechToText,
  FallbackTextToSpeech,
  SpeechProviderError,
  WhisperSpeechToText,
  createSpeechProviders,
  transcribe,
  wordErrorRate,
  type FallbackEvent,
} from "../src/index";
import { startAzureSpeechServer, type AzureSpeechServer } from "./support/azure-speech-server";
import { speak } from "./support/speech-audio";

const KEY = "test-key-0123456789";
const whisper = new WhisperSpeechToText({ partialIntervalMs: 0 });
let server: AzureSpeechServer;
let sentenceAudio: Int16Array;
const SENTENCE = "My credit card was charged twice for the same item";

beforeAll(async () => {
  await whisper.warmUp();
  server = await startAzureSpeechServer({
    key: KEY,
    transcribe: async (audio, context) => {
      const result = await transcribe(whisper, audio, { phrases: context.phrases });
      return { text: result.text, confidence: result.confidence, words: result.words };
    },
  });
  sentenceAudio = await speak(SENTENCE);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await whisper.close();
});
beforeEach(() => {
  server.turns.length = 0;
  server.handshakes.accepted = 0;
  server.handshakes.rejected = 0;
  server.connections.length = 0;
});

const azure = (key = KEY) => ({ key, region: "westeurope", endpoint: server.origin });

/** Synthesis connections only: a recognizer's pre-opened connection may land at any time. */
const ttsConnections = () => server.connections.filter((c) => c.path.startsWith("/tts/"));

async function collect(chunks: AsyncIterable<Int16Array>): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Int16Array.from(parts.flatMap((p) => [...p]));
}

describe("Azure speech-to-text over the SDK's protocol", () => {
  it("streams a push stream in continuous recognition: partials, final with confidence and word timings, phrase list", async () => {
    const stt = new AzureSpeechToText(azure());
    const session = await stt.start({ language: "en-US", phrases: ["Parley", "order 4711"] });
    const partials: string[] = [];
    session.onPartial((text) => partials.push(text));
    for (let offset = 0; offset < sentenceAudio.length; offset += 1600) session.write(sentenceAudio.subarray(offset, offset + 1600));
    const result = await session.finish();
    await stt.close();

    expect(result.engine).toBe("azure");
    expect(wordErrorRate(SENTENCE, result.text)).toBeLessThanOrEqual(0.2);
    expect(result.confidence).toBeGreaterThan(0.3);
    expect(result.words.length).toBeGreaterThanOrEqual(8);
    expect(result.words[0]!.startMs).toBeLessThan(result.words.at(-1)!.startMs);
    expect(partials.length).toBeGreaterThanOrEqual(3);
    expect(partials.at(-1)!.split(" ").length).toBeGreaterThan(partials[0]!.split(" ").length);

    const [turn] = server.turns;
    expect(turn!.path).toBe("/speech/recognition/conversation/cognitiveservices/v1");
    expect(turn!.query).toMatchObject({ language: "en-US", format: "detailed", wordLevelTimestamps: "true" });
    expect(turn!.headers["ocp-apim-subscription-key"]).toBe(KEY);
    expect(turn!.phrases).toEqual(["Parley", "order 4711"]);
    expect(turn!.audio).toEqual(sentenceAudio); // every sample arrived, in order
  });

  it("classifies a refused key (HTTP 401) as auth, not retryable", async () => {
    const stt = new AzureSpeechToText(azure("wrong-key"));
    const error = await transcribe(stt, sentenceAudio).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpeechProviderError);
    expect(error).toMatchObject({ kind: "auth", retryable: false, engine: "azure" });
    expect(server.handshakes.rejected).toBeGreaterThanOrEqual(1);
    expect(server.turns).toEqual([]);
    await stt.close();
  });

  it("opens the next utterance's connection after a successful one, and the next session streams on it", async () => {
    const stt = new AzureSpeechToText(azure());
    await transcribe(stt, sentenceAudio);
    await vi.waitFor(() => expect(server.connections).toHaveLength(2)); // the spare, opened after the turn
    const spare = server.connections[1]!;
    const second = await transcribe(stt, sentenceAudio, { phrases: ["Quillon"] });
    expect(second.engine).toBe("azure");
    expect(server.turns).toHaveLength(2);
    expect(server.turns[1]!.headers["x-connectionid"]).toBe(spare.id);
    expect(server.turns[1]!.phrases).toEqual(["Quillon"]); // the phrase list still reaches a pre-opened connection
    await stt.close();
  });

  it("reports a connection lost after the last audio as a retryable network error instead of waiting forever", async () => {
    server.inject({ at: "drop" });
    const error = await transcribe(new AzureSpeechToText(azure()), sentenceAudio).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network", retryable: true });
  });

  it("classifies the service's TooManyRequests answer as quota", async () => {
    server.inject({ at: "phrase", status: "TooManyRequests" });
    const error = await transcribe(new AzureSpeechToText(azure()), sentenceAudio).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "quota", retryable: false });
  });
});

describe("fallback to the offline engine", () => {
  it("serves from Whisper when Azure refuses the key, then skips Azure while it cools down", async () => {
    const events: FallbackEvent[] = [];
    const stt = new FallbackSpeechToText(new AzureSpeechToText(azure("wrong-key")), whisper, { onFallback: (e) => events.push(e) });
    const first = await transcribe(stt, sentenceAudio);
    expect(first.engine).toBe("whisper-tiny.en");
    expect(wordErrorRate(SENTENCE, first.text)).toBeLessThanOrEqual(0.2);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from: "azure", to: "whisper-tiny.en", error: { kind: "auth" } });
    expect(stt.primaryAvailable).toBe(false);

    const rejectedBefore = server.handshakes.rejected;
    const second = await transcribe(stt, sentenceAudio);
    expect(second.engine).toBe("whisper-tiny.en");
    expect(server.handshakes.rejected).toBe(rejectedBefore); // Azure not even tried
  });

  it("retries a dropped connection on Azure before falling back", async () => {
    server.inject({ at: "drop" });
    const events: FallbackEvent[] = [];
    const primary = new AzureSpeechToText(azure());
    const stt = new FallbackSpeechToText(primary, whisper, { onFallback: (e) => events.push(e) });
    const result = await transcribe(stt, sentenceAudio);
    expect(wordErrorRate(SENTENCE, result.text)).toBeLessThanOrEqual(0.2);
    expect(result.engine).toBe("azure");
    expect(events).toEqual([]);
    expect(server.turns.at(-1)!.audio).toEqual(sentenceAudio);
    await primary.close();
  });

  it("falls back for quota errors after audio was streamed, replaying the utterance", async () => {
    server.inject({ at: "phrase", status: "TooManyRequests" });
    const events: FallbackEvent[] = [];
    const stt = new FallbackSpeechToText(new AzureSpeechToText(azure()), whisper, { onFallback: (e) => events.push(e) });
    const result = await transcribe(stt, sentenceAudio);
    expect(result.engine).toBe("whisper-tiny.en");
    expect(wordErrorRate(SENTENCE, result.text)).toBeLessThanOrEqual(0.2);
    expect(events.map((e) => e.error.kind)).toEqual(["quota"]);
  });

  it("speaks with espeak-ng when Azure TTS refuses the key, at the same rate", async () => {
    const events: FallbackEvent[] = [];
    const tts = new FallbackTextToSpeech(
      new AzureTextToSpeech({ ...azure("wrong-key"), sampleRate: 16_000 }),
      new EspeakTextToSpeech({ sampleRate: 16_000 }),
      { onFallback: (e) => events.push(e) },
    );
    const audio = await collect(tts.synthesize({ text: "Your order ships tomorrow" }));
    expect(tts.lastServedBy).toBe("espeak-ng");
    expect(events.map((e) => e.error.kind)).toEqual(["auth"]);
    const heard = await transcribe(whisper, audio);
    expect(wordErrorRate("Your order ships tomorrow", heard.text)).toBeLessThanOrEqual(0.25);
    await tts.close();
  });

  it("is what createSpeechProviders builds when a key is configured", async () => {
    const providers = createSpeechProviders({ azure: azure(), ttsSampleRate: 16_000 });
    expect(providers.stt.name).toBe("azure+whisper-tiny.en");
    expect(providers.tts).toMatchObject({ name: "azure+espeak-ng", sampleRate: 16_000 });
    expect((await transcribe(providers.stt, sentenceAudio)).engine).toBe("azure");
    await providers.stt.close?.();
    await providers.tts.close?.();
  });
});

describe("Azure text-to-speech over the SDK's protocol", () => {
  it("streams raw PCM at the chosen rate and reuses one connection for consecutive requests", async () => {
    const tts = new AzureTextToSpeech({ ...azure(), sampleRate: 24_000, voice: "en-GB-SoniaNeural" });
    tts.warmUp();
    const first = await collect(tts.synthesize({ text: "one two three four five" }));
    const second = await collect(tts.synthesize({ text: "six seven & eight" }));
    await tts.close();

    // The fake answers 120 ms of tone per word at the rate the SDK asked for.
    expect(first.length).toBe(Math.round(5 * 0.12 * 24_000));
    expect(second.length).toBe(Math.round(4 * 0.12 * 24_000));
    expect(Math.max(...first.slice(0, 2400))).toBeGreaterThan(7000);
    expect(ttsConnections()).toHaveLength(1);
    const [a, b] = server.turns;
    expect(a!.path).toBe("/tts/cognitiveservices/websocket/v1");
    expect(a!.synthesisContext).toMatchObject({ synthesis: { audio: { outputFormat: "raw-24khz-16bit-mono-pcm" } } });
    expect(a!.ssml).toContain('<voice name="en-GB-SoniaNeural">one two three four five</voice>');
    expect(b!.ssml).toContain("six seven &amp; eight");
  });

  it("passes caller SSML through and refuses bad requests before any network call", async () => {
    const tts = new AzureTextToSpeech({ ...azure(), sampleRate: 16_000 });
    const ssml = '<speak version="1.0" xml:lang="en-US"><voice name="en-US-JennyNeural">Hi <break time="200ms"/> there</voice></speak>';
    const audio = await collect(tts.synthesize({ text: "", ssml }));
    expect(audio.length).toBe(Math.round(2 * 0.12 * 16_000)); // the fake speaks the words outside the tags: "Hi", "there"
    expect(server.turns.at(-1)!.ssml).toBe(ssml);
    await expect(collect(tts.synthesize({ text: "" }))).rejects.toMatchObject({ kind: "bad-request" });
    await tts.close();
  });

  it("stops on abort (barge-in) without an error, and the next request gets a fresh connection", async () => {
    const tts = new AzureTextToSpeech({ ...azure(), sampleRate: 16_000 });
    const controller = new AbortController();
    let received = 0;
    for await (const chunk of tts.synthesize({ text: "word ".repeat(50) }, controller.signal)) {
      received += chunk.length;
      controller.abort();
    }
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(50 * 0.12 * 16_000);
    const next = await collect(tts.synthesize({ text: "still here" }));
    expect(next.length).toBe(Math.round(2 * 0.12 * 16_000));
    expect(ttsConnections()).toHaveLength(2); // the interrupted synthesizer was not reused
    await tts.close();
  });

  it("classifies a quota refusal at the handshake (HTTP 429)", async () => {
    server.inject({ at: "handshake", status: 429 });
    server.inject({ at: "handshake", status: 429 });
    const tts = new AzureTextToSpeech({ ...azure(), sampleRate: 16_000 });
    await expect(collect(tts.synthesize({ text: "hello" }))).rejects.toMatchObject({ kind: "quota" });
    await tts.close();
  });
});
