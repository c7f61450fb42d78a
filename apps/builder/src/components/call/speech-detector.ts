import type { AudioGraph } from '@parley/ui/call';
import { EnergyDetector } from './energy-detector';
import { levelDbfs } from '@parley/ui/call';

/** Where the builder serves the Silero model, the VAD worklet and onnxruntime-web's wasm (scripts/copy-vad-assets.mjs). */
const VAD_ASSETS = '/vad/';
/** A VAD that has not loaded by then is treated as missing. */
const LOAD_TIMEOUT_MS = 10_000;
const ENERGY_FRAME_MS = 20;

export interface SpeechDetector {
  kind: 'silero' | 'energy';
  /** Why the fallback is used (shown as a note). */
  reason?: string;
  destroy(): void;
}

export interface SpeechCallbacks {
  onSpeechStart(): void;
  onSpeechEnd(): void;
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`not loaded after ${ms / 1000} s`)), ms));
}

/** Silero VAD (onnxruntime-web, in the browser) on the call's own stream and AudioContext. */
async function startSilero(graph: AudioGraph, callbacks: SpeechCallbacks): Promise<SpeechDetector> {
  const { MicVAD } = await import('@ricky0123/vad-web');
  const vad = await MicVAD.new({
    model: 'v5',
    audioContext: graph.context,
    getStream: async () => graph.stream,
    // The call owns the stream: the VAD must not stop or replace its tracks.
    pauseStream: async () => undefined,
    resumeStream: async (stream) => stream,
    baseAssetPath: VAD_ASSETS,
    onnxWASMBasePath: VAD_ASSETS,
    onSpeechStart: callbacks.onSpeechStart,
    onSpeechEnd: callbacks.onSpeechEnd,
    onVADMisfire: callbacks.onSpeechEnd,
    // Quicker turn ends than the default 1.4 s: the gateway decides the turn, this only gates sending.
    redemptionMs: 800,
    // MicVAD.new starts listening itself (startOnLoad).
  });
  return { kind: 'silero', destroy: () => void vad.destroy() };
}

/** The level-based fallback, reading the input analyser every 20 ms. */
function startEnergy(graph: AudioGraph, callbacks: SpeechCallbacks, reason: string): SpeechDetector {
  const detector = new EnergyDetector();
  const samples = new Float32Array(graph.input.fftSize);
  const timer = setInterval(() => {
    graph.input.getFloatTimeDomainData(samples);
    const change = detector.push(levelDbfs(samples));
    if (change === 'start') callbacks.onSpeechStart();
    else if (change === 'end') callbacks.onSpeechEnd();
  }, ENERGY_FRAME_MS);
  return { kind: 'energy', reason, destroy: () => clearInterval(timer) };
}

/** Silero if it loads, else the energy detector: a call never goes without one. */
export async function startSpeechDetector(graph: AudioGraph, callbacks: SpeechCallbacks): Promise<SpeechDetector> {
  const silero = startSilero(graph, callbacks);
  try {
    return await Promise.race([silero, timeout(LOAD_TIMEOUT_MS)]);
  } catch (error) {
    // Too late is as good as never: a Silero that loads after the fallback took over stops itself.
    silero.then((late) => late.destroy(), () => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    return startEnergy(graph, callbacks, reason);
  }
}
