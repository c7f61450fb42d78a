/**
 * Speed and accuracy of the offline speech engines (packages/voice/src/speech):
 *  - Whisper tiny.en: model load, final-decode latency and real-time factor per utterance, and
 *    WER on clean and 10 dB white-noise speech, for greedy decoding (the default) and beam 5;
 *  - espeak-ng: time to the first audio chunk and real-time factor of a whole reply.
 * Speech comes from espeak-ng (the ten support sentences of the tests).
 *
 *   npm run voice-speech -w @parley/bench      (or: npx tsx bench/voice/speech.ts [rounds])
 */
import { EspeakTextToSpeech, WhisperSpeechToText, corpusWordErrorRate, transcribe } from "@parley/voice";
import { SUPPORT_SENTENCES, speak, withNoise } from "../../packages/voice/test/support/speech-audio";
import { ms, summarize } from "../lib/stats";

const rounds = Math.max(1, Number(process.argv[2] ?? 2));
const clean = await Promise.all(SUPPORT_SENTENCES.map((s) => speak(s)));
const noisy = await Promise.all(clean.map((audio) => withNoise(audio, 10, "white")));
const seconds = (audio: Int16Array) => audio.length / 16_000;

console.log(`offline speech engines — ${SUPPORT_SENTENCES.length} utterances × ${rounds} rounds, mean ${(clean.reduce((s, a) => s + seconds(a), 0) / clean.length).toFixed(2)} s of audio each\n`);

for (const beamSize of [1, 5]) {
  const stt = new WhisperSpeechToText({ beamSize, partialIntervalMs: 0 });
  const loadStart = performance.now();
  await stt.warmUp();
  const loadMs = performance.now() - loadStart;
  const latencies: number[] = [];
  const rtfs: number[] = [];
  const werOf = async (set: Int16Array[]) => {
    const pairs = [];
    for (const [i, audio] of set.entries()) pairs.push({ reference: SUPPORT_SENTENCES[i]!, hypothesis: (await transcribe(stt, audio)).text });
    return corpusWordErrorRate(pairs);
  };
  for (let round = 0; round < rounds; round++) {
    for (const audio of clean) {
      const start = performance.now();
      await transcribe(stt, audio);
      const elapsed = performance.now() - start;
      latencies.push(elapsed);
      rtfs.push(elapsed / 1000 / seconds(audio));
    }
  }
  const [werClean, werNoisy] = [await werOf(clean), await werOf(noisy)];
  await stt.close();
  const l = summarize(latencies);
  const r = summarize(rtfs);
  console.log(`Whisper tiny.en, beam ${beamSize}: load ${ms(loadMs)}`);
  console.log(`  final decode  p50 ${ms(l.p50)}  p99 ${ms(l.p99)}  RTF p50 ${r.p50.toFixed(3)}  p99 ${r.p99.toFixed(3)}  (${(1 / r.mean).toFixed(1)}× real time)`);
  console.log(`  WER           clean ${(werClean * 100).toFixed(1)}%   white noise 10 dB ${(werNoisy * 100).toFixed(1)}%\n`);
}

const tts = new EspeakTextToSpeech({ sampleRate: 24_000 });
const firstChunk: number[] = [];
const ttsRtf: number[] = [];
for (let round = 0; round < rounds; round++) {
  for (const sentence of SUPPORT_SENTENCES) {
    const start = performance.now();
    let first = 0;
    let samples = 0;
    for await (const chunk of tts.synthesize({ text: `${sentence}. Is there anything else I can help you with?` })) {
      first ||= performance.now() - start;
      samples += chunk.length;
    }
    firstChunk.push(first);
    ttsRtf.push((performance.now() - start) / 1000 / (samples / tts.sampleRate));
  }
}
const f = summarize(firstChunk);
const t = summarize(ttsRtf);
console.log(`espeak-ng → 24 kHz: first chunk p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  RTF p50 ${t.p50.toFixed(3)}  (${(1 / t.mean).toFixed(0)}× real time)`);
