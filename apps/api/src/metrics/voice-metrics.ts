import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { VoiceEngines } from "../voice/engines";
import type { GatewayCounters } from "../voice/counters";

/** What the gateway's figures are read from at scrape time. */
export interface WatchedGateway {
  readonly counters: GatewayCounters;
  activeCalls(): number;
}

/** STT finals and TTS first bytes: tens of milliseconds (Azure) to seconds (Whisper on a busy core). */
const SPEECH_BUCKETS = [0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2.5, 5, 10];

/**
 * The voice gateway on /metrics: live calls and its counters (read when scraped, so the hot
 * path only bumps plain numbers), plus speech-to-text and text-to-speech latency, measured by
 * wrapping the engines: end of the caller's turn → final transcript, and request → first audio.
 */
export function watchVoiceGateway(registry: Registry, gateway: WatchedGateway): void {
  new Gauge({ name: "parley_voice_live_calls", help: "Voice calls in progress on this API instance", registers: [registry], collect() {
    this.set(gateway.activeCalls());
  } });
  const counted: [keyof GatewayCounters, string, string][] = [
    ["callsStarted", "parley_voice_calls_started_total", "Voice calls accepted"],
    ["callsRefused", "parley_voice_calls_refused_total", "Voice calls refused (over VOICE_MAX_CALLS, bad requests)"],
    ["sessionsFailed", "parley_voice_sessions_failed_total", "Voice calls that ended on an error of ours or a speech engine's"],
    ["framesProcessed", "parley_voice_frames_processed_total", "Audio frames run through the pipeline"],
    ["framesDropped", "parley_voice_frames_dropped_total", "Audio frames dropped because the pipeline fell behind"],
    ["framesOverRate", "parley_voice_frames_over_rate_total", "Audio frames refused over the per-second rate limit"],
    ["bargeIns", "parley_voice_barge_ins_total", "Times a caller spoke over the bot"],
    ["audioChunksSent", "parley_voice_tts_chunks_sent_total", "Synthesized audio chunks sent to callers"],
    ["audioChunksDropped", "parley_voice_tts_chunks_dropped_total", "Synthesized audio chunks dropped on slow connections"],
  ];
  for (const [field, name, help] of counted) {
    new Counter({ name, help, registers: [registry], collect() {
      this.reset();
      this.inc(gateway.counters[field]);
    } });
  }
}

/** The engines with their latency observed into `registry` (same behaviour otherwise). */
export function timedSpeechEngines(registry: Registry, engines: VoiceEngines): VoiceEngines {
  const sttFinal = new Histogram({ name: "parley_voice_stt_final_seconds", help: "End of a caller's turn to its final transcript", labelNames: ["engine"], buckets: SPEECH_BUCKETS, registers: [registry] });
  const ttsFirst = new Histogram({ name: "parley_voice_tts_first_audio_seconds", help: "Synthesis request to its first audio chunk", labelNames: ["engine"], buckets: SPEECH_BUCKETS, registers: [registry] });
  const { stt, tts } = engines;
  return {
    ...engines,
    stt: {
      name: stt.name,
      close: stt.close?.bind(stt),
      async start(options) {
        const session = await stt.start(options);
        return {
          write: (samples) => session.write(samples),
          onPartial: (listener) => session.onPartial(listener),
          close: () => session.close(),
          ...(session.onError ? { onError: (listener: Parameters<NonNullable<typeof session.onError>>[0]) => session.onError!(listener) } : {}),
          async finish() {
            const stop = sttFinal.startTimer({ engine: stt.name });
            const transcript = await session.finish();
            stop();
            return transcript;
          },
        };
      },
    },
    tts: {
      name: tts.name,
      sampleRate: tts.sampleRate,
      close: tts.close?.bind(tts),
      async *synthesize(request, signal) {
        const stop = ttsFirst.startTimer({ engine: tts.name });
        let first = true;
        for await (const chunk of tts.synthesize(request, signal)) {
          if (first) {
            stop();
            first = false;
          }
          yield chunk;
        }
      },
    },
  };
}
